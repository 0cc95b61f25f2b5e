package dev.stagesh.cli;

import dev.stagesh.docker.EngineEndpoint;
import dev.stagesh.docker.EngineProbe;
import dev.stagesh.docker.EngineUnavailableException;
import picocli.CommandLine;

/**
 * {@code stagesh --version}: the version from the jar's manifest (set by the build), and the
 * engine this stagesh would talk to, found as every session finds it. Neither line can fail:
 * a version asked for on a machine with no engine must still print.
 */
final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
        return new String[] {"stagesh " + number(), "engine: " + engine()};
    }

    static String number() {
        String v = StageshCommand.class.getPackage().getImplementationVersion();
        return v == null ? "development build" : v;
    }

    private static String engine() {
        EngineEndpoint endpoint;
        try {
            endpoint = EngineEndpoint.resolve();
        } catch (EngineUnavailableException e) {
            return "none usable: " + e.getMessage();
        }
        EngineProbe.Answer answer = EngineProbe.ask(endpoint);
        // Java 17 has no patterns in switch: the sealed interface's two cases, one by one
        if (answer instanceof EngineProbe.Answer.Server s) {
            return endpoint.describe() + ": " + s.product() + " " + s.version() + " (API " + s.apiVersion() + ", "
                    + s.platform() + ")";
        }
        return endpoint.describe() + ": " + ((EngineProbe.Answer.Silent) answer).why();
    }
}
