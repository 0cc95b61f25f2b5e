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
        // a mount whose target the image lacks: over TCP no directory of the engine is ours, and still its
        // mount point must not reach the layer (issue 15, item 2)
        Files.writeString(f, "FROM busybox\nRUN --mount=type=tmpfs,target=/scratch echo over-tls > /a\n");
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
        var r = EngineFaultIT.runWith(env, "--no-cache", "-c", "next 2; cat /a; find / -maxdepth 1 -name scratch",
                dockerfile().toString());
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

    /** The port of the TLS engine's tcp://127.0.0.1:PORT. */
    private static int port() {
        return Integer.parseInt(engine.host().substring(engine.host().lastIndexOf(':') + 1));
    }

    /**
     * stagesh checks the server too: a client that trusted any certificate would pass every test above. Here the
     * CA it is given (ca.pem) is another one than the one that signed the engine's certificate; the client
     * certificate is the right one, so only stagesh can refuse.
     */
    @Test
    void aServerWhoseCertificateAnotherCaSignedIsRefused() throws IOException {
        Path otherCa = Files.createDirectories(dir.resolve("other-ca"));
        Files.copy(engine.wrongClientCerts.resolve("other-ca.pem"), otherCa.resolve("ca.pem"));
        Files.copy(engine.clientCerts.resolve("cert.pem"), otherCa.resolve("cert.pem"));
        Files.copy(engine.clientCerts.resolve("key.pem"), otherCa.resolve("key.pem"));
        var r = EngineFaultIT.runWith(env(Map.of("DOCKER_HOST", engine.host(), "DOCKER_TLS_VERIFY", "1",
                "DOCKER_CERT_PATH", otherCa.toString())), "--no-cache", "-c", "next 2; cat /a; find / -maxdepth 1 -name scratch",
                dockerfile().toString());
        System.out.println("[remote] " + r.stderr().strip());
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
        assertThat(r.stdout()).as("nothing ran").isEmpty();
        assertThat(r.stderr()).as(r.toString()).hasLineCount(1)
                .isEqualTo("stagesh: no Docker engine answers at " + engine.host() + " (DOCKER_HOST, TLS with the certificates in "
                        + otherCa + "): its certificate is not signed by the CA in " + otherCa.resolve("ca.pem")
                        + "; use the CA that signed the engine's certificate\n");
    }

    /** The engine's certificate names 127.0.0.1 and localhost; reached as 127.0.0.2 it names another host. */
    @Test
    void aServerWhoseCertificateNamesAnotherHostIsRefused() throws IOException {
        try (TcpForwarder other = TcpForwarder.to(port())) {
            Map<String, String> env = env(Map.of("DOCKER_HOST", other.host(), "DOCKER_TLS_VERIFY", "1",
                    "DOCKER_CERT_PATH", engine.clientCerts.toString()));
            // the same name through the forwarder works with the docker CLI only if it skips the check: it does not
            assertThat(DockerCli.exec(env, "docker", "version", "--format", "{{.Server.Version}}").exitCode())
                    .as("the docker CLI refuses it too").isNotZero();
            var r = EngineFaultIT.runWith(env, "--no-cache", "-c", "next 2; cat /a; find / -maxdepth 1 -name scratch",
                dockerfile().toString());
            System.out.println("[remote] " + r.stderr().strip());
            assertThat(r.exitCode()).as(r.toString()).isEqualTo(2);
            assertThat(r.stdout()).as("nothing ran").isEmpty();
            assertThat(r.stderr()).as(r.toString()).hasLineCount(1)
                    .startsWith("stagesh: no Docker engine answers at " + other.host() + " (DOCKER_HOST, TLS with the certificates in "
                            + engine.clientCerts + "): its certificate is not issued for 127.0.0.2 (")
                    .endsWith("); connect by a name the certificate lists\n");
        }
        // and the same engine by its own name is fine: the refusal was the name's
        assertASessionWorks(env(engine.clientEnv()));
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
