package dev.stagesh.dockerfile.instructions;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.parser.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Parses {@code --mount} values (CSV of {@code key=value} fields) with BuildKit's rules. Before expansion, option
 * names are always checked, and values only when they contain no {@code $}; after expansion everything is checked.
 */
final class MountParser {
    private static final Set<String> TYPES = Set.of("bind", "cache", "tmpfs", "secret", "ssh");
    private static final Set<String> SHARING = Set.of("shared", "private", "locked");
    private static final Pattern RAM = Pattern.compile("(?i)\\d+(\\.\\d+)?\\s*([kmgtp]i?b?|b)?");

    private MountParser() {
    }

    static List<Mount> parseAll(List<String> specs, WordExpander expander, Node node) {
        List<Mount> out = new ArrayList<>(specs.size());
        for (String spec : specs) {
            try {
                out.add(parse(spec, expander));
            } catch (DockerfileException e) {
                throw Located.error(e.getMessage(), node, "--mount");
            }
        }
        return out;
    }

    static Mount parse(String spec, WordExpander expander) {
        List<String> fields = csvFields(spec);
        String type = "bind";
        boolean typeKnown = true;
        boolean deferred = false;
        Map<String, String> opts = new LinkedHashMap<>();
        Boolean readonly = null;
        for (String field : fields) {
            int eq = field.indexOf('=');
            String key = (eq < 0 ? field : field.substring(0, eq)).toLowerCase(Locale.ROOT);
            if (eq < 0) {
                switch (key) {
                    case "readonly", "ro" -> readonly = true;
                    case "readwrite", "rw" -> readonly = false;
                    case "required" -> {
                        if (typeKnown && !type.equals("secret") && !type.equals("ssh")) {
                            throw fail("unexpected key '" + key + "' for mount type '" + type + "'");
                        }
                        opts.put("required", "true");
                    }
                    default -> throw fail("invalid field '" + field + "' must be a key=value pair");
                }
                continue;
            }
            String value = field.substring(eq + 1);
            if (expander != null) {
                value = expander.expand(value);
            } else if (key.equals("from")) {
                int idx = value.indexOf('$');
                if (idx != -1 && idx != value.length() - 1) {
                    throw fail("'" + key + "' doesn't support variable expansion, define alias stage instead");
                }
            }
            boolean raw = expander == null && value.contains("$");
            deferred |= raw;
            switch (key) {
                case "type" -> {
                    if (raw) {
                        typeKnown = false;
                        type = value;
                    } else {
                        String v = value.toLowerCase(Locale.ROOT);
                        if (!TYPES.contains(v)) {
                            throw fail("unsupported mount type \"" + value + "\"");
                        }
                        type = v;
                    }
                }
                case "from" -> opts.put("from", value);
                case "source", "src" -> opts.put("source", value);
                case "target", "dst", "destination" -> opts.put("target", value);
                case "readonly", "ro" -> readonly = raw ? readonly : parseBool(key, value);
                case "readwrite", "rw" -> readonly = raw ? readonly : !parseBool(key, value);
                case "required" -> {
                    if (typeKnown && !type.equals("secret") && !type.equals("ssh")) {
                        throw fail("unexpected key '" + key + "' for mount type '" + type + "'");
                    }
                    opts.put("required", raw ? value : String.valueOf(parseBool(key, value)));
                }
                case "size" -> {
                    if (typeKnown && !type.equals("tmpfs")) {
                        throw fail("unexpected key '" + key + "' for mount type '" + type + "'");
                    }
                    if (!raw && !RAM.matcher(value).matches()) {
                        throw fail("invalid value for " + key + ": " + value);
                    }
                    opts.put("size", value);
                }
                case "id" -> opts.put("id", value);
                case "sharing" -> {
                    if (!raw && !SHARING.contains(value.toLowerCase(Locale.ROOT))) {
                        throw fail("unsupported sharing value \"" + value + "\"");
                    }
                    opts.put("sharing", raw ? value : value.toLowerCase(Locale.ROOT));
                }
                case "mode" -> {
                    if (!raw) {
                        checkUnsigned(value, 8, "mode");
                    }
                    opts.put("mode", value);
                }
                case "uid", "gid" -> {
                    if (!raw) {
                        checkUnsigned(value, 10, key);
                    }
                    opts.put(key, value);
                }
                case "env" -> opts.put("env", value);
                default -> throw fail("unexpected key '" + key + "' in '" + field + "'");
            }
        }
        if (!deferred) {
            boolean fileInfoAllowed = type.equals("secret") || type.equals("ssh") || type.equals("cache");
            for (String k : List.of("mode", "uid", "gid")) {
                if (!fileInfoAllowed && opts.containsKey(k)) {
                    throw fail(k + " not allowed for \"" + type + "\" type mounts");
                }
            }
            if (type.equals("secret")) {
                if (opts.containsKey("from") && !opts.get("from").isEmpty()) {
                    throw fail("secret mount should not have a from");
                }
                if (opts.containsKey("sharing")) {
                    throw fail("secret mount should not define sharing");
                }
                if (empty(opts, "source") && empty(opts, "target") && empty(opts, "id")) {
                    throw fail("invalid secret mount. one of source, target required");
                }
                if (!empty(opts, "source") && !empty(opts, "id")) {
                    throw fail("both source and id can't be set");
                }
            }
            if (opts.containsKey("sharing") && !type.equals("cache")) {
                throw fail("invalid cache sharing set for " + type + " mount");
            }
        }
        if (readonly == null) {
            readonly = !(type.equals("cache") || type.equals("tmpfs"));
        }
        opts.put("readonly", String.valueOf(readonly));
        return new Mount(type, opts);
    }

    private static boolean empty(Map<String, String> opts, String key) {
        String v = opts.get(key);
        return v == null || v.isEmpty();
    }

    private static DockerfileException fail(String message) {
        return new DockerfileException(message);
    }

    /** Go's strconv.ParseBool. */
    private static boolean parseBool(String key, String value) {
        return switch (value) {
            case "1", "t", "T", "TRUE", "true", "True" -> true;
            case "0", "f", "F", "FALSE", "false", "False" -> false;
            default -> throw fail("invalid value for " + key + ": " + value);
        };
    }

    private static void checkUnsigned(String value, int radix, String what) {
        boolean ok = !value.isEmpty() && value.length() <= 40;
        if (ok) {
            try {
                long v = Long.parseLong(value, radix);
                ok = v >= 0 && v <= 0xFFFF_FFFFL && !value.startsWith("+") && !value.startsWith("-");
            } catch (NumberFormatException e) {
                ok = false;
            }
        }
        if (!ok) {
            throw fail("invalid value " + value + " for " + what);
        }
    }

    /** One CSV record with Go encoding/csv rules (quoted fields, doubled quotes, no bare quotes). */
    static List<String> csvFields(String s) {
        List<String> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (true) {
            StringBuilder field = new StringBuilder();
            if (i < n && s.charAt(i) == '"') {
                i++;
                while (true) {
                    if (i >= n) {
                        throw fail("failed to parse csv mounts: extraneous or missing \" in quoted-field");
                    }
                    char c = s.charAt(i++);
                    if (c == '"') {
                        if (i < n && s.charAt(i) == '"') {
                            field.append('"');
                            i++;
                            continue;
                        }
                        if (i < n && s.charAt(i) != ',') {
                            throw fail("failed to parse csv mounts: extraneous or missing \" in quoted-field");
                        }
                        break;
                    }
                    field.append(c);
                }
            } else {
                while (i < n && s.charAt(i) != ',') {
                    char c = s.charAt(i++);
                    if (c == '"') {
                        throw fail("failed to parse csv mounts: bare \" in non-quoted-field");
                    }
                    field.append(c);
                }
            }
            out.add(field.toString());
            if (i >= n) {
                return out;
            }
            i++; // the comma
        }
    }
}
