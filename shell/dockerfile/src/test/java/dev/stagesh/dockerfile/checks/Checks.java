package dev.stagesh.dockerfile.checks;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Test helpers: a check run rendered as {@code "line Rule: detail"} lines, sorted as BuildKit's own tests sort. */
final class Checks {
    private Checks() {
    }

    static List<String> warnings(String dockerfile) {
        return warnings(dockerfile, CheckOptions.defaults());
    }

    static List<String> warnings(String dockerfile, Map<String, String> buildArgs) {
        return warnings(dockerfile, CheckOptions.defaults().withBuildArgs(buildArgs));
    }

    static List<String> warnings(String dockerfile, CheckOptions options) {
        return render(Checker.check(dockerfile, "Dockerfile", options));
    }

    static List<String> render(CheckResult r) {
        return r.warnings().stream()
                .sorted(Comparator.comparingInt(Finding::line).thenComparing(Finding::detail))
                .map(f -> f.line() + " " + f.rule().ruleName() + ": " + f.detail()).toList();
    }

    static String error(String dockerfile) {
        return error(dockerfile, CheckOptions.defaults());
    }

    static String error(String dockerfile, CheckOptions options) {
        return Checker.check(dockerfile, "Dockerfile", options).buildError().map(BuildError::message).orElse(null);
    }
}
