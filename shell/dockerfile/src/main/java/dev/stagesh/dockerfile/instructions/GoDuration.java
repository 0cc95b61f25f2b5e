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

    private static DockerfileException invalid(String s) {
        return new DockerfileException("time: invalid duration \"" + s + "\"");
    }
}
