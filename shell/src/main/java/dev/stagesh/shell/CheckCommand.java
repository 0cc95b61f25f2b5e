package dev.stagesh.shell;

import dev.stagesh.dockerfile.checks.CheckResult;
import dev.stagesh.dockerfile.checks.Finding;
import picocli.CommandLine.Command;

@Command(name = "check", description = {
    "Show every build check warning of the loaded Dockerfile (BuildKit's rules, as docker build --check finds them).",
    "After reload or edit it checks the file as it is now."})
final class CheckCommand extends SessionCommand {
    @Override
    int execute() {
        CheckResult result = context.checks().result();
        for (Finding f : result.sortedByLine()) {
            printer().line("line " + f.line() + ": " + f.rule().ruleName() + ": " + f.detail()
                    + (f.rule().url().isEmpty() ? "" : " (" + f.rule().url() + ")"));
        }
        result.buildError().ifPresent(e -> printer().line(
                (e.line() > 0 ? "line " + e.line() + ": " : "") + "error: " + e.message()));
        int n = result.warnings().size();
        printer().line(n == 0 ? "no warnings" : n == 1 ? "1 warning" : n + " warnings");
        return 0;
    }
}
