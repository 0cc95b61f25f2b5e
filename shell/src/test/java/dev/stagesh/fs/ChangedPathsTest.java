package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A diff read from the layers between two snapshots ({@link ChangedPaths}, {@link TreeDiff#at})
 * gives exactly what comparing their whole merged trees gives, in either direction.
 */
class ChangedPathsTest {

    private static final Instant T0 = Instant.parse("2024-06-01T10:30:00Z");

    @Test
    void aLayerThatRemovesReplacesAndHidesIsDiffedFromItsOwnEntries() {
        LayerChanges base = layer(List.of(dir("/etc"), file("/etc/passwd", 10), dir("/var"), dir("/var/lib"),
                dir("/var/lib/apt"), file("/var/lib/apt/a", 1), file("/var/lib/apt/b", 2), dir("/opt"),
                dir("/opt/x"), file("/opt/x/y", 3), dir("/srv"), file("/srv/old", 4), file("/bin", 0)),
                List.of(), List.of());
        LayerChanges step = layer(List.of(dir("/etc"), file("/etc/passwd", 20), file("/opt", 5),
                dir("/srv"), file("/srv/new", 6), file("/usr/local/bin/tool", 7)),
                List.of("/var/lib/apt"), List.of("/srv"));
        FileTree before = LayerStack.tree(List.of(base));
        FileTree after = LayerStack.tree(List.of(base, step));

        TreeDiff diff = TreeDiff.at(before, after, ChangedPaths.of(before, List.of(step)));

        assertThat(diff.render()).containsExactly(
                "C /etc/passwd (20 B)",
                "C /opt (5 B)",
                "D /opt/x",
                "C /srv",
                "A /srv/new (6 B)",
                "D /srv/old (4 B)",
                "A /usr",
                "A /usr/local",
                "A /usr/local/bin",
                "A /usr/local/bin/tool (7 B)",
                "C /var/lib",
                "D /var/lib/apt");
        assertThat(diff.render()).isEqualTo(TreeDiff.between(before, after).render());
        assertThat(TreeDiff.at(after, before, ChangedPaths.of(before, List.of(step))).render())
                .isEqualTo(TreeDiff.between(after, before).render());
    }

    @Test
    void randomLayerStacksDiffAsTheirWholeTrees() {
        Random random = new Random(12);
        for (int round = 0; round < 300; round++) {
            List<LayerChanges> layers = new ArrayList<>();
            int count = 2 + random.nextInt(4);
            for (int i = 0; i < count; i++) {
                layers.add(randomLayer(random, i));
            }
            int low = 1 + random.nextInt(count - 1);
            FileTree lower = LayerStack.tree(layers.subList(0, low));
            FileTree higher = LayerStack.tree(layers);
            var paths = ChangedPaths.of(lower, layers.subList(low, count));
            assertThat(TreeDiff.at(lower, higher, paths).entries())
                    .as("round %d, layers %d over %d", round, count - low, low)
                    .isEqualTo(TreeDiff.between(lower, higher).entries());
            assertThat(TreeDiff.at(higher, lower, paths).entries())
                    .as("round %d reversed", round)
                    .isEqualTo(TreeDiff.between(higher, lower).entries());
            assertThat(TreeDiff.between(lower, higher).entries()).extracting(DiffEntry::path)
                    .as("round %d in path order", round)
                    .isSortedAccordingTo(FsPaths.PATH_ORDER);
        }
    }

    /** Entries, whiteouts and opaque markers over a small name space, so layers collide often. */
    private static LayerChanges randomLayer(Random random, int index) {
        String[] names = {"a", "b", "c"};
        List<FileEntry> entries = new ArrayList<>();
        List<String> deletions = new ArrayList<>();
        List<String> opaque = new ArrayList<>();
        int n = 1 + random.nextInt(8);
        for (int i = 0; i < n; i++) {
            StringBuilder path = new StringBuilder();
            int depth = 1 + random.nextInt(3);
            for (int d = 0; d < depth; d++) {
                path.append('/').append(names[random.nextInt(names.length)]);
            }
            String p = path.toString();
            switch (random.nextInt(6)) {
                case 0 -> deletions.add(p);
                case 1 -> opaque.add(p);
                case 2, 3 -> entries.add(new FileEntry(p, EntryType.DIRECTORY, 0755, 0, 0, 0,
                        T0.plusSeconds(random.nextInt(2)), null, 0, 0));
                default -> entries.add(new FileEntry(p, EntryType.FILE, 0644, 0, 0, random.nextInt(3),
                        T0.plusSeconds(index), null, 0, 0));
            }
        }
        return layer(entries, deletions, opaque);
    }

    private static LayerChanges layer(List<FileEntry> entries, List<String> deletions, List<String> opaque) {
        return new LayerChanges(entries, deletions, opaque);
    }

    private static FileEntry dir(String path) {
        return new FileEntry(path, EntryType.DIRECTORY, 0755, 0, 0, 0, T0, null, 0, 0);
    }

    private static FileEntry file(String path, long size) {
        return new FileEntry(path, EntryType.FILE, 0644, 0, 0, size, T0, null, 0, 0);
    }
}
