package dev.stagesh.engine;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

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
        return new SessionId(UUID.randomUUID().toString().substring(0, 12), ProcessHandle.current().pid(), hostName());
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
