package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.parser.GoText;

import java.util.List;
import java.util.Locale;

/**
 * EXPOSE port specs ({@code [ip:][hostPort:]port[-end][/proto]}) as BuildKit's {@code convert_expose.go} reads them:
 * ExposeProtoCasing and ExposeInvalidFormat fire while parsing, and a malformed spec stops the build.
 */
final class Ports {
    private Ports() {
    }

    static void check(String rawPort, List<LineRange> where, Lint lint) {
        String[] parts = rawPort.split(":", -1);
        String ip = "";
        String hostPort = "";
        String containerPort;
        int n = parts.length;
        if (n == 1) {
            containerPort = parts[0];
        } else if (n == 2) {
            hostPort = parts[0];
            containerPort = parts[1];
        } else {
            ip = String.join(":", java.util.Arrays.copyOfRange(parts, 0, n - 2));
            hostPort = parts[n - 2];
            containerPort = parts[n - 1];
        }
        int slash = containerPort.indexOf('/');
        String port = slash < 0 ? containerPort : containerPort.substring(0, slash);
        String proto = slash < 0 ? "" : containerPort.substring(slash + 1);
        if (port.isEmpty()) {
            throw new Stop("invalid port: " + GoText.quote(rawPort) + ": no port specified", where);
        }
        switch (proto.toLowerCase(Locale.ROOT)) {
            case "", "tcp", "udp", "sctp" -> {
            }
            default -> throw new Stop("invalid port: " + GoText.quote(rawPort) + ": invalid proto: " + proto, where);
        }
        if (!proto.equals(proto.toLowerCase(Locale.ROOT))) {
            lint.report(Rule.EXPOSE_PROTO_CASING, where,
                    "Defined protocol '" + rawPort + "' in EXPOSE instruction should be lowercase");
        }
        if (!ip.isEmpty() || !hostPort.isEmpty()) {
            lint.report(Rule.EXPOSE_INVALID_FORMAT, where, "EXPOSE instruction should not define an IP address or "
                    + "host-port mapping, found '" + rawPort + "'");
        }
        int[] range = range(port);
        if (range == null) {
            throw new Stop("invalid containerPort: " + port, where);
        }
        if (!hostPort.isEmpty()) {
            int[] host = range(hostPort);
            if (host == null) {
                throw new Stop("invalid hostPort: " + hostPort, where);
            }
            if (range[1] - range[0] != host[1] - host[0] && range[1] != range[0]) {
                throw new Stop("invalid ranges specified for container and host Ports: " + port + " and "
                        + hostPort, where);
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
}
