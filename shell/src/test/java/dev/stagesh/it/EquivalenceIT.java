package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagesh.it.ImageFiles.Entry;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * The equivalence suite: each case under {@code src/test/resources/equivalence/<case>/} is a
 * Dockerfile with its context, built once by {@code docker build} and once by {@code stagesh
 * build}; each case (and target) is a test of its own. The two images must have the same files
 * (type, mode, owner, size, content, link target, extended attributes such as file capabilities),
 * the same mtimes wherever either side's predates the builds (the base image's files, and what COPY
 * takes from the context, whose files get distinct old mtimes here), the same config (every field
 * exactly: absent, null, "", [] and {} are not the same thing), the same history ({@code created_by}
 * and {@code empty_layer} of every entry) and the same number of layers. Features this engine's
 * builders lack are checked instead against expectations written by hand from the Dockerfile
 * reference ({@code expected-files.txt}: what the image adds to its base; {@code expected-config.json}:
 * the config fields set, every other one must be absent; {@code expected-history.json}: the history entries
 * added to the base's, as BuildKit writes them, and so the layer count).
 *
 * <p>{@code case.properties}: {@code feature}, {@code against} ({@code buildkit}, {@code classic}
 * or {@code reference}), optionally {@code targets} (comma-separated stages, each a test),
 * {@code build-args} ({@code K=V,...}), {@code secrets} ({@code id=file,...}, the file in the
 * context), {@code base} (reference cases: the image the changes are taken against), {@code modes}
 * ({@code path:octal,...}: context modes git cannot keep), {@code xattrs} ({@code path:user.name=value,...})
 * and {@code caps} ({@code path:capabilities,...}, set with setcap) on context files, and
 * {@code import} ({@code ARG:file.tar,...}: an image imported from a tar of the case, its name given
 * to both builds as that build arg), {@code must-have-xattrs} ({@code path:name,...}: attributes the
 * reference image must have, so an attributes case cannot pass with none kept), and
 * {@code known.<path, path~mtime, config.Field, history or layers>=reference: X | stagesh: Y | why}
 * for a documented difference: exactly that pair at that one place, which must still occur (the
 * rest of the case is still compared); {@code known[TARGET].KEY} for one target only, and a
 * {@code #N} suffix for a second difference at the same key ({@code known.history#2}).
 *
 * <p>The builds use the docker CLI, so {@code DOCKER_HOST} picks the engine; what one engine's
 * builder does differently from the rest is in {@link #ENGINE_KNOWN}, by its version.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS) // one instance for the cases and the report, no static state
@Tag("reference") // Docker 28's BuildKit is the reference: scripts/compat runs this on docker28 and docker28c
class EquivalenceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_ID = "stagesh-equiv-" + UUID.randomUUID().toString().substring(0, 8);
    /** What this run tagged and imported, removed at the end; and its rows, for the report. */
    private final List<String> tags = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    /** The config fields compared, as the image config names them; Author is the image's own {@code author}. */
    static final List<String> CONFIG_FIELDS = List.of("Env", "Cmd", "Entrypoint", "WorkingDir", "User",
            "ExposedPorts", "Labels", "Volumes", "StopSignal", "Healthcheck", "Shell", "OnBuild", "Author");
    /** The old mtimes context paths get (whole hours after it, by path), so a COPY that loses them shows. */
    private static final long CONTEXT_MTIME = 1_500_000_000L;
    /**
     * Differences that are not of one case but of every case compared with a builder, by the engine's
     * version prefix ({@code ""}: any engine), each of which must occur in at least one case run
     * against that builder.
     * <ul>
     * <li>Docker 20.10's BuildKit: its runc executor creates /dev, /proc and /sys as mount points in
     * the layer of the first RUN when the image lacks them (the busybox imported here does; published
     * base images ship them); stagesh commits containers, whose mount points the engine keeps in the
     * container's init layer, which no commit includes. And it writes {@code "OnBuild": null} in every
     * config, where stagesh leaves the field out.
     * </ul>
     */
    /** What BuildKit's runc executor leaves in the first RUN's layer of an image without them (both versions). */
    private static final List<Known> MOUNT_POINTS = List.of(
            new Known("/dev", "dir 0755 0:0", "(none)", "BuildKit's RUN leaves a /dev mount point in an image that lacked it"),
            new Known("/proc", "dir 0755 0:0", "(none)", "BuildKit's RUN leaves a /proc mount point in an image that lacked it"),
            new Known("/sys", "dir 0755 0:0", "(none)", "BuildKit's RUN leaves a /sys mount point in an image that lacked it"));
    private static final Map<String, List<Known>> ENGINE_KNOWN = Map.of(
            "28.", MOUNT_POINTS,
            "20.10.", List.of(
                    MOUNT_POINTS.get(0), MOUNT_POINTS.get(1), MOUNT_POINTS.get(2),
                    new Known("config.OnBuild", "null", "(absent)",
                            "BuildKit 20.10 writes OnBuild: null in every config; stagesh leaves the field out")));
    private final Set<Known> engineKnownSeen = java.util.Collections.synchronizedSet(new java.util.HashSet<>());
    /** The cache mount id the run-mounts case uses (and, with "-combined", combined-user-mounts-scratch); stagesh keeps it as a volume. */
    private static final String CACHE_ID = "stagesh-equivalence";

    @TempDir
    Path tmp;

    record Case(String name, Path dir, Properties props) {
        String feature() {
            return props.getProperty("feature", name);
        }

        String against() {
            return props.getProperty("against", "buildkit");
        }

        List<String> targets() {
            String t = props.getProperty("targets", props.getProperty("target", ""));
            return t.isBlank() ? java.util.Collections.singletonList(null) : List.of(t.split(","));
        }

        List<String> list(String key) {
            String v = props.getProperty(key, "");
            return v.isBlank() ? List.of() : List.of(v.split(","));
        }

        /**
         * The known differences for one target: {@code known.KEY} for every target, {@code known[TARGET].KEY}
         * for that one only.
         */
        List<Known> known(String target) {
            List<Known> out = new ArrayList<>();
            for (String k : props.stringPropertyNames().stream().sorted().toList()) {
                if (k.startsWith("known.")) {
                    out.add(Known.parse(name, k.substring("known.".length()), props.getProperty(k)));
                } else if (k.startsWith("known[")) {
                    int close = k.indexOf("].");
                    if (close < 0) {
                        throw new AssertionError(name + ": " + k + " must read known[TARGET].KEY");
                    }
                    if (k.substring("known[".length(), close).equals(target)) {
                        out.add(Known.parse(name, k.substring(close + 2), props.getProperty(k)));
                    }
                }
            }
            return out;
        }
    }

    /** One place where the two images differ: what the reference has there and what stagesh has. */
    record Difference(String key, String reference, String stagesh) {
        @Override
        public String toString() {
            return key + ": reference=" + reference + " stagesh=" + stagesh;
        }
    }

    /** A documented difference: exactly this pair at this place. */
    record Known(String key, String reference, String stagesh, String why) {
        static Known parse(String caseName, String key, String value) {
            // the values may hold " | " themselves (a RUN's "env | sort"): the stagesh side starts at the first
            // " | stagesh: ", the reason after the last " | "
            int st = value.indexOf(" | stagesh: ");
            int why = value.lastIndexOf(" | ");
            String[] parts = st < 0 || why <= st ? new String[0]
                    : new String[] {value.substring(0, st), value.substring(st + 3, why), value.substring(why + 3)};
            if (parts.length != 3 || !parts[0].startsWith("reference: ") || !parts[1].startsWith("stagesh: ")) {
                throw new AssertionError(caseName + ": known." + key + " must read 'reference: X | stagesh: Y | why', not: "
                        + value);
            }
            // history#2: a second known difference at the same key (a properties key is unique)
            return new Known(key.replaceFirst("#\\d+$", ""), parts[0].substring("reference: ".length()),
                    parts[1].substring("stagesh: ".length()), parts[2]);
        }

        boolean explains(Difference d) {
            return d.key().equals(key) && d.reference().equals(reference) && d.stagesh().equals(stagesh);
        }

        @Override
        public String toString() {
            return key + ": reference: " + reference + " | stagesh: " + stagesh + " (" + why + ")";
        }
    }

    /** One row of the report. */
    record Row(String caseName, String feature, String against, String result, List<String> differences,
               List<String> known, long millis) {
        boolean ok() {
            return result.startsWith("equal") || result.equals("known difference");
        }
    }

    @TestFactory
    Stream<DynamicTest> dockerBuildAndStageshBuildMakeTheSameImages() throws IOException {
        String version = engineVersion();
        List<Known> engineKnown = ENGINE_KNOWN.entrySet().stream().filter(e -> version.startsWith(e.getKey()))
                .flatMap(e -> e.getValue().stream()).toList();
        List<DynamicTest> tests = new ArrayList<>();
        boolean allCases = System.getProperty("equivalence.cases", "").isEmpty();
        for (Case c : cases()) {
            for (String target : c.targets()) {
                String label = c.name() + (target == null ? "" : " (" + target + ")");
                tests.add(DynamicTest.dynamicTest(label, () -> {
                    Row row = run(c, target, label, engineKnown);
                    synchronized (rows) {
                        rows.add(row);
                    }
                    assertThat(row.ok()).as(table(List.of(row))).isTrue();
                }));
            }
        }
        // a tolerance of the engine's builder that no case shows any more hides nothing, and must go
        tests.add(DynamicTest.dynamicTest("the differences known of engine " + version + "'s builder still occur", () -> {
            if (!allCases) {
                Assumptions.abort("equivalence.cases runs a subset: not every case that shows them ran");
            }
            assertThat(engineKnown).as("known of the engine, never seen in a case").isSubsetOf(engineKnownSeen);
        }));
        return tests.stream();
    }

    /** The name an {@code import} entry's image gets: of this run, so runs side by side do not share it. */
    private static String importedName(Case c, String entry) {
        return RUN_ID + ":" + c.name() + "-" + entry.substring(0, entry.indexOf(':')).toLowerCase(java.util.Locale.ROOT);
    }

    /** The case's {@code import} entries ({@code ARG:file.tar}): images made from a tar, for FROM or COPY --from. */
    private void importImages(Case c, Path context) {
        for (String i : c.list("import")) {
            String name = importedName(c, i);
            synchronized (tags) {
                tags.add(name);
            }
            docker(Map.of(), "import", context.resolve(i.substring(i.indexOf(':') + 1)).toString(), name);
        }
    }

    private Row run(Case c, String target, String label, List<Known> engineKnown) throws IOException {
        long start = System.nanoTime();
        Path context = copyContext(c, target);
        importImages(c, context);
        Row row;
        try {
            row = switch (c.against()) {
                case "buildkit", "classic" -> compareWithDocker(c, label, context, target, engineKnown);
                case "reference" -> compareWithReference(c, label, context, target);
                default -> throw new IllegalArgumentException(c.name() + ": against=" + c.against());
            };
        } catch (AssertionError | RuntimeException e) {
            row = new Row(label, c.feature(), c.against(), "failed", List.of(String.valueOf(e.getMessage())), List.of(), 0);
        }
        return new Row(row.caseName(), row.feature(), row.against(), row.result(), row.differences(), row.known(),
                (System.nanoTime() - start) / 1_000_000);
    }

    @AfterAll
    void cleanup() {
        System.out.println(table(rows));
        for (String tag : tags) {
            Docker.removeImage(tag);
        }
        try {
            for (String id : List.of(CACHE_ID, CACHE_ID + "-combined")) {
                Docker.lines("volume", "ls", "-q", "--filter", "label=stagesh.cache-mount=" + id)
                        .forEach(v -> Docker.run("volume", "rm", v));
            }
        } catch (AssertionError ignored) {
            // still in use by another session: its own cleanup removes it
        }
    }

    private static String engineVersion() {
        return docker(Map.of(), "version", "--format", "{{.Server.Version}}").strip();
    }

    // --- the two ways of comparing ----------------------------------------------------------

    private Row compareWithDocker(Case c, String label, Path context, String target, List<Known> engineKnown) {
        String suffix = c.name() + (target == null ? "" : "-" + target);
        String dockerTag = RUN_ID + ":" + suffix + "-" + c.against();
        String stageshTag = RUN_ID + ":" + suffix + "-stagesh";
        // the two builds are independent: run them side by side
        CompletableFuture<String> docker = CompletableFuture.supplyAsync(() -> dockerBuild(c, context, target, dockerTag));
        String stagesh = stageshBuild(c, context, target, stageshTag);
        String dockerError = docker.join();
        if (dockerError != null || stagesh != null) {
            List<String> why = new ArrayList<>();
            if (dockerError != null) {
                why.add("docker build failed: " + dockerError);
            }
            if (stagesh != null) {
                why.add("stagesh build failed: " + stagesh);
            }
            return new Row(label, c.feature(), c.against(), "failed", why, List.of(), 0);
        }
        List<Difference> diffs = new ArrayList<>();
        ImageFiles.Image reference = ImageFiles.of(dockerTag, tmp);
        ImageFiles.Image ours = ImageFiles.of(stageshTag, tmp);
        diffFiles(reference.files(), ours.files(), diffs);
        requireXattrs(c, reference);
        diffMtimes(reference, ours, diffs);
        diffConfig(config(reference), config(ours), CONFIG_FIELDS, diffs);
        diffHistory(reference.config(), ours.config(), diffs);
        List<Known> known = new ArrayList<>(c.known(target));
        if (c.against().equals("buildkit")) {
            known.addAll(engineKnown);
        }
        return judge(c, label, c.against(), diffs, c.known(target), known);
    }

    private Row compareWithReference(Case c, String label, Path context, String target) throws IOException {
        String stageshTag = RUN_ID + ":" + c.name() + (target == null ? "" : "-" + target) + "-stagesh";
        String error = stageshBuild(c, context, target, stageshTag);
        if (error != null) {
            return new Row(label, c.feature(), "reference", "failed", List.of("stagesh build failed: " + error),
                    List.of(), 0);
        }
        Map<String, Entry> expected = new TreeMap<>();
        for (String line : Files.readAllLines(c.dir().resolve("expected-files.txt"))) {
            if (!line.isBlank() && !line.strip().startsWith("#")) {
                var e = ImageFiles.parseExpectation(line.strip());
                expected.put(e.getKey(), e.getValue());
            }
        }
        String base = c.props().getProperty("base", "scratch");
        ImageFiles.Image baseImage = base.equals("scratch") ? null : ImageFiles.of(base, tmp);
        Map<String, Entry> baseFiles = baseImage == null ? Map.of("/", Entry.dir(0755, 0, 0)) : baseImage.files();
        ImageFiles.Image ours = ImageFiles.of(stageshTag, tmp);
        Map<String, Entry> actual = ImageFiles.changes(baseFiles, ours.files());
        List<Difference> diffs = new ArrayList<>();
        diffFiles(expected, actual, diffs);
        JsonNode expectedConfig = JSON.readTree(c.dir().resolve("expected-config.json").toFile());
        // the fields the expectation sets must be exactly so, and every other one absent
        diffConfig(expectedConfig, config(ours), CONFIG_FIELDS, diffs);
        diffReferenceHistory(c, baseImage, ours, diffs);
        return judge(c, label, "reference", diffs, c.known(target), c.known(target));
    }

    /**
     * A reference case's history: {@code expected-history.json} (every case has one) lists the entries the
     * Dockerfile adds to its base's, {@code created_by} and {@code empty_layer} as BuildKit writes them; they are
     * compared with the entries stagesh's image has after its base's, and the layer count with the base's plus
     * one per entry that is not an empty layer.
     */
    private static void diffReferenceHistory(Case c, ImageFiles.Image baseImage, ImageFiles.Image ours,
                                             List<Difference> diffs) throws IOException {
        Path file = c.dir().resolve("expected-history.json");
        assertThat(file).as(c.name() + ": a reference case says its history in expected-history.json").exists();
        JsonNode expected = JSON.readTree(file.toFile());
        int baseEntries = baseImage == null ? 0 : baseImage.config().path("history").size();
        int baseLayers = baseImage == null ? 0 : baseImage.config().path("rootfs").path("diff_ids").size();
        var reference = JSON.createObjectNode();
        reference.set("history", expected);
        var layers = reference.putObject("rootfs").putArray("diff_ids");
        for (int i = 0; i < baseLayers; i++) {
            layers.add("base");
        }
        expected.forEach(h -> {
            if (!h.path("empty_layer").asBoolean(false)) {
                layers.add("step");
            }
        });
        var stagesh = JSON.createObjectNode();
        var added = stagesh.putArray("history");
        JsonNode history = ours.config().path("history");
        for (int i = baseEntries; i < history.size(); i++) {
            added.add(history.get(i));
        }
        stagesh.set("rootfs", ours.config().path("rootfs"));
        diffHistory(reference, stagesh, diffs);
    }

    /**
     * Equal, a documented known difference (every difference is exactly a known pair), or different;
     * and failed when a known pair of the case no longer occurs.
     */
    private Row judge(Case c, String label, String against, List<Difference> diffs, List<Known> ofTheCase,
                             List<Known> known) {
        List<String> unexplained = new ArrayList<>();
        List<String> explained = new ArrayList<>();
        java.util.Set<Known> used = new java.util.HashSet<>();
        for (Difference d : diffs) {
            Known k = known.stream().filter(x -> x.explains(d)).findFirst().orElse(null);
            if (k == null) {
                unexplained.add(d.toString());
            } else {
                used.add(k);
                explained.add(k.toString());
            }
        }
        known.stream().filter(used::contains).filter(k -> !ofTheCase.contains(k)).forEach(engineKnownSeen::add);
        List<String> stale = ofTheCase.stream().filter(k -> !used.contains(k))
                .map(k -> "known difference no longer occurs: " + k).toList();
        boolean onlyEngine = used.stream().noneMatch(ofTheCase::contains);
        String result = !stale.isEmpty() ? "STALE KNOWN" : !unexplained.isEmpty() ? "DIFFERENT"
                : diffs.isEmpty() ? "equal" : onlyEngine ? "equal (the engine's known differences aside)" : "known difference";
        List<String> all = new ArrayList<>(stale);
        all.addAll(unexplained);
        return new Row(label, c.feature(), against, result, all, explained.stream().distinct().toList(), 0);
    }

    private static void diffFiles(Map<String, Entry> reference, Map<String, Entry> stagesh, List<Difference> out) {
        TreeSet<String> paths = new TreeSet<>(reference.keySet());
        paths.addAll(stagesh.keySet());
        for (String p : paths) {
            Entry a = reference.get(p);
            Entry b = stagesh.get(p);
            if (a == null || !a.equals(b)) {
                out.add(new Difference(p, a == null ? "(none)" : a.toString(), b == null ? "(none)" : b.toString()));
            }
        }
    }

    /**
     * The mtimes of paths both images have, where either is one of the context's (each context path
     * has a distinct old time, see {@link #copyContext}): a source's time that COPY must keep and the
     * other builder changed or lost. Other times (a RUN's, a WORKDIR's, which BuildKit may even take
     * from its cache) are the builder's own and not compared; they are shown as {@code another time},
     * so a known difference reads the same in every run.
     */
    private static void diffMtimes(ImageFiles.Image reference, ImageFiles.Image stagesh, List<Difference> out) {
        reference.mtimes().forEach((path, a) -> {
            Long b = stagesh.mtimes().get(path);
            if (b != null && !a.equals(b) && (isContextTime(a) || isContextTime(b))) {
                out.add(new Difference(path + "~mtime", mtime(a), mtime(b)));
            }
        });
    }

    private static boolean isContextTime(long seconds) {
        long d = seconds - CONTEXT_MTIME;
        return d >= 0 && d < 3600L * 100_000 && d % 3600 == 0;
    }

    private static String mtime(long seconds) {
        return isContextTime(seconds) ? java.time.Instant.ofEpochSecond(seconds).toString() : "another time";
    }

    /**
     * The case's {@code must-have-xattrs} ({@code path:name,...}): present in the reference image, so
     * a case about attributes cannot pass because neither builder kept any.
     */
    private static void requireXattrs(Case c, ImageFiles.Image reference) {
        for (String px : c.list("must-have-xattrs")) {
            String[] parts = px.split(":", 2);
            Entry e = reference.files().get(parts[0].strip());
            assertThat(e).as(c.name() + ": " + parts[0] + " in the reference image").isNotNull();
            assertThat(e.xattrs()).as(c.name() + ": the reference's " + parts[0] + " has " + parts[1]).isNotNull()
                    .contains(parts[1].strip() + "=");
        }
    }

    private static void diffConfig(JsonNode reference, JsonNode stagesh, List<String> fields, List<Difference> out) {
        for (String field : fields) {
            String a = rendered(reference.get(field));
            String b = rendered(stagesh.get(field));
            if (!a.equals(b)) {
                out.add(new Difference("config." + field, a, b));
            }
        }
    }

    private static String rendered(JsonNode n) {
        return n == null ? "(absent)" : n.toString();
    }

    /**
     * History ({@code created_by} and {@code empty_layer} of every entry; an absent empty_layer is
     * false, as the image spec says), aligned as a diff aligns lines, so one extra entry is one
     * difference and not a shift of every later one; and the number of layers. An entry replaced by
     * another is one difference (key {@code history}); an entry only one side has is paired with
     * {@code (none)}.
     */
    private static void diffHistory(JsonNode reference, JsonNode stagesh, List<Difference> out) {
        List<String> a = historyEntries(reference);
        List<String> b = historyEntries(stagesh);
        int[][] lcs = new int[a.size() + 1][b.size() + 1];
        for (int i = a.size() - 1; i >= 0; i--) {
            for (int j = b.size() - 1; j >= 0; j--) {
                lcs[i][j] = a.get(i).equals(b.get(j)) ? lcs[i + 1][j + 1] + 1 : Math.max(lcs[i + 1][j], lcs[i][j + 1]);
            }
        }
        List<String> onlyA = new ArrayList<>();
        List<String> onlyB = new ArrayList<>();
        int i = 0;
        int j = 0;
        while (i < a.size() || j < b.size()) {
            if (i < a.size() && j < b.size() && a.get(i).equals(b.get(j))) {
                pair(onlyA, onlyB, out);
                i++;
                j++;
            } else if (j < b.size() && (i == a.size() || lcs[i][j + 1] >= lcs[i + 1][j])) {
                onlyB.add(b.get(j++));
            } else {
                onlyA.add(a.get(i++));
            }
        }
        pair(onlyA, onlyB, out);
        int la = reference.path("rootfs").path("diff_ids").size();
        int lb = stagesh.path("rootfs").path("diff_ids").size();
        if (la != lb) {
            out.add(new Difference("layers", Integer.toString(la), Integer.toString(lb)));
        }
    }

    private static List<String> historyEntries(JsonNode config) {
        List<String> out = new ArrayList<>();
        config.path("history").forEach(h -> out.add(rendered(h.get("created_by"))
                + (h.path("empty_layer").asBoolean(false) ? " (empty layer)" : "")));
        return out;
    }

    /** A run of entries only one side or the other has: replaced ones paired in order, the rest against none. */
    private static void pair(List<String> onlyA, List<String> onlyB, List<Difference> out) {
        for (int k = 0; k < Math.max(onlyA.size(), onlyB.size()); k++) {
            out.add(new Difference("history", k < onlyA.size() ? onlyA.get(k) : "(none)",
                    k < onlyB.size() ? onlyB.get(k) : "(none)"));
        }
        onlyA.clear();
        onlyB.clear();
    }

    // --- building ------------------------------------------------------------------------------

    /** Returns null on success, else why it failed. */
    private String stageshBuild(Case c, Path context, String target, String tag) {
        List<String> args = new ArrayList<>(List.of("build", "--no-cache", "-f", context.resolve("Dockerfile").toString(),
                "-C", context.toString(), "-t", tag));
        addBuildOptions(c, context, target, args);
        synchronized (tags) {
            tags.add(tag);
        }
        var r = Stagesh.run("", args.toArray(String[]::new));
        return r.exitCode() == 0 ? null : tail(r.stderr());
    }

    /** Returns null on success, else why it failed. */
    private String dockerBuild(Case c, Path context, String target, String tag) {
        // no cache: a cached step may come from another run, with another context's mtimes and modes
        List<String> args = new ArrayList<>(List.of("build", "--no-cache", "--progress=plain", "-f",
                context.resolve("Dockerfile").toString(), "-t", tag));
        addBuildOptions(c, context, target, args);
        args.add(context.toString());
        synchronized (tags) {
            tags.add(tag);
        }
        try {
            docker(Map.of("DOCKER_BUILDKIT", c.against().equals("classic") ? "0" : "1"), args.toArray(String[]::new));
            return null;
        } catch (AssertionError e) {
            return tail(e.getMessage());
        }
    }

    private static void addBuildOptions(Case c, Path context, String target, List<String> args) {
        if (target != null) {
            args.addAll(List.of("--target", target));
        }
        for (String i : c.list("import")) {
            args.addAll(List.of("--build-arg", i.substring(0, i.indexOf(':')) + "=" + importedName(c, i)));
        }
        for (String a : c.list("build-args")) {
            args.addAll(List.of("--build-arg", a));
        }
        for (String s : c.list("secrets")) {
            int eq = s.indexOf('=');
            args.addAll(List.of("--secret", "id=" + s.substring(0, eq) + ",src=" + context.resolve(s.substring(eq + 1))));
        }
    }

    /**
     * The docker CLI that builds: with the buildx plugin (an engine of scripts/engines, whose
     * {@code DOCKER_CONFIG} holds the engine's own buildx), the CLI on the PATH builds with that
     * engine's BuildKit; otherwise Debian's 20.10 CLI, which has BuildKit built in
     * ({@code DOCKER_BUILDKIT=1}), since a newer CLI without buildx cannot use it.
     */
    static String dockerCli() {
        String cli = System.getProperty("equivalence.docker");
        if (cli != null) {
            return cli;
        }
        String config = System.getenv("DOCKER_CONFIG");
        if (config != null && Files.isExecutable(Path.of(config, "cli-plugins", "docker-buildx"))) {
            return "docker";
        }
        return Files.isExecutable(Path.of("/usr/bin/docker")) ? "/usr/bin/docker" : "docker";
    }

    static String docker(Map<String, String> env, String... args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(dockerCli());
        cmd.addAll(List.of(args));
        return DockerCli.must(env, cmd.toArray(String[]::new));
    }

    /** The compared fields: the image config's {@code config}, plus its {@code author} as Author. */
    private static JsonNode config(ImageFiles.Image image) {
        var out = JSON.createObjectNode();
        JsonNode config = image.config().path("config");
        config.fields().forEachRemaining(f -> out.set(f.getKey(), f.getValue()));
        if (image.config().has("author")) {
            out.set("Author", image.config().get("author"));
        }
        return out;
    }

    private static String tail(String text) {
        List<String> lines = text.strip().lines().toList();
        return String.join(" | ", lines.subList(Math.max(0, lines.size() - 6), lines.size()));
    }

    // --- cases -------------------------------------------------------------------------------

    private static List<Case> cases() throws IOException {
        Path root = Path.of("src/test/resources/equivalence");
        if (!Files.isDirectory(root)) {
            throw new AssertionError("run from the shell module: " + root.toAbsolutePath() + " is missing");
        }
        String only = System.getProperty("equivalence.cases", "");
        List<Case> out = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(root)) {
            for (Path dir : dirs.filter(Files::isDirectory).sorted().toList()) {
                String name = dir.getFileName().toString();
                if (!only.isEmpty() && !List.of(only.split(",")).contains(name)) {
                    continue;
                }
                Properties props = new Properties();
                try (InputStream in = Files.newInputStream(dir.resolve("case.properties"))) {
                    props.load(in);
                }
                out.add(new Case(name, dir, props));
            }
        }
        return out;
    }

    /**
     * The case's folder as a build context, symlinks kept, with modes fixed regardless of the
     * checkout's umask (0755 for directories and executables, 0644 for other files), then the
     * case's own modes, extended attributes and capabilities, which git cannot keep; every path gets
     * a distinct old mtime, which a COPY must keep.
     */
    private Path copyContext(Case c, String target) throws IOException {
        Path dest = tmp.resolve("ctx-" + c.name() + (target == null ? "" : "-" + target));
        List<Path> copied = new ArrayList<>();
        try (Stream<Path> walk = Files.walk(c.dir())) {
            for (Path src : walk.toList()) {
                Path to = dest.resolve(c.dir().relativize(src).toString());
                if (Files.isSymbolicLink(src)) {
                    Files.createSymbolicLink(to, Files.readSymbolicLink(src));
                } else if (Files.isDirectory(src)) {
                    Files.createDirectories(to);
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString("rwxr-xr-x"));
                } else {
                    Files.copy(src, to, LinkOption.NOFOLLOW_LINKS);
                    Files.setPosixFilePermissions(to, PosixFilePermissions.fromString(
                            Files.isExecutable(src) ? "rwxr-xr-x" : "rw-r--r--"));
                }
                copied.add(to);
            }
        }
        for (String m : c.list("modes")) {
            String[] pm = m.split(":", 2);
            // chmod(1): Java's permission view has no setuid, setgid or sticky bit
            DockerCli.must(Map.of(), "chmod", pm[1].strip(), dest.resolve(pm[0].strip()).toString());
        }
        for (String x : c.list("xattrs")) {
            String[] px = x.split(":", 2);
            String[] nv = px[1].split("=", 2);
            if (!nv[0].startsWith("user.")) {
                throw new AssertionError(c.name() + ": xattrs sets user.* attributes only (file capabilities: caps=)");
            }
            var view = Files.getFileAttributeView(dest.resolve(px[0].strip()), java.nio.file.attribute.UserDefinedFileAttributeView.class);
            view.write(nv[0].substring("user.".length()), java.nio.ByteBuffer.wrap(nv[1].getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        }
        for (String cap : c.list("caps")) {
            String[] pc = cap.split(":", 2);
            DockerCli.must(Map.of(), "setcap", pc[1].strip(), dest.resolve(pc[0].strip()).toString());
        }
        // children first, so setting a file's time does not change its directory's afterwards; the time
        // comes from the path alone, so it is the same on every machine and in every walk order
        for (int i = copied.size() - 1; i >= 0; i--) {
            String rel = dest.relativize(copied.get(i)).toString();
            long hour = Math.floorMod(rel.hashCode(), 50_000);
            var time = java.nio.file.attribute.FileTime.from(CONTEXT_MTIME + 3600L * hour, java.util.concurrent.TimeUnit.SECONDS);
            Files.getFileAttributeView(copied.get(i), java.nio.file.attribute.BasicFileAttributeView.class,
                    LinkOption.NOFOLLOW_LINKS).setTimes(time, null, null);
        }
        return dest;
    }

    // --- the report ----------------------------------------------------------------------------

    private static String table(List<Row> rows) {
        StringBuilder s = new StringBuilder("\nEquivalence of stagesh build with docker build\n\n");
        s.append("| case | feature | compared against | result | differences | time |\n");
        s.append("|---|---|---|---|---|---|\n");
        for (Row r : rows) {
            String diffs = r.differences().isEmpty() ? "-" : r.differences().size() + " (see below)";
            s.append("| ").append(r.caseName()).append(" | ").append(r.feature()).append(" | ")
                    .append(switch (r.against()) {
                        case "buildkit" -> "docker build, BuildKit";
                        case "classic" -> "docker build, classic builder";
                        default -> "Dockerfile reference";
                    }).append(" | ").append(r.result()).append(" | ").append(diffs).append(" | ")
                    .append(String.format("%.1fs", r.millis() / 1000.0)).append(" |\n");
        }
        for (Row r : rows) {
            if (!r.differences().isEmpty()) {
                s.append("\n").append(r.caseName()).append(" (").append(r.result()).append("):\n");
                r.differences().stream().limit(40).forEach(d -> s.append("  ").append(d).append('\n'));
                if (r.differences().size() > 40) {
                    s.append("  ... ").append(r.differences().size() - 40).append(" more\n");
                }
                r.known().forEach(k -> s.append("  known: ").append(k).append('\n'));
            }
        }
        return s.toString();
    }
}
