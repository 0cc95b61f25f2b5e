package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class TarGrepTest {

    private final Tars archive = new Tars()
            .dir("etc").file("etc/hosts", "127.0.0.1 localhost\n::1 localhost ip6-localhost\n10.0.0.1 db\n")
            .file("etc/motd", "welcome\n")
            .file("etc/app.bin", 0755, bytes("ELF\0\0\0 localhost inside a binary\n"))
            // the NUL comes after the 32 KiB grep sniffs: text until then, binary after
            .file("etc/late", 0644, bytes("localhost first\n" + "a".repeat(40_000)
                    + "\nthen\0localhost in binary\nlocalhost again\n"))
            .file("etc/early", 0644, bytes("localhost first\nthen\0 binary\n"))
            .symlink("etc/hosts.link", "hosts")
            .file("etc/crlf", "no newline at end localhost");

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private List<String> grep(String regex, boolean lineNumbers, boolean filesOnly) {
        List<String> out = new ArrayList<>();
        new TarGrep(Pattern.compile(regex), filesOnly).search(archive.stream(), "/", m -> out.add(m.render(lineNumbers)));
        return out;
    }

    @Test
    void printsMatchingLinesPrefixedWithThePath() {
        assertThat(grep("localhost", false, false)).containsExactly(
                "/etc/hosts:127.0.0.1 localhost",
                "/etc/hosts:::1 localhost ip6-localhost",
                "Binary file /etc/app.bin matches",
                "/etc/late:localhost first",
                "Binary file /etc/late matches",
                "Binary file /etc/early matches",
                "/etc/crlf:no newline at end localhost");
    }

    @Test
    void numbersLinesAndListsFiles() {
        assertThat(grep("^10\\.", true, false)).containsExactly("/etc/hosts:3:10.0.0.1 db");
        assertThat(grep("local", false, true)).containsExactly(
                "/etc/hosts", "/etc/app.bin", "/etc/late", "/etc/early", "/etc/crlf");
    }

    @Test
    void aBinaryFileWithoutAMatchSaysNothing() {
        assertThat(grep("welcome|absent", false, false)).containsExactly("/etc/motd:welcome");
    }

    @Test
    void resultsAreRecordsToo() {
        List<GrepMatch> matches = new ArrayList<>();
        new TarGrep(Pattern.compile("db"), false).search(archive.stream(), "/", matches::add);
        assertThat(matches).containsExactly(new GrepMatch.Line("/etc/hosts", 3, "10.0.0.1 db"));
    }
}
