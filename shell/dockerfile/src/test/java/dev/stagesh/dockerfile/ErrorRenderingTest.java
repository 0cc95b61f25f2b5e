package dev.stagesh.dockerfile;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ErrorRenderingTest {
    private static DockerfileException failure(String text) {
        try {
            Dockerfile.parse(text, "app/Dockerfile");
        } catch (DockerfileException e) {
            return e;
        }
        throw new AssertionError("expected failure");
    }

    @Test
    void rendersFileLineColumnSourceAndCaret() {
        DockerfileException e = failure("FROM alpine\n  COPY --form=x a b\n");
        assertThat(e.render()).isEqualTo("""
                app/Dockerfile:2:8: unknown flag: --form (did you mean from?)
                  COPY --form=x a b
                       ^""");
    }

    @Test
    void unknownInstructionPointsAtItsName() {
        DockerfileException e = failure("FROM a\nRUNN echo\n");
        assertThat(e.render()).isEqualTo("app/Dockerfile:2:1: unknown instruction: RUNN (did you mean run?)\n"
                + "RUNN echo\n^");
    }

    @Test
    void parserErrorsAreLocatedToo() {
        DockerfileException e = failure("FROM a\nENV ONLYKEY\n");
        assertThat(e).isInstanceOf(DockerfileSyntaxException.class);
        assertThat(e.render()).isEqualTo("app/Dockerfile:2:1: ENV must have two arguments\nENV ONLYKEY\n^");
    }

    @Test
    void withoutPositionOnlyTheMessage() {
        assertThat(new DockerfileException("boom").render()).isEqualTo("Dockerfile: boom");
        assertThat(failure("").render()).startsWith("app/Dockerfile:1: file with no instructions");
    }
}
