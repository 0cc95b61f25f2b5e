package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dockerfile.GoPaths;
import dev.stagesh.fs.FsPaths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Context paths: relative, cleaned, "" for the root; one rule for what climbs out, one order. */
class ContextPathsTest {
    @Test
    void inContextNamesTheRootEmptyAndRefusesWhatClimbsOut() {
        assertThat(ContextPaths.inContext(GoPaths.clean("a/../b/"))).isEqualTo("b");
        assertThat(ContextPaths.inContext(GoPaths.clean("./"))).isEmpty();
        assertThat(ContextPaths.inContext(GoPaths.clean("a/../.."))).isNull();
        assertThat(ContextPaths.inContext(GoPaths.clean("../x"))).isNull();
        assertThat(ContextPaths.inContext(GoPaths.clean("..x/y"))).as("a name that starts with dots").isEqualTo("..x/y");
    }

    @Test
    void withinJoinParentAndBase() {
        assertThat(ContextPaths.isWithin("src/a", "src")).isTrue();
        assertThat(ContextPaths.isWithin("src", "src")).isTrue();
        assertThat(ContextPaths.isWithin("srcx/a", "src")).isFalse();
        assertThat(ContextPaths.isWithin("anything", "")).as("the root holds all").isTrue();
        assertThat(ContextPaths.join("", "a")).isEqualTo("a");
        assertThat(ContextPaths.join("a/", "b")).isEqualTo("a/b");
        assertThat(ContextPaths.parent("a/b/c")).isEqualTo("a/b");
        assertThat(ContextPaths.parent("a")).isEmpty();
        assertThat(ContextPaths.base("a/b/c")).isEqualTo("c");
        assertThat(ContextPaths.relativize("a", "a/b/c")).isEqualTo("b/c");
        assertThat(ContextPaths.relativize("a", "a")).isEmpty();
    }

    @Test
    void orderedElementByElementAsGoWalksAndTarExtracts() {
        // a directory comes right before its contents; names compare by code point, as Go's strings do
        List<String> paths = new ArrayList<>(List.of("a.txt", "a/b", "\uD83D\uDE00", "a", "\uFF01", "a-b/c"));
        paths.sort(FsPaths.PATH_ORDER);
        assertThat(paths).containsExactly("a", "a/b", "a-b/c", "a.txt", "\uFF01", "\uD83D\uDE00");
    }
}
