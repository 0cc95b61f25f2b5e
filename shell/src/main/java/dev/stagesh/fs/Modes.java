package dev.stagesh.fs;

import java.util.Locale;

/** Renders permission bits the way {@code ls -l} and {@code stat} print them. */
public final class Modes {

    private Modes() {
    }

    /**
     * The ten-character mode string: type, then rwx for user, group and other, where setuid/setgid
     * show as {@code s} over an execute bit and {@code S} without one, and sticky as {@code t}/{@code T}.
     */
    public static String modeString(EntryType type, int mode) {
        char[] c = new char[10];
        c[0] = type.lsChar();
        triplet(c, 1, mode >> 6, (mode & 04000) != 0, 's');
        triplet(c, 4, mode >> 3, (mode & 02000) != 0, 's');
        triplet(c, 7, mode, (mode & 01000) != 0, 't');
        return new String(c);
    }

    private static void triplet(char[] c, int at, int bits, boolean special, char specialChar) {
        c[at] = (bits & 4) != 0 ? 'r' : '-';
        c[at + 1] = (bits & 2) != 0 ? 'w' : '-';
        boolean exec = (bits & 1) != 0;
        if (special) {
            c[at + 2] = exec ? specialChar : Character.toUpperCase(specialChar);
        } else {
            c[at + 2] = exec ? 'x' : '-';
        }
    }

    /** Four-digit octal, as {@code stat}'s {@code %04a}. */
    public static String octal(int mode) {
        return String.format(Locale.ROOT, "%04o", mode & 07777);
    }
}
