package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Docker's destination rules for COPY, checked on the inspectable plan. */
class CopyPlanTest {
    @TempDir
    Path dir;

    private static final Predicate<String> NOTHING_EXISTS = p -> false;

    private TarPlan plan(Tree t, List<String> sources, String dest, String workdir, CopyOptions options,
                         Predicate<String> existingDirs) {
        BuildContext ctx = t.context();
        return ctx.plan(ctx.resolve(sources), dest, workdir, options, existingDirs);
    }

    private TarPlan plan(Tree t, List<String> sources, String dest) {
        return plan(t, sources, dest, "/", CopyOptions.defaults(), NOTHING_EXISTS);
    }

    private static List<String> paths(TarPlan p) {
        return p.entries().stream().map(TarPlanEntry::tarPath).toList();
    }

    @Test
    void fileIntoDirectoryWhenDestEndsInSlash() {
        Tree t = new Tree(dir).with("a.txt");
        TarPlan p = plan(t, List.of("a.txt"), "/x/y/");
        assertThat(paths(p)).containsExactly("x", "x/y", "x/y/a.txt");
        TarPlanEntry created = p.entry("x").orElseThrow();
        assertThat(created.created()).isTrue();
        assertThat(created.mode()).isEqualTo(0755);
        assertThat(created.uid()).isZero();
        assertThat(created.gid()).isZero();
        assertThat(p.destination()).isEqualTo("/x/y");
    }

    @Test
    void fileToNonSlashDestIsTheNewName() {
        Tree t = new Tree(dir).with("a.txt");
        assertThat(paths(plan(t, List.of("a.txt"), "/opt/b.txt"))).containsExactly("opt", "opt/b.txt");
    }

    @Test
    void fileToAnExistingDirectoryWithoutSlashGoesInside() {
        Tree t = new Tree(dir).with("a.txt");
        TarPlan p = plan(t, List.of("a.txt"), "/opt", "/", CopyOptions.defaults(), Set.of("/opt")::contains);
        assertThat(paths(p)).containsExactly("opt/a.txt");
    }

    @Test
    void createdParentsAreRootOwnedWithoutChown() {
        Tree t = new Tree(dir).with("a.txt");
        TarPlan p = plan(t, List.of("a.txt"), "/x/y/");
        assertThat(p.entries()).filteredOn(TarPlanEntry::created)
                .extracting(TarPlanEntry::tarPath, TarPlanEntry::mode, TarPlanEntry::uid, TarPlanEntry::gid)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("x", 0755, 0, 0),
                        org.assertj.core.groups.Tuple.tuple("x/y", 0755, 0, 0));
    }

    @Test
    void existingParentsAreNotRewritten() {
        Tree t = new Tree(dir).with("a.txt");
        TarPlan p = plan(t, List.of("a.txt"), "/tmp/new/", "/", CopyOptions.defaults(), Set.of("/tmp")::contains);
        assertThat(paths(p)).containsExactly("tmp/new", "tmp/new/a.txt");
    }

    @Test
    void relativeDestIsRelativeToWorkdir() {
        Tree t = new Tree(dir).with("a.txt");
        CopyOptions o = CopyOptions.defaults();
        Predicate<String> app = Set.of("/app")::contains;
        assertThat(paths(plan(t, List.of("a.txt"), "sub/", "/app", o, app))).containsExactly("app/sub", "app/sub/a.txt");
        assertThat(paths(plan(t, List.of("a.txt"), ".", "/app", o, app))).containsExactly("app/a.txt");
        assertThat(paths(plan(t, List.of("a.txt"), "./", "/app", o, app))).containsExactly("app/a.txt");
        assertThat(paths(plan(t, List.of("a.txt"), "b.txt", "/app", o, app))).containsExactly("app/b.txt");
        assertThat(paths(plan(t, List.of("a.txt"), "../b.txt", "/app", o, app))).containsExactly("b.txt");
    }

    @Test
    void directorySourceCopiesItsContentsNotItself() {
        Tree t = new Tree(dir).with("src/main.c", "src/lib/util.c").mode("src", "rwxrwxr-x");
        TarPlan p = plan(t, List.of("src"), "/code");
        assertThat(paths(p)).containsExactly("code", "code/lib", "code/lib/util.c", "code/main.c");
        // the destination is made like a missing parent (BuildKit's MkdirAll), not a copy of src
        assertThat(p.entry("code").orElseThrow().mode()).isEqualTo(0755);
        assertThat(p.entry("code").orElseThrow().created()).isTrue();
        TarPlan withSlash = plan(t, List.of("src/"), "/code/");
        assertThat(paths(withSlash)).isEqualTo(paths(p));
    }

    @Test
    void theDirectoryMadeForADirectorySourceGetsTheSourcesMtimeItsParentsTheirOwn() {
        Tree t = new Tree(dir).with("src/main.c").mtime("src", 1_500_000_000_000L);
        TarPlan p = plan(t, List.of("src"), "/deep/code/");
        assertThat(p.entry("deep/code").orElseThrow().mtimeMillis()).isEqualTo(1_500_000_000_000L);
        assertThat(p.entry("deep/code").orElseThrow().created()).isTrue();
        assertThat(p.entry("deep").orElseThrow().mtimeMillis()).isNotEqualTo(1_500_000_000_000L);
        // the context root's time is not BuildKit's to send: a copy of . keeps a time of its own
        assertThat(plan(t, List.of("."), "/whole/").entry("whole").orElseThrow().mtimeMillis())
                .isNotEqualTo(t.context().resolve(List.of(".")).sources().get(0).root().mtimeMillis());
    }

    @Test
    void aDirectorySourceIntoAnExistingDirectoryRewritesItsHeaderWithItsOwnModeAndOwnerAndTheSourcesTime() {
        Tree t = new Tree(dir).with("src/main.c").mtime("src", 1_500_000_000_000L);
        ImageDirs app = new ImageDirs() {
            @Override
            public java.util.Optional<Dir> directory(String path) {
                return path.equals("/app") ? java.util.Optional.of(Dir.PLAIN) : java.util.Optional.empty();
            }

            @Override
            public java.util.Optional<Header> header(String path) {
                return path.equals("/app") ? java.util.Optional.of(new Header(02750, 7, 8)) : java.util.Optional.empty();
            }
        };
        BuildContext ctx = t.context();
        TarPlan p = ctx.planInto(ctx.resolve(List.of("src")), ".", "/app",
                CopyOptions.defaults().withChmod("0600").withChown(1, 1), app);
        TarPlanEntry e = p.entry("app").orElseThrow();
        assertThat(e).extracting(TarPlanEntry::mode, TarPlanEntry::uid, TarPlanEntry::gid, TarPlanEntry::mtimeMillis,
                TarPlanEntry::created).containsExactly(02750, 7, 8, 1_500_000_000_000L, false);
        assertThat(p.entry("app/main.c").orElseThrow().mode()).isEqualTo(0600);
    }

    @Test
    void chmodReplacesEveryBitOfACopiedEntryAndCreatedDirectoriesGetItsBitsUnderTheUmask() {
        CopyOptions o = CopyOptions.defaults().withChmod("640");
        assertThat(o.copiedMode(04755, false)).isEqualTo(0640);
        assertThat(o.copiedMode(0777, true)).isEqualTo(0777);
        assertThat(CopyOptions.defaults().copiedMode(04755, false)).isEqualTo(04755);
        assertThat(CopyOptions.defaults().withChmod("4777").copiedMode(0644, false)).isEqualTo(04777);
        assertThat(CopyOptions.defaults().withChmod("4777").createdDirMode()).isEqualTo(0755);
        assertThat(CopyOptions.defaults().withChmod("0751").createdDirMode()).isEqualTo(0751);
        assertThat(CopyOptions.defaults().createdDirMode()).isEqualTo(0755);
    }

    @Test
    void directoryIntoAnExistingDirectoryKeepsThatDirectorysMetadata() {
        Tree t = new Tree(dir).with("src/main.c");
        TarPlan p = plan(t, List.of("src"), ".", "/app", CopyOptions.defaults(), Set.of("/app")::contains);
        assertThat(paths(p)).containsExactly("app/main.c");
    }

    @Test
    void wholeContextToRoot() {
        Tree t = new Tree(dir).with("a", "d/b");
        assertThat(paths(plan(t, List.of("."), "/"))).containsExactly("a", "d", "d/b");
    }

    @Test
    void severalSourcesNeedADirectoryDestination() {
        Tree t = new Tree(dir).with("a", "b");
        assertThatThrownBy(() -> plan(t, List.of("a", "b"), "/x")).isInstanceOf(ContextException.class)
                .hasMessage("When using COPY with more than one source file, the destination must be a directory"
                        + " and end with a /");
        assertThat(paths(plan(t, List.of("a", "b"), "/x/"))).containsExactly("x", "x/a", "x/b");
        TarPlan existing = plan(t, List.of("a", "b"), "/x", "/", CopyOptions.defaults(), Set.of("/x")::contains);
        assertThat(paths(existing)).containsExactly("x/a", "x/b");
    }

    @Test
    void wildcardMatchingSeveralNeedsADirectoryButOneMatchCanBeRenamed() {
        Tree t = new Tree(dir).with("target/app-1.0.jar", "lib/a.jar", "lib/b.jar");
        assertThatThrownBy(() -> plan(t, List.of("lib/*.jar"), "/app.jar"))
                .hasMessageStartingWith("When using COPY with more than one source file");
        assertThat(paths(plan(t, List.of("target/*.jar"), "/app.jar"))).containsExactly("app.jar");
        assertThat(paths(plan(t, List.of("lib/*.jar"), "/libs/"))).containsExactly("libs", "libs/a.jar", "libs/b.jar");
    }

    @Test
    void filesKeepModeAndMtimeAndDefaultToRoot() {
        Tree t = new Tree(dir).file("run.sh", "echo\n").mode("run.sh", "rwxr-xr-x").mtime("run.sh", 1_600_000_000_000L);
        TarPlanEntry e = plan(t, List.of("run.sh"), "/bin/").entry("bin/run.sh").orElseThrow();
        assertThat(e.mode()).isEqualTo(0755);
        assertThat(e.mtimeMillis()).isEqualTo(1_600_000_000_000L);
        assertThat(e.uid()).isZero();
        assertThat(e.size()).isEqualTo(5);
        assertThat(e.sourcePath()).isEqualTo(t.root.toAbsolutePath().resolve("run.sh"));
    }

    @Test
    void chmodAppliesToCopiedFilesAndDirsChownToEverythingTheCopyCreates() {
        Tree t = new Tree(dir).with("d/sub/f").link("d/ln", "f");
        CopyOptions o = CopyOptions.defaults().withChmod("0640").withChown(1000, 1001);
        TarPlan p = plan(t, List.of("d"), "/a/b", "/", o, NOTHING_EXISTS);
        // the directories the copy creates are made at --chmod's mode too, as BuildKit's MkdirAll makes them
        assertThat(p.entry("a").orElseThrow()).extracting(TarPlanEntry::mode, TarPlanEntry::uid, TarPlanEntry::gid)
                .containsExactly(0640, 1000, 1001);
        assertThat(p.entry("a/b").orElseThrow()).extracting(TarPlanEntry::mode, TarPlanEntry::uid, TarPlanEntry::gid)
                .containsExactly(0640, 1000, 1001);
        assertThat(p.entry("a/b/sub").orElseThrow()).extracting(TarPlanEntry::mode, TarPlanEntry::uid)
                .containsExactly(0640, 1000);
        assertThat(p.entry("a/b/sub/f").orElseThrow().mode()).isEqualTo(0640);
        TarPlanEntry link = p.entry("a/b/ln").orElseThrow();
        assertThat(link.type()).isEqualTo(EntryType.SYMLINK);
        assertThat(link.linkTarget()).isEqualTo("f");
        assertThat(link.mode()).isEqualTo(0777);
        assertThat(link.uid()).isEqualTo(1000);
    }

    @Test
    void symlinkSourceRootIsCopiedAsItsTargetUnderItsOwnName() {
        Tree t = new Tree(dir).file("real.txt", "data").link("ln", "real.txt");
        TarPlanEntry e = plan(t, List.of("ln"), "/x/").entry("x/ln").orElseThrow();
        assertThat(e.type()).isEqualTo(EntryType.FILE);
        assertThat(e.size()).isEqualTo(4);
    }

    @Test
    void excludeFlagLeavesFilesOut() {
        Tree t = new Tree(dir).with("d/a.txt", "d/b.md", "d/sub/c.txt", "d/sub/keep.txt", "top.txt");
        CopyOptions o = CopyOptions.defaults().withExcludes(List.of("*.txt", "sub/*.txt", "!sub/keep.txt"));
        TarPlan p = plan(t, List.of("d", "top.txt"), "/x/", "/", o, NOTHING_EXISTS);
        assertThat(paths(p)).containsExactly("x", "x/b.md", "x/sub", "x/sub/keep.txt");
    }

    @Test
    void parentsFlagKeepsTheSourcePath() {
        Tree t = new Tree(dir).with("packages/a/package.json", "packages/b/package.json", "apps/c/package.json",
                "x/y/z.txt");
        CopyOptions o = CopyOptions.defaults().withParents(true);
        TarPlan p = plan(t, List.of("packages/*/package.json", "apps/*/package.json"), "/app/", "/", o, Set.of("/app")::contains);
        assertThat(paths(p)).containsExactly("app/apps", "app/apps/c", "app/apps/c/package.json", "app/packages",
                "app/packages/a", "app/packages/a/package.json", "app/packages/b", "app/packages/b/package.json");
        assertThat(paths(plan(t, List.of("x/./y/z.txt"), "/d/", "/", o, NOTHING_EXISTS)))
                .containsExactly("d", "d/y", "d/y/z.txt");
        t.mode("x", "rwx------");
        TarPlan dirPlan = plan(t, List.of("x/y"), "/d/", "/", o.withChown(7, 8), NOTHING_EXISTS);
        assertThat(paths(dirPlan)).containsExactly("d", "d/x", "d/x/y", "d/x/y/z.txt");
        // kept parents are copies of the context's directories; the destination itself is created
        assertThat(dirPlan.entry("d/x").orElseThrow()).extracting(TarPlanEntry::mode, TarPlanEntry::uid,
                TarPlanEntry::created).containsExactly(0700, 7, false);
        assertThat(dirPlan.entry("d").orElseThrow()).extracting(TarPlanEntry::mode, TarPlanEntry::uid,
                TarPlanEntry::created).containsExactly(0755, 7, true);
    }

    @Test
    void laterSourceWinsAtTheSamePath() {
        Tree t = new Tree(dir).file("a/f", "first").file("b/f", "second!");
        TarPlan p = plan(t, List.of("a", "b"), "/x/");
        assertThat(p.entry("x/f").orElseThrow().size()).isEqualTo(7);
        assertThat(paths(p)).containsExactly("x", "x/f");
    }
}
