package dev.stagesh.docker;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.time.Duration;

/**
 * Opens a client to the engine the docker CLI would use: DOCKER_HOST, DOCKER_TLS_VERIFY,
 * DOCKER_CERT_PATH, DOCKER_CONTEXT and ~/.docker/config.json are all read by docker-java's
 * default configuration, so stagesh talks to the same engine as {@code docker} does.
 */
public final class EngineConnector {
    private EngineConnector() {}

    public static DockerEngine connect() {
        DockerClientConfig config;
        try {
            config = DefaultDockerClientConfig.createDefaultConfigBuilder().build();
        } catch (RuntimeException e) {
            throw new EngineUnavailableException("cannot read the Docker client configuration: " + rootMessage(e), e);
        }
        String where = config.getDockerHost().toString();
        ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
                .dockerHost(config.getDockerHost())
                .sslConfig(config.getSSLConfig())
                .maxConnections(32)
                .connectionTimeout(Duration.ofSeconds(5))
                .build();
        DockerClient client = DockerClientImpl.getInstance(config, http);
        try {
            client.pingCmd().exec();
        } catch (RuntimeException e) {
            closeQuietly(client);
            throw new EngineUnavailableException("no Docker engine answers at " + where + " (" + rootMessage(e)
                    + "); start one with scripts/engine, or point DOCKER_HOST at one", e);
        }
        return new DockerEngine(client, http, where);
    }

    static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage();
        return m == null ? t.getClass().getSimpleName() : m.lines().findFirst().orElse(m).trim();
    }

    private static void closeQuietly(DockerClient client) {
        try {
            client.close();
        } catch (Exception ignored) {
            // the connection never worked; nothing to release but sockets
        }
    }
}
