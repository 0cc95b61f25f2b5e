package dev.stagesh.dockerfile.checks;

import java.util.Locale;
import java.util.Set;

/** moby's {@code signal.ParseSignal} on Linux: a STOPSIGNAL BuildKit refuses stops the build. */
final class Signals {
    private static final Set<String> NAMES = Set.of("ABRT", "ALRM", "BUS", "CHLD", "CLD", "CONT", "FPE", "HUP",
            "ILL", "INT", "IO", "IOT", "KILL", "PIPE", "POLL", "PROF", "PWR", "QUIT", "SEGV", "STKFLT", "STOP", "SYS",
            "TERM", "TRAP", "TSTP", "TTIN", "TTOU", "URG", "USR1", "USR2", "VTALRM", "WINCH", "XCPU", "XFSZ",
            "RTMIN", "RTMAX");

    private Signals() {
    }

    static boolean valid(String raw) {
        if (!raw.isEmpty() && raw.chars().allMatch(c -> c >= '0' && c <= '9' || c == '-' || c == '+')) {
            try {
                return Integer.parseInt(raw) != 0;
            } catch (NumberFormatException e) {
                return false;
            }
        }
        String name = raw.toUpperCase(Locale.ROOT);
        if (name.startsWith("SIG")) {
            name = name.substring(3);
        }
        if (NAMES.contains(name)) {
            return true;
        }
        // RTMIN+1..RTMIN+15 and RTMAX-14..RTMAX-1
        for (int i = 1; i <= 15; i++) {
            if (name.equals("RTMIN+" + i) || i <= 14 && name.equals("RTMAX-" + i)) {
                return true;
            }
        }
        return false;
    }
}
