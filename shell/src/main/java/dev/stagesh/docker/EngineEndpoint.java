package dev.stagesh.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.stagesh.json.JsonTrees;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;

/**
 * Which engine to talk to, resolved as the docker CLI resolves it: DOCKER_HOST wins; otherwise
 * the context named by DOCKER_CONTEXT, else by {@code currentContext} in the CLI's config.json
 * (under DOCKER_CONFIG or ~/.docker); otherwise the default socket. TLS comes from
 * DOCKER_TLS_VERIFY and DOCKER_CERT_PATH, or from the context's own TLS material.
 *
 * @param host     the engine's address
 * @param certPath a directory holding ca.pem, cert.pem and key.pem when TLS is verified, else null
 * @param source   where the address came from, for messages ("DOCKER_HOST", "context remote (DOCKER_CONTEXT)")
 */
public record EngineEndpoint(URI host, Path certPath, String source) {
    static final String DEFAULT_HOST = "unix:///var/run/docker.sock";

    public boolean tls() {
        return certPath != null;
    }

    /** Where the engine was looked for, as one phrase for messages: the address and its origin. */
    public String describe() {
        return host + " (" + source + (tls() ? ", TLS with the certificates in " + certPath : "") + ")";
    }

    public static EngineEndpoint resolve() {
        // the docker CLI's home is $HOME; the JVM's user.home comes from the password database
        String home = System.getenv("HOME");
        return resolve(System.getenv(), Path.of(home != null && !home.isBlank() ? home : System.getProperty("user.home")));
    }

    /**
     * An endpoint named outright (another stagesh process's, handed on its command line), checked
     * as DOCKER_HOST and DOCKER_CERT_PATH are: an address stagesh can use, the three certificates.
     */
    public static EngineEndpoint given(String host, Path certPath, String source) {
        URI uri = parseHost(host, source);
        if (certPath != null) {
            requireCertificates(certPath, source + "'s certificate folder " + certPath);
        }
        return new EngineEndpoint(uri, certPath, source);
    }

    static EngineEndpoint resolve(Map<String, String> env, Path home) {
        Path configDir = nonEmpty(env.get("DOCKER_CONFIG")) ? Path.of(env.get("DOCKER_CONFIG")) : home.resolve(".docker");
        String host = env.get("DOCKER_HOST");
        if (nonEmpty(host)) {
            return fromEnvironment(host.strip(), "DOCKER_HOST", env, configDir);
        }
        String context = env.get("DOCKER_CONTEXT");
        String origin = "DOCKER_CONTEXT";
        if (!nonEmpty(context)) {
            context = currentContext(configDir);
            origin = "currentContext in " + configDir.resolve("config.json");
        }
        if (!nonEmpty(context) || context.equals("default")) {
            return fromEnvironment(DEFAULT_HOST, context == null ? "the default socket" : "context default", env, configDir);
        }
        return fromContext(context.strip(), origin, configDir);
    }

    private static EngineEndpoint fromEnvironment(String host, String source, Map<String, String> env, Path configDir) {
        URI uri = parseHost(host, source);
        Path certs = null;
        if (nonEmpty(env.get("DOCKER_TLS_VERIFY"))) {
            certs = nonEmpty(env.get("DOCKER_CERT_PATH")) ? Path.of(env.get("DOCKER_CERT_PATH")) : configDir;
            requireCertificates(certs, "DOCKER_TLS_VERIFY is set, but DOCKER_CERT_PATH " + certs);
        }
        return new EngineEndpoint(uri, certs, source);
    }

    private static EngineEndpoint fromContext(String name, String origin, Path configDir) {
        String hash = sha256(name);
        Path meta = configDir.resolve("contexts").resolve("meta").resolve(hash).resolve("meta.json");
        if (!Files.isRegularFile(meta)) {
            throw new EngineUnavailableException("Docker context \"" + name + "\" (from " + origin + ") does not exist;"
                    + " 'docker context ls' lists the contexts", null);
        }
        JsonNode docker;
        try {
            docker = JsonTrees.read(Files.readAllBytes(meta)).path("Endpoints").path("docker");
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot read Docker context \"" + name + "\" at " + meta + ": "
                    + EngineConnector.rootMessage(e), e);
        }
        String host = docker.path("Host").asText("");
        String source = "context " + name + " (" + origin + ")";
        if (host.isEmpty()) {
            throw new EngineUnavailableException("Docker context \"" + name + "\" at " + meta + " names no engine host", null);
        }
        URI uri = parseHost(host, source);
        Path tls = configDir.resolve("contexts").resolve("tls").resolve(hash).resolve("docker");
        Path certs = null;
        if (!docker.path("SkipTLSVerify").asBoolean(false) && Files.isRegularFile(tls.resolve("ca.pem"))) {
            certs = tls;
            requireCertificates(certs, "Docker context \"" + name + "\" has TLS material, but " + certs);
        }
        return new EngineEndpoint(uri, certs, source);
    }

    private static URI parseHost(String host, String source) {
        URI uri;
        try {
            uri = URI.create(host);
        } catch (IllegalArgumentException e) {
            throw new EngineUnavailableException(source + " \"" + host + "\" is not an address"
                    + " (unix:///path/to/docker.sock or tcp://host:port)", e);
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme();
        switch (scheme) {
            case "unix", "tcp", "npipe" -> { }
            // docker-java's transports have no ssh; the CLI's own way (a forwarded socket) works
            case "ssh" -> throw new EngineUnavailableException(source + " \"" + host + "\" is an ssh address, which"
                    + " stagesh cannot use: forward the engine's socket (ssh -nNT -L /tmp/engine.sock:/var/run/docker.sock "
                    + sshTarget(uri) + ") and set DOCKER_HOST=unix:///tmp/engine.sock", null);
            default -> throw new EngineUnavailableException(source + " \"" + host + "\" is not an address stagesh can use"
                    + " (unix:///path/to/docker.sock or tcp://host:port)", null);
        }
        if (scheme.equals("tcp") && (uri.getHost() == null || uri.getPort() < 0)) {
            throw new EngineUnavailableException(source + " \"" + host + "\" lacks a host or a port (tcp://host:port)", null);
        }
        return uri;
    }

    /** The {@code user@host} (with {@code -p PORT}) an ssh address names, for the forwarding command. */
    private static String sshTarget(URI uri) {
        String target = (uri.getUserInfo() == null ? "" : uri.getUserInfo() + "@") + (uri.getHost() == null ? "HOST" : uri.getHost());
        return uri.getPort() < 0 ? target : "-p " + uri.getPort() + " " + target;
    }

    private static void requireCertificates(Path dir, String what) {
        for (String f : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            if (!Files.isReadable(dir.resolve(f))) {
                throw new EngineUnavailableException(what + " has no readable " + f
                        + " (it needs ca.pem, cert.pem and key.pem)", null);
            }
        }
    }

    private static String currentContext(Path configDir) {
        Path config = configDir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return null;
        }
        try {
            JsonNode n = JsonTrees.read(Files.readString(config, StandardCharsets.UTF_8));
            return n.path("currentContext").isTextual() ? n.path("currentContext").asText() : null;
        } catch (IOException e) {
            throw new EngineUnavailableException("cannot read " + config + ": " + EngineConnector.rootMessage(e), e);
        }
    }

    private static boolean nonEmpty(String s) {
        return s != null && !s.isBlank();
    }

    private static String sha256(String s) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
