package dev.stagesh.fs;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Dates as coreutils print them in the C locale; the clock (and its zone) is injected so output is testable. */
public final class Timestamps {

    /** GNU ls's "recent" horizon: half an average Gregorian year. */
    static final Duration SIX_MONTHS = Duration.ofSeconds(31_556_952L / 2);

    // hardcoded so neither the JVM locale nor CLDR data ("Sept") can change the column width
    private static final String[] MONTHS =
            {"Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

    private static final DateTimeFormatter STAT =
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSSSSS Z", Locale.ROOT);

    private Timestamps() {
    }

    /**
     * {@code ls -l}'s date column: {@code Mar  5 14:02} when within the last six months (and not in
     * the future), else {@code Mar  5  2019}; the day is space-padded as strftime's {@code %e}.
     */
    public static String lsDate(Instant time, Clock clock) {
        Instant now = clock.instant();
        boolean recent = time.isAfter(now.minus(SIX_MONTHS)) && !time.isAfter(now);
        ZonedDateTime t = time.atZone(clock.getZone());
        String head = MONTHS[t.getMonthValue() - 1] + " " + pad(t.getDayOfMonth());
        if (recent) {
            return head + " " + two(t.getHour()) + ":" + two(t.getMinute());
        }
        return head + "  " + t.getYear();
    }

    /** {@code stat}'s time format: {@code 2024-03-05 14:02:00.000000000 +0000}. */
    public static String statTime(Instant time, ZoneId zone) {
        return STAT.format(time.atZone(zone));
    }

    private static String two(int n) {
        return n < 10 ? "0" + n : Integer.toString(n);
    }

    private static String pad(int day) {
        return day < 10 ? " " + day : Integer.toString(day);
    }
}
