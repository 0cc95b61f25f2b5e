package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.Platform;
import dev.stagesh.dockerfile.parser.GoText;

import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * containerd's {@code platforms.Parse} and {@code Normalize}, as far as the platform checks need them: whether a
 * {@code --platform} value parses, and its OS and architecture.
 */
final class PlatformSpec {
    private static final Pattern COMPONENT = Pattern.compile("[A-Za-z0-9_.-]+");
    private static final Set<String> KNOWN_OS = Set.of("aix", "android", "darwin", "dragonfly", "freebsd",
            "hurd", "illumos", "ios", "js", "linux", "nacl", "netbsd", "openbsd", "plan9", "solaris", "windows",
            "zos", "wasip1");

    private PlatformSpec() {
    }

    static Optional<Platform> parse(String text) {
        String spec = text;
        int paren = spec.indexOf('(');
        if (paren >= 0) {
            // os(version)/arch: the OS version plays no part in these checks
            int close = spec.indexOf(')', paren);
            if (close < 0) {
                return Optional.empty();
            }
            spec = spec.substring(0, paren) + spec.substring(close + 1);
        }
        String[] parts = spec.split("/", -1);
        for (String p : parts) {
            if (!COMPONENT.matcher(p).matches()) {
                return Optional.empty();
            }
        }
        return switch (parts.length) {
            case 1 -> {
                String p = parts[0].toLowerCase(Locale.ROOT);
                if (KNOWN_OS.contains(p)) {
                    yield Optional.of(new Platform(p, "amd64", ""));
                }
                yield Optional.of(new Platform("linux", arch(p), ""));
            }
            case 2 -> Optional.of(new Platform(parts[0].toLowerCase(Locale.ROOT), arch(parts[1]), ""));
            case 3 -> Optional.of(new Platform(parts[0].toLowerCase(Locale.ROOT), arch(parts[1]),
                    parts[2].toLowerCase(Locale.ROOT)));
            default -> Optional.empty();
        };
    }

    /** Why containerd refuses {@code text}, in its words, or null when it parses. */
    static String problem(String text) {
        String[] parts = text.split("/", -1);
        for (String p : parts) {
            if (!COMPONENT.matcher(p).matches() && !p.contains("(")) {
                return GoText.quote(p) + " is an invalid component of " + GoText.quote(text)
                        + ": platform specifier component must match \"^[A-Za-z0-9_.-]+$\": invalid argument";
            }
        }
        if (parts.length > 3) {
            return GoText.quote(text) + ": cannot parse platform specifier: invalid argument";
        }
        if (parse(text).isEmpty()) {
            return GoText.quote(text) + ": unknown operating system or architecture: invalid argument";
        }
        return null;
    }

    static String arch(String a) {
        String s = a.toLowerCase(Locale.ROOT);
        return switch (s) {
            case "i386" -> "386";
            case "x86_64", "x86-64", "amd64" -> "amd64";
            case "aarch64", "arm64" -> "arm64";
            case "armhf", "armel", "arm" -> "arm";
            default -> s;
        };
    }
}
