package dev.stagesh.dockerfile.parser;

/**
 * Splits text after each {@code \n} (the line keeps it) and enforces BuildKit's limit of 65535 bytes per physical
 * line: a longer line ends the input, and {@link #tooLong()} reports it, like Go's {@code bufio.ErrTooLong}.
 */
final class PhysicalLines {
    static final int MAX_LINE_BYTES = 65535;

    private final String text;
    private int cursor;
    private boolean tooLong;
    private int number;

    PhysicalLines(String text) {
        this.text = text;
    }

    /** The next line including its {@code \n}, or null at the end of input (or at an over-long line). */
    String next() {
        if (tooLong || cursor >= text.length()) {
            return null;
        }
        int nl = text.indexOf('\n', cursor);
        int contentEnd = nl < 0 ? text.length() : nl;
        if (utf8LengthExceeds(cursor, contentEnd)) {
            tooLong = true;
            return null;
        }
        int end = nl < 0 ? text.length() : nl + 1;
        String line = text.substring(cursor, end);
        cursor = end;
        number++;
        return line;
    }

    /** 1-based number of the line last returned. */
    int number() {
        return number;
    }

    boolean tooLong() {
        return tooLong;
    }

    private boolean utf8LengthExceeds(int from, int to) {
        int chars = to - from;
        if (chars <= MAX_LINE_BYTES / 3) {
            return false; // even all-3-byte characters fit
        }
        if (chars > MAX_LINE_BYTES) {
            return true;
        }
        long bytes = 0;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c < 0x80) {
                bytes++;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < to && Character.isLowSurrogate(text.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes > MAX_LINE_BYTES;
    }
}
