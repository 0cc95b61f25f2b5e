package dev.stagesh.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The engine address is chosen as the docker CLI chooses it. */
class EngineEndpointTest {
    @TempDir
    Path home;

    private Path context(String name, String host, boolean tls) throws Exception {
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8)));
        Path meta = home.resolve(".docker/contexts/meta/" + hash);
        Files.createDirectories(meta);
        Files.writeString(meta.resolve("meta.json"), "{\"Name\":\"" + name + "\",\"Metadata\":{},\"Endpoints\":{\"docker\":{\"Host\":\""
                + host + "\",\"SkipTLSVerify\":false}}}");
        Path tlsDir = home.resolve(".docker/contexts/tls/" + hash + "/docker");
        if (tls) {
            Files.createDirectories(tlsDir);
            for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
                Files.writeString(tlsDir.resolve(f), "x");
            }
        }
        return tlsDir;
    }

    @Test
    void defaultSocketWhenNothingIsSet() {
        EngineEndpoint e = EngineEndpoint.resolve(Map.of(), home);
        assertThat(e.host()).hasToString("unix:///var/run/docker.sock");
        assertThat(e.tls()).isFalse();
        assertThat(e.describe()).isEqualTo("unix:///var/run/docker.sock (the default socket)");
    }

    @Test
    void dockerHostWinsOverContexts() throws Exception {
        context("remote", "tcp://10.0.0.1:2376", false);
        EngineEndpoint e = EngineEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://127.0.0.1:2375", "DOCKER_CONTEXT", "remote"), home);
        assertThat(e.host()).hasToString("tcp://127.0.0.1:2375");
        assertThat(e.source()).isEqualTo("DOCKER_HOST");
    }

    @Test
    void tlsVerifyNeedsTheThreeFiles() throws IOException {
        Path certs = Files.createDirectories(home.resolve("certs"));
        assertThatThrownBy(() -> EngineEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString()), home))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("DOCKER_TLS_VERIFY is set, but DOCKER_CERT_PATH " + certs + " has no readable ca.pem (it needs ca.pem, cert.pem and key.pem)");
        for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.writeString(certs.resolve(f), "x");
        }
        EngineEndpoint e = EngineEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://h:2376", "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", certs.toString()), home);
        assertThat(e.certPath()).isEqualTo(certs);
    }

    @Test
    void contextFromEnvironmentOrConfigFile() throws Exception {
        Path tls = context("remote", "tcp://10.0.0.1:2376", true);
        EngineEndpoint byEnv = EngineEndpoint.resolve(Map.of("DOCKER_CONTEXT", "remote"), home);
        assertThat(byEnv.host()).hasToString("tcp://10.0.0.1:2376");
        assertThat(byEnv.certPath()).isEqualTo(tls);
        assertThat(byEnv.source()).isEqualTo("context remote (DOCKER_CONTEXT)");

        Files.writeString(home.resolve(".docker/config.json"), "{\"currentContext\": \"remote\"}");
        EngineEndpoint byFile = EngineEndpoint.resolve(Map.of(), home);
        assertThat(byFile.host()).hasToString("tcp://10.0.0.1:2376");
        assertThat(byFile.source()).isEqualTo("context remote (currentContext in " + home.resolve(".docker/config.json") + ")");

        EngineEndpoint explicitDefault = EngineEndpoint.resolve(Map.of("DOCKER_CONTEXT", "default"), home);
        assertThat(explicitDefault.host()).hasToString("unix:///var/run/docker.sock");
    }

    @Test
    void unknownContextAndBadAddressesAreOneLine() {
        assertThatThrownBy(() -> EngineEndpoint.resolve(Map.of("DOCKER_CONTEXT", "nope"), home))
                .hasMessage("Docker context \"nope\" (from DOCKER_CONTEXT) does not exist; 'docker context ls' lists the contexts");
        assertThatThrownBy(() -> EngineEndpoint.resolve(Map.of("DOCKER_HOST", "http://x"), home))
                .hasMessageStartingWith("DOCKER_HOST \"http://x\" is not an address stagesh can use");
        assertThatThrownBy(() -> EngineEndpoint.resolve(Map.of("DOCKER_HOST", "tcp://hostonly"), home))
                .hasMessage("DOCKER_HOST \"tcp://hostonly\" lacks a host or a port (tcp://host:port)");
    }

    /** No transport of stagesh speaks ssh: the refusal says so and how to reach the engine anyway. */
    @Test
    void anSshAddressIsRefusedWithTheForwardingThatWorks() throws Exception {
        assertThatThrownBy(() -> EngineEndpoint.resolve(Map.of("DOCKER_HOST", "ssh://dev@build.example:2222"), home))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("DOCKER_HOST \"ssh://dev@build.example:2222\" is an ssh address, which stagesh cannot use:"
                        + " forward the engine's socket (ssh -nNT -L /tmp/engine.sock:/var/run/docker.sock -p 2222"
                        + " dev@build.example) and set DOCKER_HOST=unix:///tmp/engine.sock");
        // a context made by 'docker context create --docker host=ssh://...' is refused the same way
        context("far", "ssh://ops@far.example", false);
        assertThatThrownBy(() -> EngineEndpoint.resolve(Map.of("DOCKER_CONTEXT", "far"), home))
                .isInstanceOf(EngineUnavailableException.class)
                .hasMessage("context far (DOCKER_CONTEXT) \"ssh://ops@far.example\" is an ssh address, which stagesh"
                        + " cannot use: forward the engine's socket (ssh -nNT -L /tmp/engine.sock:/var/run/docker.sock"
                        + " ops@far.example) and set DOCKER_HOST=unix:///tmp/engine.sock");
    }
}
