package dev.stagesh.it;

import org.junit.jupiter.api.Assumptions;

/**
 * What a real-engine test needs from the machine beyond the engine (root, dockerd, openssl, ip, tmux). On a
 * developer's machine a missing tool skips the test with the reason; under scripts/test, which installs them all
 * ({@code STAGESH_REQUIRE_PRECONDITIONS=1}), and on CI ({@code CI=true}) it fails: a test that cannot run there
 * would otherwise pass by not running.
 */
final class Preconditions {
    private Preconditions() {}

    static boolean required() {
        return "1".equals(System.getenv("STAGESH_REQUIRE_PRECONDITIONS")) || "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** @param whyNot why this machine cannot run the test, or null when it can */
    static void need(String whyNot) {
        if (whyNot == null) {
            return;
        }
        if (required()) {
            throw new AssertionError(whyNot + " (STAGESH_REQUIRE_PRECONDITIONS=1 or CI=true: the test must run here)");
        }
        Assumptions.abort("skipped: " + whyNot);
    }

    static void needTmux() {
        need(Tmux.available() ? null : "tmux is not installed (scripts/test installs it)");
    }
}
