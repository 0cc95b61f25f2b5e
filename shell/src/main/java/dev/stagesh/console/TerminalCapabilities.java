package dev.stagesh.console;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.jline.utils.InfoCmp;

/**
 * The terminfo description of {@code $TERM}, which JLine gets by running {@code infocmp -x TERM}
 * (the few descriptions it ships are its fallback when that fails): a process on the way to every
 * prompt, 60-100 ms.
 * The description is kept in stagesh's cache directory, keyed by the compiled terminfo entry it
 * was made from (its path, size and modification time), and handed to JLine before a terminal
 * opens; an entry that changed, or none kept, is asked of {@code infocmp} once and kept.
 */
public final class TerminalCapabilities {
    /** A terminal name as terminfo names them; anything else is never a file name here. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._+-]{0,63}");
    private static final String HEADER = "# stagesh: from ";

    private final Map<String, String> env;
    private final Path cache;
    private final Function<String, Optional<String>> infocmp;

    /**
     * @param cache   the directory the descriptions are kept in
     * @param infocmp the description of a terminal as {@code infocmp -x} prints it, empty if it cannot
     */
    TerminalCapabilities(Map<String, String> env, Path cache, Function<String, Optional<String>> infocmp) {
        this.env = env;
        this.cache = cache;
        this.infocmp = infocmp;
    }

    /** For this process's terminal: {@code $XDG_CACHE_HOME/stagesh/terminfo}, else {@code ~/.cache/stagesh/terminfo}. */
    static TerminalCapabilities standard() {
        Map<String, String> env = System.getenv();
        String xdg = env.get("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new TerminalCapabilities(env, base.resolve("stagesh").resolve("terminfo"), TerminalCapabilities::runInfocmp);
    }

    /**
     * Hands JLine the description of {@code $TERM} when it is kept, or once asked and kept; returns
     * it. Empty, and JLine left to do as it does, where TERM names no compiled entry or none can be had.
     */
    Optional<String> preload() {
        String term = env.get("TERM");
        if (term == null || !NAME.matcher(term).matches() || InfoCmp.getLoadedInfoCmp(term) != null) {
            return Optional.empty();
        }
        Optional<String> source = compiledEntry(term).flatMap(TerminalCapabilities::stamp);
        if (source.isEmpty()) {
            return Optional.empty();
        }
        String header = HEADER + source.get() + "\n";
        Path kept = cache.resolve(term);
        Optional<String> caps = read(kept, header).or(() -> infocmp.apply(term).map(c -> keep(kept, header, c)));
        caps.ifPresent(c -> InfoCmp.setLoadedInfoCmp(term, c));
        return caps;
    }

    /** The file ncurses would read for {@code term}, in its order of directories. */
    Optional<Path> compiledEntry(String term) {
        List<Path> dirs = new ArrayList<>();
        addDir(dirs, env.get("TERMINFO"));
        String home = env.get("HOME");
        if (home != null && !home.isBlank()) {
            dirs.add(Path.of(home, ".terminfo"));
        }
        String list = env.get("TERMINFO_DIRS");
        if (list != null) {
            for (String d : list.split(":", -1)) {
                addDir(dirs, d.isEmpty() ? "/usr/share/terminfo" : d); // an empty element is the default
            }
        }
        for (String d : List.of("/etc/terminfo", "/lib/terminfo", "/usr/share/terminfo")) {
            dirs.add(Path.of(d));
        }
        String letter = term.substring(0, 1);
        String hex = Integer.toHexString(term.charAt(0)); // macOS names the subdirectory by the letter's code
        for (Path d : dirs) {
            for (Path f : List.of(d.resolve(letter).resolve(term), d.resolve(hex).resolve(term))) {
                if (Files.isRegularFile(f)) {
                    return Optional.of(f);
                }
            }
        }
        return Optional.empty();
    }

    private static void addDir(List<Path> dirs, String dir) {
        if (dir != null && !dir.isBlank()) {
            dirs.add(Path.of(dir));
        }
    }

    /** The entry's real path, size and modification time: a description made from another is not used. */
    private static Optional<String> stamp(Path entry) {
        try {
            Path real = entry.toRealPath();
            BasicFileAttributes a = Files.readAttributes(real, BasicFileAttributes.class);
            return Optional.of(real + " " + a.size() + " " + a.lastModifiedTime().toMillis());
        } catch (IOException e) {
            return Optional.empty();
        }
    }

    private static Optional<String> read(Path kept, String header) {
        try {
            String text = Files.readString(kept, StandardCharsets.UTF_8);
            return text.startsWith(header) ? Optional.of(text.substring(header.length())) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty(); // none kept, or unreadable: asked again
        }
    }

    /** Keeps the description (written whole, then moved into place); returns it, kept or not. */
    private static String keep(Path kept, String header, String caps) {
        try {
            Files.createDirectories(kept.getParent());
            Path partial = Files.createTempFile(kept.getParent(), kept.getFileName().toString(), ".partial");
            try {
                Files.writeString(partial, header + caps, StandardCharsets.UTF_8);
                try {
                    Files.move(partial, kept, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(partial, kept, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(partial);
            }
        } catch (IOException e) {
            // a cache that cannot be written (read-only home): asked again next time
        }
        return caps;
    }

    /** {@code infocmp -x TERM}, as JLine runs it; empty when it is missing or fails. */
    private static Optional<String> runInfocmp(String term) {
        try {
            Process p = new ProcessBuilder("infocmp", "-x", term).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            p.getOutputStream().close();
            String out;
            try (InputStream in = p.getInputStream()) {
                out = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            }
            if (!p.waitFor(5, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return Optional.empty();
            }
            return p.exitValue() == 0 && !out.isBlank() ? Optional.of(out) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }
}
