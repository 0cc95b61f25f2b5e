package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The small formatting rules the renderers share. */
class FormatsTest {

    @Test
    void lsHumanRoundsUpInPowersOf1024() {
        assertThat(SizeFormat.lsHuman(0)).isEqualTo("0");
        assertThat(SizeFormat.lsHuman(1023)).isEqualTo("1023");
        assertThat(SizeFormat.lsHuman(1024)).isEqualTo("1.0K");
        assertThat(SizeFormat.lsHuman(1025)).isEqualTo("1.1K");
        assertThat(SizeFormat.lsHuman(1536)).isEqualTo("1.5K");
        assertThat(SizeFormat.lsHuman(10239)).isEqualTo("10K");
        assertThat(SizeFormat.lsHuman(10240)).isEqualTo("10K");
        assertThat(SizeFormat.lsHuman(10241)).isEqualTo("11K");
        assertThat(SizeFormat.lsHuman(1024 * 1024 - 1)).isEqualTo("1.0M");
        assertThat(SizeFormat.lsHuman(1L << 30)).isEqualTo("1.0G");
        assertThat(SizeFormat.lsHuman(5L << 40)).isEqualTo("5.0T");
    }

    @Test
    void siLikeDiveAndGoHumanize() {
        assertThat(SizeFormat.si(0)).isEqualTo("0 B");
        assertThat(SizeFormat.si(9)).isEqualTo("9 B");
        assertThat(SizeFormat.si(512)).isEqualTo("512 B");
        assertThat(SizeFormat.si(1234)).isEqualTo("1.2 kB");
        assertThat(SizeFormat.si(83_000_000)).isEqualTo("83 MB");
        assertThat(SizeFormat.si(2_500_000_000L)).isEqualTo("2.5 GB");
    }

    @Test
    void modeStrings() {
        assertThat(Modes.modeString(EntryType.DIRECTORY, 0755)).isEqualTo("drwxr-xr-x");
        assertThat(Modes.modeString(EntryType.FILE, 04755)).isEqualTo("-rwsr-xr-x");
        assertThat(Modes.modeString(EntryType.FILE, 04644)).isEqualTo("-rwSr--r--");
        assertThat(Modes.modeString(EntryType.FILE, 02755)).isEqualTo("-rwxr-sr-x");
        assertThat(Modes.modeString(EntryType.FILE, 02745)).isEqualTo("-rwxr-Sr-x");
        assertThat(Modes.modeString(EntryType.DIRECTORY, 01777)).isEqualTo("drwxrwxrwt");
        assertThat(Modes.modeString(EntryType.DIRECTORY, 01776)).isEqualTo("drwxrwxrwT");
        assertThat(Modes.modeString(EntryType.SYMLINK, 0777)).isEqualTo("lrwxrwxrwx");
        assertThat(Modes.modeString(EntryType.CHAR_DEVICE, 0666)).isEqualTo("crw-rw-rw-");
        assertThat(Modes.modeString(EntryType.BLOCK_DEVICE, 0660)).isEqualTo("brw-rw----");
        assertThat(Modes.modeString(EntryType.FIFO, 0644)).isEqualTo("prw-r--r--");
        assertThat(Modes.modeString(EntryType.HARDLINK, 0644)).isEqualTo("-rw-r--r--");
        assertThat(Modes.octal(04755)).isEqualTo("4755");
        assertThat(Modes.octal(0644)).isEqualTo("0644");
    }

    @Test
    void ownersComeFromTheSnapshotFilesFirstLineWins() {
        Owners o = Owners.parse("# comment\nroot:x:0:0::/root:/bin/sh\ntoor:x:0:0::/:/bin/sh\nbad:x:zz:0\nnobody:x:65534:65534::/:/bin/false",
                "root:x:0:\nnogroup:x:65534:\n");
        assertThat(o.user(0)).isEqualTo("root");
        assertThat(o.user(65534)).isEqualTo("nobody");
        assertThat(o.user(1000)).isEqualTo("1000");
        assertThat(o.group(65534)).isEqualTo("nogroup");
        assertThat(Owners.parse(null, null).user(0)).isEqualTo("0");
    }

    @Test
    void pathsNormalizeAndOrder() {
        assertThat(FsPaths.normalize("a//b/./c/../d/")).isEqualTo("/a/b/d");
        assertThat(FsPaths.normalize("/../..")).isEqualTo("/");
        assertThat(FsPaths.fromTarName("/usr/local", "./bin/")).isEqualTo("/usr/local/bin");
        assertThat(FsPaths.toTarName("/usr/local", "/usr/local/bin/x")).isEqualTo("bin/x");
        assertThat(FsPaths.toTarName("/", "/etc/passwd")).isEqualTo("etc/passwd");
        assertThat(java.util.stream.Stream.of("/a-b", "/a/b", "/a", "/").sorted(FsPaths.PATH_ORDER))
                .containsExactly("/", "/a", "/a/b", "/a-b");
        // code point order: U+1F600 sorts after U+FFFD, as in UTF-8 bytes
        assertThat(FsPaths.C_ORDER.compare("\uD83D\uDE00", "\uFFFD")).isPositive();
        assertThat(FsPaths.C_ORDER.compare("a\uD83D\uDE00", "a\uFFFD")).isPositive();
        assertThat(FsPaths.C_ORDER.compare("\uD83D\uDE01", "\uD83D\uDE00")).isPositive();
        assertThat(FsPaths.C_ORDER.compare("\uD83D\uDE00x", "\uD83D\uDE00")).isPositive();
        assertThat(java.util.stream.Stream.of("b", "a", "B", "10", "1", "a.txt", "é", "ab").sorted(FsPaths.C_ORDER))
                .containsExactly("1", "10", "B", "a", "a.txt", "ab", "b", "é");
        assertThat(FsPaths.C_ORDER.compare("same", "same")).isZero();
    }
}
