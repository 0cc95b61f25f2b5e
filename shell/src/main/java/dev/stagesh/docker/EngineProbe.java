package dev.stagesh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagesh.json.JsonTrees;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Asks an endpoint which engine answers there ({@code GET /version}), for {@code stagesh --version}:
 * a question that must never fail, so every way it can go wrong is an answer too. It needs no
 * docker-java, which would cost a third of a second to build for one call.
 */
public final class EngineProbe {
    private static final Duration TIMEOUT = Duration.ofSeconds(3);

    /** What the endpoint said. */
    public sealed interface Answer {
        /** @param product "Docker Engine", "Podman Engine"... as the engine names itself */
        record Server(String product, String version, String apiVersion, String platform) implements Answer {}

        /** No answer, or none that could be asked for; {@code why} is a phrase for the user. */
        record Silent(String why) implements Answer {}
    }

    private EngineProbe() {}

    public static Answer ask(EngineEndpoint endpoint) {
        URI host = endpoint.host();
        try {
            return switch (host.getScheme()) {
                case "unix" -> overSocket(Path.of(host.getPath()));
                case "tcp" -> endpoint.tls()
                        ? new Answer.Silent("not asked: TLS engines are reached through docker-java, which a version"
                                + " line does not load")
                        : overTcp(host);
                default -> new Answer.Silent("not asked: " + host.getScheme() + " endpoints are not probed");
            };
        } catch (IOException e) {
            return new Answer.Silent("no answer (" + EngineConnector.rootMessage(e) + ")");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer.Silent("not asked: interrupted");
        }
    }

    private static Answer overSocket(Path socket) throws IOException {
        UnixSocketHttp.Response r = UnixSocketHttp.get(socket, "/version");
        try (InputStream body = r.body()) {
            return parse(r.status(), body.readNBytes(1 << 20));
        }
    }

    private static Answer overTcp(URI host) throws IOException, InterruptedException {
        HttpClient client = HttpClient.newBuilder().connectTimeout(TIMEOUT).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host.getAuthority() + "/version"))
                .timeout(TIMEOUT).GET().build();
        HttpResponse<byte[]> r = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        return parse(r.statusCode(), r.body());
    }

    static Answer parse(int status, byte[] body) throws IOException {
        if (status != 200) {
            return new Answer.Silent("it answered /version with status " + status);
        }
        JsonNode v = JsonTrees.read(body);
        // Podman names itself in the first component; the Docker engine's first is "Engine"
        String product = v.path("Components").path(0).path("Name").asText("Engine");
        if (product.equals("Engine")) {
            product = "Docker Engine";
        }
        return new Answer.Server(product, v.path("Version").asText("?"), v.path("ApiVersion").asText("?"),
                v.path("Os").asText("?") + "/" + v.path("Arch").asText("?"));
    }
}
