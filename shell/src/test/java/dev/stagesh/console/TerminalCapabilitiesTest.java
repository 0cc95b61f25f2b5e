package dev.stagesh.console;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.jline.utils.InfoCmp;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TerminalCapabilitiesTest {
    @TempDir
    Path dir;

    private final List<String> asked = new ArrayList<>();

    /** A terminal name no other test (nor JLine) knows: JLine's table of descriptions is the process's. */
    private static String freshTerm() {
        return "stagesh-test-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private Path entry(Path terminfo, String term) throws IOException {
        Path f = terminfo.resolve(term.substring(0, 1)).resolve(term);
        Files.createDirectories(f.getParent());
        Files.write(f, new byte[] {0x1a, 0x01, 0x00});
        return f;
    }

    private TerminalCapabilities capabilities(String term, Path terminfo) {
        return new TerminalCapabilities(Map.of("TERM", term, "TERMINFO", terminfo.toString()), dir.resolve("cache"), t -> {
            asked.add(t);
            return Optional.of(t + "|made by the fake infocmp,\n\tam, colors#256, bel=^G,\n");
        });
    }

    @Test
    void aDescriptionIsAskedOnceThenKeptAndHandedToJline() throws IOException {
        String term = freshTerm();
        Path terminfo = dir.resolve("terminfo");
        entry(terminfo, term);
        Optional<String> first = capabilities(term, terminfo).preload();
        assertThat(first).hasValueSatisfying(c -> assertThat(c).startsWith(term + "|made by the fake infocmp"));
        assertThat(InfoCmp.getLoadedInfoCmp(term)).isEqualTo(first.get());
        assertThat(asked).containsExactly(term);

        // a later process: JLine's table is new, the kept description is read and no infocmp runs
        String again = freshTerm();
        Path entry = entry(terminfo, again);
        capabilities(again, terminfo).preload();
        asked.clear();
        InfoCmp.setLoadedInfoCmp(again, (String) null);
        assertThat(capabilities(again, terminfo).preload()).hasValueSatisfying(c -> assertThat(c).startsWith(again + "|"));
        assertThat(asked).isEmpty();
        assertThat(InfoCmp.getLoadedInfoCmp(again)).startsWith(again + "|");

        // the entry changed: the kept description is not the one it would give, and is asked again
        Files.setLastModifiedTime(entry, FileTime.fromMillis(Files.getLastModifiedTime(entry).toMillis() - 60_000));
        InfoCmp.setLoadedInfoCmp(again, (String) null);
        capabilities(again, terminfo).preload();
        assertThat(asked).containsExactly(again);
    }

    @Test
    void noCompiledEntryLeavesJlineToItsOwnWays() {
        String term = freshTerm();
        assertThat(capabilities(term, dir.resolve("empty")).preload()).isEmpty();
        assertThat(asked).isEmpty();
        assertThat(InfoCmp.getLoadedInfoCmp(term)).isNull();
    }

    @Test
    void aTermThatIsNoTerminalNameIsNeverAPath() throws IOException {
        Path terminfo = dir.resolve("terminfo");
        Files.createDirectories(terminfo.resolve(".").resolve(".."));
        for (String term : List.of("../../etc/passwd", "", "a/b", "x y")) {
            assertThat(capabilities(term, terminfo).preload()).as(term).isEmpty();
        }
        assertThat(asked).isEmpty();
    }

    @Test
    void findsTheEntryInNcursesOrderIncludingTheHexDirectory() throws IOException {
        String term = freshTerm();
        Path home = dir.resolve("home");
        Path hex = home.resolve(".terminfo").resolve(Integer.toHexString(term.charAt(0))).resolve(term);
        Files.createDirectories(hex.getParent());
        Files.write(hex, new byte[] {1});
        Path listed = dir.resolve("listed");
        entry(listed, term);
        var c = new TerminalCapabilities(Map.of("TERM", term, "HOME", home.toString(), "TERMINFO_DIRS", listed + ":"),
                dir.resolve("cache"), t -> Optional.empty());
        assertThat(c.compiledEntry(term)).contains(hex);
        var noHome = new TerminalCapabilities(Map.of("TERM", term, "TERMINFO_DIRS", listed + ":"), dir.resolve("cache"),
                t -> Optional.empty());
        assertThat(noHome.compiledEntry(term)).contains(listed.resolve(term.substring(0, 1)).resolve(term));
        assertThat(noHome.preload()).as("infocmp could not say").isEmpty();
    }
}
