package dev.stagesh.cli;

import picocli.CommandLine;

/** The version from the jar's manifest, set by the build. */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        String v = StageshCommand.class.getPackage().getImplementationVersion();
        return new String[] {"stagesh " + (v == null ? "development build" : v)};
    }
}
