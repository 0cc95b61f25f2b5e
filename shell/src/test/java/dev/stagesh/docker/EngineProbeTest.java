package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EngineProbeTest {
    @TempDir
    Path dir;

    private static EngineProbe.Answer parse(int status, String json) throws IOException {
        return EngineProbe.parse(status, json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsDockersAndPodmansVersionAnswers() throws IOException {
        assertThat(parse(200, """
                {"Components":[{"Name":"Engine","Version":"20.10.24"}],"Version":"20.10.24","ApiVersion":"1.41","Os":"linux","Arch":"amd64"}"""))
                .isEqualTo(new EngineProbe.Answer.Server("Docker Engine", "20.10.24", "1.41", "linux/amd64"));
        assertThat(parse(200, """
                {"Components":[{"Name":"Podman Engine","Version":"5.4.2"}],"Version":"5.4.2","ApiVersion":"1.41","Os":"linux","Arch":"arm64"}"""))
                .isEqualTo(new EngineProbe.Answer.Server("Podman Engine", "5.4.2", "1.41", "linux/arm64"));
    }

    @Test
    void anythingButAnAnswerIsSaidNeverThrown() throws IOException {
        assertThat(parse(500, "{}")).isEqualTo(new EngineProbe.Answer.Silent("it answered /version with status 500"));
        Path none = dir.resolve("none.sock");
        EngineProbe.Answer silent = EngineProbe.ask(new EngineEndpoint(URI.create("unix://" + none), null, "test"));
        assertThat(silent).isInstanceOf(EngineProbe.Answer.Silent.class);
        assertThat(((EngineProbe.Answer.Silent) silent).why()).startsWith("no answer (");
        EngineProbe.Answer tls = EngineProbe.ask(new EngineEndpoint(URI.create("tcp://127.0.0.1:2376"), dir, "test"));
        assertThat(((EngineProbe.Answer.Silent) tls).why()).startsWith("not asked: TLS");
    }
}
