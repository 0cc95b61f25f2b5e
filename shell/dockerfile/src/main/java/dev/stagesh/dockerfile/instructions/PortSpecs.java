package dev.stagesh.dockerfile.instructions;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPOSE's ports as docker build reads them (go-connections' {@code nat.ParsePortSpecs}, which
 * BuildKit's EXPOSE calls): {@code [ip:][hostPort:]containerPort[/proto]}, a container port or a
 * range of them, tcp by default. Anything else is refused with that library's words (Docker
 * 20.10's spelling).
 */
public final class PortSpecs {
    private PortSpecs() {
    }

    /** Why a port spec is refused. */
    public static final class InvalidPortException extends IllegalArgumentException {
        InvalidPortException(String message) {
            super(message);
        }
    }

    /** The exposed ports a spec names, each as {@code port/proto}, a range expanded. */
    public static List<String> parse(String raw) {
        String[] parts = raw.split(":", -1);
        String ip = parts.length >= 3 ? String.join(":", java.util.Arrays.copyOf(parts, parts.length - 2)) : "";
        String hostPort = parts.length >= 2 ? parts[parts.length - 2] : "";
        String[] protoPort = splitProtoPort(parts[parts.length - 1]);
        String proto = protoPort[0];
        String containerPort = protoPort[1];
        if (!ip.isEmpty() && !validIp(ip)) {
            throw new InvalidPortException("Invalid ip address: " + ip);
        }
        if (containerPort.isEmpty()) {
            throw new InvalidPortException("No port specified: " + raw + "<empty>");
        }
        int[] range = range(containerPort);
        if (range == null) {
            throw new InvalidPortException("Invalid containerPort: " + containerPort);
        }
        if (!hostPort.isEmpty()) {
            int[] host = range(hostPort);
            if (host == null) {
                throw new InvalidPortException("Invalid hostPort: " + hostPort);
            }
            if (range[1] - range[0] != host[1] - host[0] && range[0] != range[1]) {
                throw new InvalidPortException("Invalid ranges specified for container and host Ports: "
                        + containerPort + " and " + hostPort);
            }
        }
        String p = proto.toLowerCase(Locale.ROOT);
        if (!p.equals("tcp") && !p.equals("udp") && !p.equals("sctp")) {
            throw new InvalidPortException("Invalid proto: " + proto);
        }
        List<String> out = new ArrayList<>();
        for (int port = range[0]; port <= range[1]; port++) {
            out.add(port + "/" + p);
        }
        return out;
    }

    /** {proto, port}: nat.SplitProtoPort. */
    private static String[] splitProtoPort(String raw) {
        String[] parts = raw.split("/", -1);
        if (raw.isEmpty() || parts[0].isEmpty()) {
            return new String[] {"", ""};
        }
        if (parts.length == 1 || parts[1].isEmpty()) {
            return new String[] {"tcp", parts[0]};
        }
        return new String[] {parts[1], parts[0]};
    }

    /** nat.ParsePortRange: a port or start-end, each a 16-bit decimal; null when invalid. */
    private static int[] range(String ports) {
        if (!ports.contains("-")) {
            Integer p = uint16(ports);
            return p == null ? null : new int[] {p, p};
        }
        String[] parts = ports.split("-", -1);
        Integer start = uint16(parts[0]);
        Integer end = uint16(parts[1]);
        return start == null || end == null || end < start ? null : new int[] {start, end};
    }

    /** Go's strconv.ParseUint(s, 10, 16). */
    private static Integer uint16(String s) {
        if (s.isEmpty() || s.length() > 10 || !s.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return null;
        }
        long v = Long.parseLong(s);
        return v > 65535 ? null : (int) v;
    }

    private static boolean validIp(String ip) {
        String bare = ip.startsWith("[") && ip.endsWith("]") ? ip.substring(1, ip.length() - 1) : ip;
        if (bare.matches("\\d{1,3}(\\.\\d{1,3}){3}")) {
            return java.util.Arrays.stream(bare.split("\\.")).allMatch(o -> Integer.parseInt(o) <= 255);
        }
        return bare.contains(":") && bare.matches("[0-9A-Fa-f:.]+");
    }

    /** Whether a word reads the same before and after expansion (no variable, quote or escape in it). */
    static boolean isLiteral(String word) {
        return word.chars().noneMatch(c -> c == '$' || c == '\'' || c == '"' || c == '\\' || c == '`');
    }
}
