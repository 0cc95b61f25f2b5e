package dev.stagesh.dockerfile.instructions;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The flags an instruction accepts and their values, with the rules of BuildKit's {@code BFlags}: boolean flags
 * take no value or true/false, string flags need {@code =value}, repeatable flags collect every value, and a
 * repeated non-repeatable flag is an error.
 */
final class FlagSet {
    enum Type { BOOL, STRING, STRINGS }

    /** A flag error; {@code flag} is the {@code --name} it concerns, for locating it in the line. */
    static final class FlagError extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final String flag;

        FlagError(String message, String flag) {
            super(message, null, false, false);
            this.flag = flag;
        }
    }

    private final Map<String, Type> defs = new LinkedHashMap<>();
    private final Map<String, String> values = new HashMap<>();
    private final Map<String, List<String>> multi = new HashMap<>();

    FlagSet define(String name, Type type) {
        defs.put(name, type);
        return this;
    }

    FlagSet parse(List<String> flags) {
        for (String a : flags) {
            if (a.equals("--")) {
                return this;
            }
            if (!a.startsWith("--")) {
                throw new FlagError("arg should start with -- : " + a, a);
            }
            int eq = a.indexOf('=');
            String flagName = eq < 0 ? a : a.substring(0, eq);
            String value = eq < 0 ? "" : a.substring(eq + 1);
            boolean hasValue = eq >= 0;
            String name = flagName.substring(2);
            Type type = defs.get(name);
            if (type == null) {
                throw new FlagError("unknown flag: " + flagName + suggestion(name), flagName);
            }
            if (type != Type.STRINGS && (values.containsKey(name))) {
                throw new FlagError("duplicate flag specified: " + flagName, flagName);
            }
            switch (type) {
                case BOOL -> {
                    if (hasValue && value.isEmpty()) {
                        throw new FlagError("missing a value on flag: " + flagName, flagName);
                    }
                    String v = value.toLowerCase(Locale.ROOT);
                    if (v.equals("true") || v.isEmpty()) {
                        values.put(name, "true");
                    } else if (v.equals("false")) {
                        values.put(name, "false");
                    } else {
                        throw new FlagError("expecting boolean value for flag " + flagName + ", not: " + value,
                                flagName);
                    }
                }
                case STRING -> {
                    if (!hasValue) {
                        throw new FlagError("missing a value on flag: " + flagName, flagName);
                    }
                    values.put(name, value);
                }
                case STRINGS -> {
                    if (!hasValue) {
                        throw new FlagError("missing a value on flag: " + flagName, flagName);
                    }
                    multi.computeIfAbsent(name, k -> new ArrayList<>()).add(value);
                }
            }
        }
        return this;
    }

    private String suggestion(String name) {
        String best = null;
        int bestDistance = Integer.MAX_VALUE;
        for (String candidate : defs.keySet()) {
            int d = distance(name.toLowerCase(Locale.ROOT), candidate);
            if (d < bestDistance) {
                bestDistance = d;
                best = candidate;
            }
        }
        if (best != null && (bestDistance <= 2 || best.equalsIgnoreCase(name))) {
            return " (did you mean " + best + "?)";
        }
        return "";
    }

    private static int distance(String a, String b) {
        if (a.length() > 64 || b.length() > 64) {
            return Integer.MAX_VALUE;
        }
        int[] prev = new int[b.length() + 1];
        int[] cur = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            prev[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            cur[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
                cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
            }
            int[] t = prev;
            prev = cur;
            cur = t;
        }
        return prev[b.length()];
    }

    /** The value of a string flag, or null when it was not given. */
    String string(String name) {
        return values.get(name);
    }

    boolean bool(String name) {
        return "true".equals(values.get(name));
    }

    /** A boolean flag's value, or null when it was not given. */
    Boolean optionalBool(String name) {
        String v = values.get(name);
        return v == null ? null : v.equals("true");
    }

    List<String> strings(String name) {
        return List.copyOf(multi.getOrDefault(name, List.of()));
    }
}
