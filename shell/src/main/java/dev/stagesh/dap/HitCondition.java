package dev.stagesh.dap;

/**
 * A breakpoint's hit count: when, among the times its step came up with its condition true, it
 * stops. {@code N} or {@code ==N}: on the Nth time only; {@code >=N}, {@code >N}, {@code <N},
 * {@code <=N}: those times; {@code %N}: every Nth time. Blank: every time.
 */
public record HitCondition(Kind kind, int n) {
    public enum Kind { ALWAYS, EQ, GE, GT, LT, LE, EVERY }

    public static final HitCondition ALWAYS = new HitCondition(Kind.ALWAYS, 0);

    public static HitCondition parse(String text) {
        if (text == null || text.isBlank()) {
            return ALWAYS;
        }
        String t = text.strip();
        Kind kind = Kind.EQ;
        String[][] prefixes = {{"==", "EQ"}, {">=", "GE"}, {"<=", "LE"}, {">", "GT"}, {"<", "LT"}, {"%", "EVERY"}, {"=", "EQ"}};
        for (String[] p : prefixes) {
            if (t.startsWith(p[0])) {
                kind = Kind.valueOf(p[1]);
                t = t.substring(p[0].length()).strip();
                break;
            }
        }
        int n;
        try {
            n = Integer.parseInt(t);
        } catch (NumberFormatException e) {
            throw new ConditionException("hit count '" + text + "': expected a number, optionally after ==, >=, >, <=, < or %");
        }
        if (n < 0 || (kind == Kind.EVERY && n == 0)) {
            throw new ConditionException("hit count '" + text + "': the number must be " + (kind == Kind.EVERY ? "positive" : "0 or more"));
        }
        return new HitCondition(kind, n);
    }

    /** Whether the {@code hits}th time (counted from 1) stops. */
    public boolean stopsAt(int hits) {
        return switch (kind) {
            case ALWAYS -> true;
            case EQ -> hits == n;
            case GE -> hits >= n;
            case GT -> hits > n;
            case LT -> hits < n;
            case LE -> hits <= n;
            case EVERY -> hits % n == 0;
        };
    }
}
