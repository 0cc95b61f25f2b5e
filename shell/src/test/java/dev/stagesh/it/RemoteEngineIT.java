package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A remote engine secured with TLS, reached as the docker CLI reaches it: DOCKER_HOST with
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, a context named by DOCKER_CONTEXT, and the current
 * context of ~/.docker/config.json. A client without the right certificate is refused with one line.
 */
class RemoteEngineIT {
    private static SecondEngine engine;

    @TempDir
    Path dir;

    @BeforeAll
    static void startEngine() throws IOException {
        String why = SecondEngine.unavailable();
        Preconditions.need(why);
        engine = SecondEngine.start(true);
    }

    @AfterAll
    static void stopEngine() {
        if (engine != null) {
            engine.close();
        }
    }

    private Path dockerfile() throws IOException {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, "FROM busybox\nRUN echo over-tls > /a\n");
        return f;
    }

    /** A clean client environment: nothing inherited points at the main engine. */
    private Map<String, String> env(Map<String, String> more) {
        Map<String, String> env = new HashMap<>(Map.of("DOCKER_HOST", "", "DOCKER_CONTEXT", "", "DOCKER_TLS_VERIFY", "",
                "DOCKER_CERT_PATH", "", "DOCKER_CONFIG", "", "HOME", dir.resolve("home").toString()));
        env.putAll(more);
        return env;
    }

    private void assertASessionWorks(Map<String, String> env) throws IOException {
        var r = EngineFaultIT.runWith(env, "--no-cache", "-c", "next 2; cat /a", dockerfile().toString());
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stdout()).isEqualTo("over-tls\n");
    }

    @Test
    void dockerHostWithTlsVerify() throws IOException {
        Map<String, String> env = env(engine.clientEnv());
        StageshProcess s = StageshProcess.start(env, "--no-cache", dockerfile().toString());
        s.send("next 2").send("cat /a").awaitStdout("^over-tls\n$");
        assertThat(Leftovers.of(s.pid(), engine.clientEnv()).containers()).as("the session runs on the TLS engine").isNotEmpty();
        s.send("quit");
        assertThat(s.waitFor(java.time.Duration.ofSeconds(30))).as(s.toString()).isZero();
        assertThat(Leftovers.of(s.pid(), engine.clientEnv()).none()).isTrue();
    }

    @Test
    void dockerContextByEnvironmentAndAsTheCurrentContext() throws IOException {
        Files.createDirectories(dir.resolve("home"));
        Map<String, String> cli = env(Map.of());
        Path c = engine.clientCerts;
        DockerCli.must(cli, "docker", "context", "create", "it-remote", "--docker",
                "host=" + engine.host() + ",ca=" + c.resolve("ca.pem") + ",cert=" + c.resolve("cert.pem") + ",key=" + c.resolve("key.pem"));
        assertASessionWorks(env(Map.of("DOCKER_CONTEXT", "it-remote")));

        DockerCli.must(cli, "docker", "context", "use", "it-remote");
        assertThat(Files.readString(dir.resolve("home/.docker/config.json"))).contains("\"currentContext\": \"it-remote\"");
        assertASessionWorks(env(Map.of()));
    }

    @Test
    void aClientWithoutTheRightCertificateIsRefusedInOneLine() throws IOException {
        dockerfile();
        var wrong = EngineFaultIT.runWith(env(Map.of("DOCKER_HOST", engine.host(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", engine.wrongClientCerts.toString())), "-c", "ls /", dir.toString());
        assertThat(wrong.exitCode()).as(wrong.toString()).isEqualTo(2);
        assertThat(wrong.stderr()).as(wrong.toString()).hasLineCount(1)
                .startsWith("stagesh: no Docker engine answers at " + engine.host() + " (DOCKER_HOST, TLS with the certificates in "
                        + engine.wrongClientCerts + "): it refused the client certificate in " + engine.wrongClientCerts)
                .endsWith("; use a client certificate signed by the CA the engine trusts (its --tlscacert)\n");
        System.out.println("[remote] " + wrong.stderr().strip());

        var plain = EngineFaultIT.runWith(env(Map.of("DOCKER_HOST", engine.host())), "-c", "ls /", dir.toString());
        assertThat(plain.exitCode()).as(plain.toString()).isEqualTo(2);
        assertThat(plain.stderr()).as(plain.toString()).isEqualTo("stagesh: no Docker engine answers at " + engine.host()
                + " (DOCKER_HOST): it speaks TLS, but no client certificates were given; set DOCKER_TLS_VERIFY=1 and"
                + " DOCKER_CERT_PATH to a directory with ca.pem, cert.pem and key.pem\n");
        System.out.println("[remote] " + plain.stderr().strip());

        var missing = EngineFaultIT.runWith(env(Map.of("DOCKER_HOST", engine.host(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", dir.resolve("no-certs").toString())), "-c", "ls /", dir.toString());
        assertThat(missing.exitCode()).as(missing.toString()).isEqualTo(2);
        assertThat(missing.stderr()).isEqualTo("stagesh: DOCKER_TLS_VERIFY is set, but DOCKER_CERT_PATH " + dir.resolve("no-certs")
                + " has no readable ca.pem (it needs ca.pem, cert.pem and key.pem)\n");
        System.out.println("[remote] " + missing.stderr().strip());
    }
}
