package dev.stagesh.dap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.stagesh.StageshException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LaunchConfigTest {
    private static final LaunchConfig FLAGS = new LaunchConfig(null, null, "build", false, List.of("A=1"),
            List.of(), false);
    private static final Path CWD = Path.of("/work/project");

    @Test
    void buildxLaunchArgumentsWorkAsTheyAre() {
        LaunchConfig c = FLAGS.with(Map.of("dockerfile", "sub/Dockerfile.dev", "contextPath", "sub",
                "target", "final", "stopOnEntry", true, "type", "dockerfile", "request", "launch"), CWD);
        assertThat(c.dockerfile()).isEqualTo(Path.of("/work/project/sub/Dockerfile.dev"));
        assertThat(c.context()).isEqualTo(Path.of("/work/project/sub"));
        assertThat(c.target()).isEqualTo("final");
        assertThat(c.stopOnEntry()).isTrue();
    }

    @Test
    void theContextAloneMeansItsDockerfile() {
        assertThat(FLAGS.with(Map.of("contextPath", "app"), CWD).dockerfile()).isEqualTo(Path.of("/work/project/app/Dockerfile"));
    }

    @Test
    void buildxArgsAreCommandLineFlagsAndAddToTheCommandLines() {
        LaunchConfig c = FLAGS.with(Map.of("args", List.of("--build-arg", "B=2", "--build-arg=C=3", "--no-cache",
                "--secret", "id=tok,src=/t", "--target", "t2")), CWD);
        assertThat(c.buildArgs()).containsExactly("A=1", "B=2", "C=3");
        assertThat(c.secrets()).containsExactly("id=tok,src=/t");
        assertThat(c.noCache()).isTrue();
        assertThat(c.target()).isEqualTo("t2");
    }

    @Test
    void buildArgsAndSecretsHaveTheirOwnKeysToo() {
        Map<String, Object> args = new LinkedHashMap<>();
        args.put("buildArgs", Map.of("VERSION", 1.0));
        args.put("secrets", List.of("id=a"));
        args.put("noCache", true);
        LaunchConfig c = FLAGS.with(args, CWD);
        assertThat(c.buildArgs()).containsExactly("A=1", "VERSION=1");
        assertThat(c.secrets()).containsExactly("id=a");
        assertThat(c.noCache()).isTrue();
        assertThat(FLAGS.with(Map.of("args", Map.of("X", "y")), CWD).buildArgs()).containsExactly("A=1", "X=y");
    }

    @Test
    void wrongTypesAndUnknownFlagsAreOneLineErrors() {
        assertThatThrownBy(() -> FLAGS.with(Map.of("stopOnEntry", "yes"), CWD)).isInstanceOf(StageshException.class)
                .hasMessage("launch: 'stopOnEntry' must be true or false");
        assertThatThrownBy(() -> FLAGS.with(Map.of("args", List.of("--push")), CWD)).isInstanceOf(StageshException.class)
                .hasMessageContaining("'--push' is not supported");
        assertThatThrownBy(() -> FLAGS.with(Map.of("args", List.of("--build-arg")), CWD)).isInstanceOf(StageshException.class)
                .hasMessageContaining("needs a value");
    }
}
