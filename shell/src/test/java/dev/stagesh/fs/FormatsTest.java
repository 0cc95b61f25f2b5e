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

    @Test
    void siPrintsWhatTheFormatterPrintsForEverySize() {
        java.util.Random random = new java.util.Random(7);
        for (int i = 0; i < 20_000; i++) {
            long bytes = i < 2000 ? i * 7L : (long) Math.pow(10, random.nextDouble() * 15);
            assertThat(SizeFormat.si(bytes)).as("%d bytes", bytes).isEqualTo(formatted(bytes));
        }
    }

    /** The rule as written with the formatter: rounded half up to tenths, then %.1f or %.0f of that. */
    private static String formatted(long bytes) {
        if (bytes < 10) {
            return bytes + " B";
        }
        String[] units = {"B", "kB", "MB", "GB", "TB", "PB", "EB"};
        int unit = 0;
        double value = bytes;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        double rounded = Math.floor(value * 10 + 0.5) / 10;
        return String.format(java.util.Locale.ROOT, rounded < 10 ? "%.1f" : "%.0f", rounded) + " " + units[unit];
    }

    @Test
    void pathOrderIsComponentByComponentForAnyNames() {
        java.util.Random random = new java.util.Random(3);
        String[] parts = {"a", "b", "a-b", "a.b", "ab", "\uD83D\uDE00", "\uFFFD", "A", "a b", "0"};
        for (int i = 0; i < 20_000; i++) {
            String x = randomPath(random, parts);
            String y = randomPath(random, parts);
            assertThat(Integer.signum(FsPaths.PATH_ORDER.compare(x, y))).as("%s vs %s", x, y)
                    .isEqualTo(Integer.signum(byComponents(x, y)));
        }
    }

    private static String randomPath(java.util.Random random, String[] parts) {
        StringBuilder b = new StringBuilder();
        int depth = random.nextInt(4);
        for (int d = 0; d < depth; d++) {
            b.append('/').append(parts[random.nextInt(parts.length)]);
        }
        return b.length() == 0 ? "/" : b.toString();
    }

    /** Splits both paths into names and compares those in C order, the shorter list first on a tie. */
    private static int byComponents(String x, String y) {
        String[] a = x.equals("/") ? new String[0] : x.substring(1).split("/");
        String[] b = y.equals("/") ? new String[0] : y.substring(1).split("/");
        for (int k = 0; k < Math.min(a.length, b.length); k++) {
            int c = FsPaths.C_ORDER.compare(a[k], b[k]);
            if (c != 0) {
                return c;
            }
        }
        return Integer.compare(a.length, b.length);
    }
}
