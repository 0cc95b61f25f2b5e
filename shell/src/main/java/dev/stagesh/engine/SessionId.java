package dev.stagesh.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Who owns a container, image or volume. Every object a session creates carries these labels,
 * so quitting can remove exactly its own, and a later start can tell a dead session's
 * leftovers (its process is gone) from a live one's.
 */
public record SessionId(String id, long pid, String host) {
    public static final String SESSION = "stagesh.session";
    public static final String PID = "stagesh.pid";
    public static final String HOST = "stagesh.host";

    public static SessionId create() {
        long pid = ProcessHandle.current().pid();
        return new SessionId(randomId(pid), pid, hostName());
    }

    /**
     * Twelve characters as a random UUID's first twelve ({@code 8 hex - 3 hex}, 44 bits). Not
     * from UUID.randomUUID: its SecureRandom (providers, the seed) cost 15-25 ms of CPU on the
     * way to a session's first container. The id needs to differ between sessions, not to be
     * unguessable: a generator seeded from both clocks and the pid gives that.
     */
    static String randomId(long pid) {
        long bits = new SplittableRandom(System.nanoTime() ^ (pid << 40) ^ System.currentTimeMillis() * 0x9E3779B97F4A7C15L)
                .nextLong();
        String hex = java.util.HexFormat.of().toHexDigits(bits);
        return hex.substring(0, 8) + "-" + hex.substring(8, 11);
    }

    public Map<String, String> labels() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put(SESSION, id);
        labels.put(PID, Long.toString(pid));
        labels.put(HOST, host);
        return labels;
    }

    static String hostName() {
        String h = System.getenv("HOSTNAME");
        if (h != null && !h.isBlank()) {
            return h;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.io.IOException e) {
            return "localhost";
        }
    }
}
