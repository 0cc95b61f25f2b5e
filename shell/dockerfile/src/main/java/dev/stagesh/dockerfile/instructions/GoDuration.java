package dev.stagesh.dockerfile.instructions;

import dev.stagesh.dockerfile.DockerfileException;

import java.math.BigDecimal;
import java.time.Duration;

/** Go's {@code time.ParseDuration}: {@code 300ms}, {@code -1.5h}, {@code 2h45m}; units ns us µs ms s m h. */
public final class GoDuration {
    private GoDuration() {
    }

    public static Duration parse(String s) {
        String orig = s;
        int i = 0;
        boolean neg = false;
        if (i < s.length() && (s.charAt(i) == '-' || s.charAt(i) == '+')) {
            neg = s.charAt(i) == '-';
            i++;
        }
        if (s.substring(i).equals("0")) {
            return Duration.ZERO;
        }
        if (i == s.length()) {
            throw invalid(orig);
        }
        BigDecimal totalNanos = BigDecimal.ZERO;
        while (i < s.length()) {
            int start = i;
            while (i < s.length() && Character.isDigit(s.charAt(i)) && s.charAt(i) < 0x80) {
                i++;
            }
            boolean intDigits = i > start;
            int fracStart = i;
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                    i++;
                }
            }
            boolean fracDigits = i > fracStart + 1;
            if (!intDigits && !fracDigits) {
                throw invalid(orig);
            }
            String number = s.substring(start, i);
            int unitStart = i;
            while (i < s.length() && s.charAt(i) != '.' && !(s.charAt(i) >= '0' && s.charAt(i) <= '9')) {
                i++;
            }
            if (unitStart == i) {
                throw new DockerfileException("time: missing unit in duration \"" + orig + "\"");
            }
            String unit = s.substring(unitStart, i);
            long nanosPerUnit = switch (unit) {
                case "ns" -> 1L;
                case "us", "\u00b5s", "\u03bcs" -> 1_000L;
                case "ms" -> 1_000_000L;
                case "s" -> 1_000_000_000L;
                case "m" -> 60_000_000_000L;
                case "h" -> 3_600_000_000_000L;
                default -> throw new DockerfileException(
                        "time: unknown unit \"" + unit + "\" in duration \"" + orig + "\"");
            };
            if (number.endsWith(".")) {
                number = number + "0";
            }
            if (number.startsWith(".")) {
                number = "0" + number;
            }
            totalNanos = totalNanos.add(new BigDecimal(number).multiply(BigDecimal.valueOf(nanosPerUnit)));
            if (totalNanos.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
                throw invalid(orig);
            }
        }
        long nanos = totalNanos.longValue();
        return Duration.ofNanos(neg ? -nanos : nanos);
    }

    /**
     * Go's {@code time.Duration.String}: {@code 0s}, {@code 500ms}, {@code 1.5µs}, {@code 1m30s},
     * {@code 1h0m0s}, which BuildKit's history of a HEALTHCHECK shows.
     */
    public static String format(Duration d) {
        long n = d.toNanos();
        if (n == 0) {
            return "0s";
        }
        String sign = n < 0 ? "-" : "";
        // Long.MIN_VALUE has no positive counterpart: the unsigned view keeps its magnitude
        java.math.BigInteger u = java.math.BigInteger.valueOf(n).abs();
        if (u.compareTo(java.math.BigInteger.valueOf(1_000_000_000L)) < 0) {
            long v = u.longValue();
            if (v < 1_000) {
                return sign + v + "ns";
            }
            return v < 1_000_000 ? sign + fraction(v, 3) + "\u00b5s" : sign + fraction(v, 6) + "ms";
        }
        long v = u.min(java.math.BigInteger.valueOf(Long.MAX_VALUE)).longValue();
        String out = fraction(v, 9);
        long seconds = v / 1_000_000_000L;
        out = seconds % 60 + out.substring(out.indexOf('.') < 0 ? out.length() : out.indexOf('.')) + "s";
        long minutes = seconds / 60;
        if (minutes > 0) {
            out = minutes % 60 + "m" + out;
            long hours = minutes / 60;
            if (hours > 0) {
                out = hours + "h" + out;
            }
        }
        return sign + out;
    }

    /** {@code v} divided by 10^digits, with the remainder's digits after a point, trailing zeros dropped. */
    private static String fraction(long v, int digits) {
        long scale = 1;
        for (int i = 0; i < digits; i++) {
            scale *= 10;
        }
        long whole = v / scale;
        String frac = String.format("%0" + digits + "d", v % scale).replaceFirst("0+$", "");
        return frac.isEmpty() ? Long.toString(whole) : whole + "." + frac;
    }

    private static DockerfileException invalid(String s) {
        return new DockerfileException("time: invalid duration \"" + s + "\"");
    }
}
