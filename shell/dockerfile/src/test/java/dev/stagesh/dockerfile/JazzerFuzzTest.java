package dev.stagesh.dockerfile;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Coverage-guided fuzzing of the whole public API with Jazzer. A plain test run replays the seed inputs in
 * {@code src/test/resources/dev/stagesh/dockerfile/JazzerFuzzTestInputs/} (and any crash Jazzer saved there), so a
 * bug once found stays found; {@code JAZZER_FUZZ=1 mvn -pl shell/dockerfile test -Dtest=JazzerFuzzTest} fuzzes for
 * {@code maxDuration}. The property is {@link dev.stagesh.dockerfile.FuzzTest}'s: only DockerfileException escapes,
 * and never an internal error.
 */
class JazzerFuzzTest {
    @FuzzTest(maxDuration = "60s")
    void anyTextParsesOrIsRefusedCleanly(FuzzedDataProvider data) {
        String input = data.consumeRemainingAsString();
        try {
            dev.stagesh.dockerfile.FuzzTest.exercise(input);
        } catch (DockerfileException refused) {
            if (refused.getMessage().startsWith("internal error")) {
                throw new AssertionError("internal error", refused);
            }
        }
    }
}
