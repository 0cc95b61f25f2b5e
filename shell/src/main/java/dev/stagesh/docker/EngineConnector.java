package dev.stagesh.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.core.LocalDirectorySSLConfig;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import com.github.dockerjava.transport.DockerHttpClient;
import dev.stagesh.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Locale;

/**
 * Opens a client to the engine the docker CLI would use ({@link EngineEndpoint}: DOCKER_HOST,
 * DOCKER_TLS_VERIFY, DOCKER_CERT_PATH, DOCKER_CONTEXT and config.json's current context), so
 * stagesh talks to the same engine as {@code docker} does. When none answers, the one-line
 * message names the address tried, where it came from, and what to do.
 */
public final class EngineConnector {
    private EngineConnector() {}

    public static Engine connect() {
        return connect(EngineEndpoint.resolve());
    }

    public static Engine connect(EngineEndpoint endpoint) {
        String host = endpoint.host().toString();
        if (host.startsWith("unix://")) {
            // a ping over the socket says at once whether an engine answers; docker-java, needed
            // only by the first call that changes something, is built when asked for (ClientBuild)
            ping(endpoint, Path.of(host.substring("unix://".length())));
            DockerEngine engine = new DockerEngine(new ClientBuild(() -> transport(endpoint)), endpoint);
            learnCapabilities(engine);
            return engine;
        }
        DockerEngine.Transport transport = transport(endpoint);
        try {
            transport.client().pingCmd().exec();
        } catch (RuntimeException | Error e) {
            closeQuietly(transport.client());
            throw new EngineUnavailableException(unreachable(endpoint, e), e instanceof RuntimeException ? e : null);
        }
        return new DockerEngine(ClientBuild.of(transport), endpoint);
    }

    /**
     * Asks the engine what it is ({@code /info}, {@code /version}) while still connecting, off the
     * session's thread: the first step asks for it anyway (the platform, the image store), and
     * there it is two round trips on the way to the first prompt. A failure is left to that first
     * use, which asks again and reports it.
     */
    private static void learnCapabilities(DockerEngine engine) {
        try {
            engine.capabilities();
        } catch (EngineException e) {
            // asked again where it is needed
        }
    }

    private static void ping(EngineEndpoint endpoint, Path socket) {
        try {
            UnixSocketHttp.Response r = UnixSocketHttp.get(socket, "/_ping");
            try (InputStream body = r.body()) {
                String answer = new String(body.readNBytes(64), StandardCharsets.US_ASCII).strip();
                if (r.status() != 200) {
                    throw new IOException("it answered the ping with status " + r.status() + (answer.isEmpty() ? "" : ": " + answer));
                }
            }
        } catch (IOException e) {
            throw new EngineUnavailableException(unreachable(endpoint, e), e);
        }
    }

    private static DockerEngine.Transport transport(EngineEndpoint endpoint) {
        DockerClientConfig config;
        try {
            // the endpoint is resolved already: host and certificates are given explicitly, so
            // docker-java's own context lookup never overrides them
            DefaultDockerClientConfig.Builder builder = new DefaultDockerClientConfig.Builder()
                    .withDockerHost(endpoint.host().toString())
                    .withDockerTlsVerify(endpoint.tls());
            if (endpoint.tls()) {
                builder.withDockerCertPath(endpoint.certPath().toString())
                        .withCustomSslConfig(new LocalDirectorySSLConfig(endpoint.certPath().toString()));
            }
            config = builder.build();
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("cannot use the engine at " + endpoint.describe() + ": " + rootMessage(e), e);
        }
        String host = endpoint.host().toString();
        // one seam for every call on a local socket; docker-java's own transport for TCP and TLS
        // (ssh:// is refused in EngineEndpoint: no transport here speaks it)
        DockerHttpClient http = host.startsWith("unix://")
                ? new UnixSocketDockerHttpClient(Path.of(host.substring("unix://".length())))
                : new ApacheDockerHttpClient.Builder()
                        .dockerHost(config.getDockerHost())
                        .sslConfig(config.getSSLConfig())
                        .maxConnections(32)
                        .connectionTimeout(Duration.ofSeconds(5))
                        .build();
        return new DockerEngine.Transport(DockerClientImpl.getInstance(config, http), http);
    }

    /** One line: where, why, and what to do about it. */
    static String unreachable(EngineEndpoint endpoint, Throwable e) {
        String why = rootMessage(e);
        String all = chain(e).toLowerCase(Locale.ROOT);
        String hint;
        if (all.contains("http request to an https server")) {
            why = "it speaks TLS, but no client certificates were given";
            hint = "set DOCKER_TLS_VERIFY=1 and DOCKER_CERT_PATH to a directory with ca.pem, cert.pem and key.pem";
        } else if (all.contains("pkix") || all.contains("unable to find valid certification path")) {
            why = "its certificate is not signed by the CA in " + endpoint.certPath() + "/ca.pem";
            hint = "use the CA that signed the engine's certificate";
        } else if (all.contains("doesn't match") || all.contains("no subject alternative")) {
            why = "its certificate is not issued for " + endpoint.host().getHost() + " (" + why + ")";
            hint = "connect by a name the certificate lists";
        } else if (endpoint.tls() && (all.contains("bad_certificate") || all.contains("certificate_required")
                || all.contains("certificate_unknown") || all.contains("unknown_ca") || all.contains("handshake")
                || all.contains("broken pipe") || all.contains("connection reset"))) {
            why = "it refused the client certificate in " + endpoint.certPath() + " (" + why + ")";
            hint = "use a client certificate signed by the CA the engine trusts (its --tlscacert)";
        } else {
            hint = "start one (sudo systemctl start docker, or dockerd; scripts/engine in a stagesh checkout),"
                    + " or point DOCKER_HOST or DOCKER_CONTEXT at a running one";
        }
        return "no Docker engine answers at " + endpoint.describe() + ": " + why + "; " + hint;
    }

    private static String chain(Throwable e) {
        StringBuilder sb = new StringBuilder();
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            sb.append(t.getClass().getName()).append(": ").append(t.getMessage()).append('\n');
        }
        return sb.toString();
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        if (m == null || m.isBlank()) {
            m = e.getMessage();
        }
        return m == null || m.isBlank() ? t.getClass().getSimpleName() : engineMessage(m.lines().findFirst().orElse(m).trim());
    }

    private static final java.util.regex.Pattern STATUS_JSON = java.util.regex.Pattern.compile("Status \\d+: (\\{.*})");

    /**
     * The engine's own words from docker-java's {@code Status 500: {"message":"..."}}: the status
     * and the JSON around them say nothing a user can act on.
     */
    static String engineMessage(String m) {
        var match = STATUS_JSON.matcher(m);
        if (!match.matches()) {
            return m;
        }
        try {
            String text = JsonTrees.read(match.group(1)).path("message").asText("");
            return text.isBlank() ? m : text;
        } catch (java.io.IOException e) {
            return m;
        }
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (Exception ignored) {
            // the connection never worked; nothing to release but sockets
        }
    }
}
