package dev.stagesh.it;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A second Docker engine of the test's own, next to the machine's: its own data, exec root,
 * pid file and socket (a unix socket, or TCP on 127.0.0.1 with TLS and certificates made here
 * with openssl), and its own bridge. Never {@code --bridge=none}: a daemon started that way
 * deletes docker0, the main engine's bridge, on start. busybox is copied in from the main
 * engine, since nothing can be pulled. {@link #close()} stops it and removes all of it.
 */
final class SecondEngine implements AutoCloseable {
    final Path dir;
    final Path certs;
    final Path clientCerts;
    final Path wrongClientCerts;
    final String host;
    private final boolean tls;
    private final String bridge;
    private Process dockerd;

    private SecondEngine(boolean tls) throws IOException {
        this.tls = tls;
        String id = UUID.randomUUID().toString().substring(0, 6);
        this.dir = Path.of("/tmp", "stagesh-it-d" + id);
        Files.createDirectories(dir);
        this.certs = dir.resolve("certs");
        this.clientCerts = dir.resolve("client");
        this.wrongClientCerts = dir.resolve("wrong-client");
        this.bridge = "stgsh" + id;
        this.host = tls ? "tcp://127.0.0.1:" + freePort() : "unix://" + dir.resolve("sock");
    }

    /** Why this machine cannot run one, or null when it can. */
    static String unavailable() {
        if (!DockerCli.isRoot()) {
            return "a second dockerd needs root";
        }
        for (String tool : new String[] {"dockerd", "openssl", "ip"}) {
            if (!DockerCli.has(tool)) {
                return tool + " is not installed";
            }
        }
        return null;
    }

    static SecondEngine start(boolean tls) throws IOException {
        SecondEngine e = new SecondEngine(tls);
        try {
            if (tls) {
                e.makeCertificates();
            }
            int subnet = ThreadLocalRandom.current().nextInt(100, 250);
            DockerCli.must(Map.of(), "ip", "link", "add", e.bridge, "type", "bridge");
            DockerCli.must(Map.of(), "ip", "addr", "add", "10.213." + subnet + ".1/24", "dev", e.bridge);
            DockerCli.must(Map.of(), "ip", "link", "set", e.bridge, "up");
            Files.writeString(e.dir.resolve("daemon.json"), "{}");
            e.startDaemon();
            e.loadBusybox();
            return e;
        } catch (IOException | RuntimeException | Error ex) {
            e.close();
            throw ex;
        }
    }

    String host() {
        return host;
    }

    /** The environment a client with the right certificates uses. */
    Map<String, String> clientEnv() {
        Map<String, String> env = new HashMap<>();
        env.put("DOCKER_HOST", host);
        if (tls) {
            env.put("DOCKER_TLS_VERIFY", "1");
            env.put("DOCKER_CERT_PATH", clientCerts.toString());
        }
        return env;
    }

    private void startDaemon() throws IOException {
        List<String> cmd = new ArrayList<>(List.of("dockerd",
                "--data-root", dir.resolve("data").toString(),
                "--exec-root", dir.resolve("x").toString(),
                "--pidfile", dir.resolve("dockerd.pid").toString(),
                "--config-file", dir.resolve("daemon.json").toString(),
                "-H", host,
                "--bridge=" + bridge, "--iptables=false", "--ip6tables=false", "--ip-masq=false"));
        if (tls) {
            cmd.addAll(List.of("--tlsverify",
                    "--tlscacert", certs.resolve("ca.pem").toString(),
                    "--tlscert", certs.resolve("server-cert.pem").toString(),
                    "--tlskey", certs.resolve("server-key.pem").toString()));
        }
        dockerd = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("dockerd.log").toFile())).start();
        long end = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (System.nanoTime() < end) {
            if (!dockerd.isAlive()) {
                throw new AssertionError("the second dockerd exited " + dockerd.exitValue() + ":\n" + log());
            }
            if (DockerCli.exec(clientEnv(), "docker", "info", "--format", "{{.ID}}").exitCode() == 0) {
                return;
            }
            StageshProcess.sleep(250);
        }
        throw new AssertionError("the second dockerd did not answer within 60 s:\n" + log());
    }

    /** Stops the daemon as a service manager would (SIGTERM) and waits until it is gone. */
    void stopDaemon() {
        if (dockerd == null) {
            return;
        }
        dockerd.destroy();
        try {
            if (!dockerd.waitFor(30, TimeUnit.SECONDS)) {
                dockerd.destroyForcibly();
                dockerd.waitFor(10, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        dockerd = null;
    }

    /** Stops the daemon and starts it again on the same data: images stay, containers stop. */
    void restart() throws IOException {
        stopDaemon();
        startDaemon();
    }

    String log() {
        try {
            return Files.readString(dir.resolve("dockerd.log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
        }
    }

    private void loadBusybox() throws IOException {
        Process save = new ProcessBuilder("docker", "save", "busybox:latest").redirectError(ProcessBuilder.Redirect.DISCARD).start();
        DockerCli.Exec r = DockerCli.exec(clientEnv(), save.getInputStream(), "docker", "load");
        if (r.exitCode() != 0) {
            throw new AssertionError("cannot load busybox into the second engine: " + r.output());
        }
    }

    private void makeCertificates() throws IOException {
        Files.createDirectories(certs);
        Files.createDirectories(clientCerts);
        Files.createDirectories(wrongClientCerts);
        Map<String, String> none = Map.of();
        String c = certs.toString();
        // the CA, and a server certificate for 127.0.0.1 and localhost
        DockerCli.must(none, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=stagesh-it-ca", "-keyout", c + "/ca-key.pem", "-out", c + "/ca.pem");
        Files.writeString(certs.resolve("server.ext"),
                "subjectAltName=IP:127.0.0.1,DNS:localhost\nextendedKeyUsage=serverAuth\n");
        sign("server", certs, certs.resolve("ca.pem"), certs.resolve("ca-key.pem"), certs.resolve("server.ext"), "localhost");
        Files.move(certs.resolve("server.pem"), certs.resolve("server-cert.pem"));
        // a client certificate from that CA
        Files.writeString(certs.resolve("client.ext"), "extendedKeyUsage=clientAuth\n");
        sign("client", certs, certs.resolve("ca.pem"), certs.resolve("ca-key.pem"), certs.resolve("client.ext"), "client");
        Files.copy(certs.resolve("ca.pem"), clientCerts.resolve("ca.pem"));
        Files.move(certs.resolve("client.pem"), clientCerts.resolve("cert.pem"));
        Files.move(certs.resolve("client-key.pem"), clientCerts.resolve("key.pem"));
        // a client certificate from a CA the engine does not trust (it trusts the server, though)
        String w = wrongClientCerts.toString();
        DockerCli.must(none, "openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2",
                "-subj", "/CN=some-other-ca", "-keyout", w + "/other-ca-key.pem", "-out", w + "/other-ca.pem");
        sign("client", wrongClientCerts, wrongClientCerts.resolve("other-ca.pem"), wrongClientCerts.resolve("other-ca-key.pem"),
                certs.resolve("client.ext"), "intruder");
        Files.copy(certs.resolve("ca.pem"), wrongClientCerts.resolve("ca.pem"));
        Files.move(wrongClientCerts.resolve("client.pem"), wrongClientCerts.resolve("cert.pem"));
        Files.move(wrongClientCerts.resolve("client-key.pem"), wrongClientCerts.resolve("key.pem"));
    }

    private static void sign(String name, Path into, Path ca, Path caKey, Path ext, String cn) {
        String key = into.resolve(name + "-key.pem").toString();
        String csr = into.resolve(name + ".csr").toString();
        Map<String, String> none = Map.of();
        DockerCli.must(none, "openssl", "req", "-newkey", "rsa:2048", "-nodes", "-subj", "/CN=" + cn, "-keyout", key, "-out", csr);
        DockerCli.must(none, "openssl", "x509", "-req", "-in", csr, "-CA", ca.toString(), "-CAkey", caKey.toString(),
                "-CAcreateserial", "-days", "2", "-extfile", ext.toString(), "-out", into.resolve(name + ".pem").toString());
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() {
        stopDaemon();
        DockerCli.exec(Map.of(), "ip", "link", "delete", bridge);
        // the daemon unmounted its layers when it stopped; anything still mounted goes first
        DockerCli.exec(Map.of(), "sh", "-c", "grep -o ' " + dir + "[^ ]*' /proc/mounts | sort -r | xargs -r -n1 umount -l");
        DockerCli.exec(Map.of(), "rm", "-rf", dir.toString());
    }
}
