package dev.stagesh.docker;

import com.github.dockerjava.transport.DockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * docker-java's transport seam over the engine's Unix socket through {@link UnixSocketHttp}, so
 * the calls that still go through docker-java's client (a step's logs, exec, pull, put-archive,
 * tag, removals, volumes) take the same road as stagesh's own requests: one connection per call
 * on the JDK's socket channel, no pool a restarted engine could leave stale. docker-java's own
 * transport stays for TCP and TLS; an ssh:// engine is refused (EngineEndpoint), as neither speaks ssh.
 */
final class UnixSocketDockerHttpClient implements DockerHttpClient {
    private final Path socket;

    UnixSocketDockerHttpClient(Path socket) {
        this.socket = socket;
    }

    @Override
    public Response execute(Request request) {
        InputStream body = request.bodyBytes() != null ? new java.io.ByteArrayInputStream(request.bodyBytes()) : request.body();
        UnixSocketHttp.Call call = new UnixSocketHttp.Call(request.method(), request.path(), request.headers(), body,
                request.bodyBytes() != null ? request.bodyBytes().length : -1, request.hijackedInput());
        try {
            return new Answer(UnixSocketHttp.exchange(socket, call));
        } catch (IOException e) {
            // docker-java's transports fail with unchecked exceptions; its callers expect nothing else
            throw new UncheckedIOException("the engine at unix://" + socket + " stopped answering: " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        // a connection per call, closed with its response: nothing is pooled
    }

    /** The answer as docker-java reads it. */
    private record Answer(UnixSocketHttp.Response response) implements Response {
        @Override
        public int getStatusCode() {
            return response.status();
        }

        @Override
        public Map<String, List<String>> getHeaders() {
            Map<String, List<String>> out = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
            response.headers().forEach((k, v) -> out.put(k, List.of(v)));
            return out;
        }

        @Override
        public InputStream getBody() {
            return response.body();
        }

        @Override
        public void close() {
            try {
                response.body().close();
            } catch (IOException ignored) {
                // the connection goes either way
            }
        }
    }
}
