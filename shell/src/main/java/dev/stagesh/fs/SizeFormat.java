package dev.stagesh.fs;

import java.math.BigDecimal;
import java.math.RoundingMode;

/** Human-readable sizes in the two conventions users meet: coreutils' {@code -h} and Docker tooling's SI. */
public final class SizeFormat {

    private static final String LS_UNITS = "KMGTPEZY";
    private static final String[] SI_UNITS = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};

    private SizeFormat() {
    }

    /**
     * {@code ls -h} / {@code du -h}: powers of 1024, one-letter suffix without "B", always rounded up
     * (a file is never shown smaller than it is), one decimal below 10: 1023, 1.0K, 1.5K, 10K, 1.0M.
     */
    public static String lsHuman(long bytes) {
        if (bytes < 1024) {
            return Long.toString(bytes);
        }
        BigDecimal value = BigDecimal.valueOf(bytes);
        BigDecimal k = BigDecimal.valueOf(1024);
        int unit = -1;
        while (true) {
            value = value.divide(k);
            unit++;
            String shown;
            if (value.compareTo(BigDecimal.TEN) < 0) {
                BigDecimal tenths = value.setScale(1, RoundingMode.CEILING);
                shown = tenths.compareTo(BigDecimal.TEN) < 0 ? tenths.toPlainString() : "10";
            } else {
                BigDecimal whole = value.setScale(0, RoundingMode.CEILING);
                if (whole.compareTo(k) >= 0 && unit + 1 < LS_UNITS.length()) {
                    continue; // 1023.9K rounds up to 1024K, which reads as 1.0M
                }
                shown = whole.toPlainString();
            }
            return shown + LS_UNITS.charAt(unit);
        }
    }

    /**
     * Decimal units with a space, as dive and go-humanize print them: {@code 512 B}, {@code 1.2 kB},
     * {@code 83 MB}; one decimal below 10 units, rounded half up.
     */
    public static String si(long bytes) {
        if (bytes < 10) {
            return bytes + " B";
        }
        int unit = 0;
        double value = bytes;
        while (value >= 1000 && unit < SI_UNITS.length - 1) {
            value /= 1000;
            unit++;
        }
        // tenths, rounded half up; then whole units half up from the tenths, as %.1f and %.0f of
        // the rounded value print them (a diff formats thousands: no Formatter per size)
        long tenths = (long) Math.floor(value * 10 + 0.5);
        String number = tenths < 100 ? tenths / 10 + "." + tenths % 10 : Long.toString((tenths + 5) / 10);
        return number + " " + SI_UNITS[unit];
    }
}
