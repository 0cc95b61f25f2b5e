package dev.stagesh.dockerfile.instructions;

import dev.stagesh.dockerfile.parser.GoText;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * EXPOSE's port specs, {@code [ip:][hostPort:]port[-end][/proto]}, as Docker 28's BuildKit reads
 * them (its {@code convert_expose.go}), with its words for a spec it refuses. One reading serves
 * the build (the ports a step exposes), the parse-time refusal of a literal spec, and the build
 * checks (ExposeProtoCasing, ExposeInvalidFormat), so they never disagree on what a port is.
 */
public final class PortSpecs {
    private PortSpecs() {
    }

    /** Why a port spec is refused, in BuildKit's words. */
    public static final class InvalidPortException extends IllegalArgumentException {
        InvalidPortException(String message) {
            super(message);
        }
    }

    /**
     * A spec cut into its parts, nothing checked yet.
     *
     * @param proto as written (empty when none was), so casing can be judged
     */
    public record Spec(String raw, String ip, String hostPort, String port, String proto) {
        /** Whether it names an address or a host port, which an image cannot expose. */
        public boolean mapsHost() {
            return !ip.isEmpty() || !hostPort.isEmpty();
        }

        /** The protocol in the image config's spelling: tcp when none was written. */
        public String protocol() {
            return proto.isEmpty() ? "tcp" : proto.toLowerCase(Locale.ROOT);
        }
    }

    public static Spec split(String raw) {
        String[] parts = raw.split(":", -1);
        int n = parts.length;
        String ip = n >= 3 ? String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2)) : "";
        String hostPort = n >= 2 ? parts[n - 2] : "";
        String containerPort = parts[n - 1];
        int slash = containerPort.indexOf('/');
        String port = slash < 0 ? containerPort : containerPort.substring(0, slash);
        String proto = slash < 0 ? "" : containerPort.substring(slash + 1);
        return new Spec(raw, ip, hostPort, port, proto);
    }

    /** A missing port or an unknown protocol: what BuildKit refuses before it judges anything else. */
    public static void checkPortAndProto(Spec s) {
        if (s.port().isEmpty()) {
            throw new InvalidPortException("invalid port: " + GoText.quote(s.raw()) + ": no port specified");
        }
        switch (s.proto().toLowerCase(Locale.ROOT)) {
            case "", "tcp", "udp", "sctp" -> {
            }
            default -> throw new InvalidPortException("invalid port: " + GoText.quote(s.raw())
                    + ": invalid proto: " + s.proto());
        }
    }

    /** The container port (or range) and any host port must be numbers, their ranges alike. */
    public static int[] checkRanges(Spec s) {
        int[] range = range(s.port());
        if (range == null) {
            throw new InvalidPortException("invalid containerPort: " + s.port());
        }
        if (!s.hostPort().isEmpty()) {
            int[] host = range(s.hostPort());
            if (host == null) {
                throw new InvalidPortException("invalid hostPort: " + s.hostPort());
            }
            if (range[1] - range[0] != host[1] - host[0] && range[1] != range[0]) {
                throw new InvalidPortException("invalid ranges specified for container and host Ports: "
                        + s.port() + " and " + s.hostPort());
            }
        }
        return range;
    }

    /** The exposed ports a spec names, each as {@code port/proto}, a range expanded. */
    public static List<String> parse(String raw) {
        Spec s = split(raw);
        checkPortAndProto(s);
        int[] range = checkRanges(s);
        List<String> out = new ArrayList<>();
        for (int port = range[0]; port <= range[1]; port++) {
            out.add(port + "/" + s.protocol());
        }
        return out;
    }

    /**
     * Refuses, at its line and column, a port written out in full that is no port, as BuildKit
     * refuses it before the first step runs; a word still to be expanded is judged when its step runs.
     */
    public static void checkLiterals(Instruction.Expose e) {
        for (String p : e.ports()) {
            if (isLiteral(p)) {
                try {
                    parse(p);
                } catch (InvalidPortException bad) {
                    throw Located.error(bad.getMessage(), e.node(), p);
                }
            }
        }
    }

    /** start and end of {@code 80} or {@code 8000-9000}, or null when malformed. */
    private static int[] range(String ports) {
        if (ports.isEmpty()) {
            return null;
        }
        int dash = ports.indexOf('-');
        String start = dash < 0 ? ports : ports.substring(0, dash);
        int s = number(start);
        if (s < 0) {
            return null;
        }
        if (dash < 0 || start.equals(ports.substring(dash + 1))) {
            return new int[] {s, s};
        }
        int e = number(ports.substring(dash + 1));
        if (e < 0 || e < s) {
            return null;
        }
        return new int[] {s, e};
    }

    /** Go's strconv.Atoi bounded to a port: an optional sign, decimal digits, 0 to 65535; -1 otherwise. */
    private static int number(String s) {
        if (s.isEmpty() || s.length() > 6) {
            return -1;
        }
        String digits = s.startsWith("+") || s.startsWith("-") ? s.substring(1) : s;
        if (digits.isEmpty() || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            return -1;
        }
        int v = Integer.parseInt(s.startsWith("+") ? digits : s);
        return v < 0 || v > 65535 ? -1 : v;
    }

    /** Whether a word reads the same before and after expansion (no variable, quote or escape in it). */
    static boolean isLiteral(String word) {
        return word.chars().noneMatch(c -> c == '$' || c == '\'' || c == '"' || c == '\\' || c == '`');
    }
}
