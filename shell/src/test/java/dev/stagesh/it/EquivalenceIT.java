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
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The equivalence suite: each case under {@code src/test/resources/equivalence/<case>/} is a
 * Dockerfile with its context, built once by {@code docker build} and once by {@code stagesh
 * build}; the two images must have the same files (type, mode, owner, size, content, link
 * target; mtimes aside) and the same config. Features this engine's builders lack are checked
 * instead against expectations written by hand from the Dockerfile reference
 * ({@code expected-files.txt}: what the image adds to its base; {@code expected-config.json}).
 *
 * <p>{@code case.properties}: {@code feature}, {@code against} ({@code buildkit}, {@code classic}
 * or {@code reference}), optionally {@code targets} (comma-separated stages, each a row),
 * {@code build-args} ({@code K=V,...}), {@code secrets} ({@code id=file,...}, the file in the
 * context), {@code base} (reference cases: the image the changes are taken against), and
 * {@code known.<path or config.Field>=reason} for a documented, deliberate difference at that
 * one place (the rest of the case is still compared).
 */
class EquivalenceIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String RUN_ID = "stagesh-equiv-" + UUID.randomUUID().toString().substring(0, 8);
    private static final List<String> TAGS = new ArrayList<>();
    /** The config fields compared, as the image config names them; Author is the image's own {@code author}. */
    static final List<String> CONFIG_FIELDS = List.of("Env", "Cmd", "Entrypoint", "WorkingDir", "User",
            "ExposedPorts", "Labels", "Volumes", "StopSignal", "Healthcheck", "Shell", "OnBuild", "Author");
    /**
     * Differences of this engine's BuildKit rather than of a case, known for every case compared
     * with it: its runc executor creates /dev, /proc and /sys as mount points in the layer of the
     * first RUN when the image lacks them (the busybox imported here does; published base images
     * ship them). stagesh commits containers, whose mount points the engine keeps in the
     * container's init layer, which no commit includes.
     */
    private static final Map<String, String> BUILDKIT_KNOWN = Map.of(
            "/dev", "BuildKit's RUN leaves a /dev mount point in an image that lacked it",
            "/proc", "BuildKit's RUN leaves a /proc mount point in an image that lacked it",
            "/sys", "BuildKit's RUN leaves a /sys mount point in an image that lacked it");
    /** The cache mount id the run-mounts case uses; stagesh keeps it as a volume. */
    private static final String CACHE_ID = "stagesh-equivalence";

    @TempDir
    static Path tmp;

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

        Map<String, String> known() {
            Map<String, String> out = new TreeMap<>();
            props.stringPropertyNames().stream().filter(k -> k.startsWith("known."))
                    .forEach(k -> out.put(k.substring("known.".length()), props.getProperty(k)));
            return out;
        }
    }

    /** One row of the report. */
    record Row(String caseName, String feature, String against, String result, List<String> differences,
               List<String> known, long millis) {
        boolean ok() {
            return result.startsWith("equal") || result.equals("known difference");
        }
    }

    @Test
    void dockerBuildAndStageshBuildMakeTheSameImages() throws IOException {
        List<Row> rows = new ArrayList<>();
        for (Case c : cases()) {
            Path context = copyContext(c);
            for (String target : c.targets()) {
                long start = System.nanoTime();
                String label = c.name() + (target == null ? "" : " (" + target + ")");
                Row row;
                try {
                    row = switch (c.against()) {
                        case "buildkit", "classic" -> compareWithDocker(c, label, context, target);
                        case "reference" -> compareWithReference(c, label, context, target);
                        default -> throw new IllegalArgumentException(c.name() + ": against=" + c.against());
                    };
                } catch (AssertionError | RuntimeException e) {
                    row = new Row(label, c.feature(), c.against(), "failed", List.of(e.getMessage()), List.of(), 0);
                }
                rows.add(new Row(row.caseName(), row.feature(), row.against(), row.result(), row.differences(),
                        row.known(), (System.nanoTime() - start) / 1_000_000));
            }
        }
        String table = table(rows);
        System.out.println(table);
        assertThat(rows.stream().filter(r -> !r.ok()).toList()).as(table).isEmpty();
    }

    @AfterAll
    static void cleanup() {
        for (String tag : TAGS) {
            Docker.removeImage(tag);
        }
        try {
            Docker.lines("volume", "ls", "-q", "--filter", "label=stagesh.cache-mount=" + CACHE_ID)
                    .forEach(v -> Docker.run("volume", "rm", v));
        } catch (AssertionError ignored) {
            // still in use by another session: its own cleanup removes it
        }
    }

    // --- the two ways of comparing ----------------------------------------------------------

    private Row compareWithDocker(Case c, String label, Path context, String target) {
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
        List<String> diffs = new ArrayList<>();
        ImageFiles.Image reference = ImageFiles.of(dockerTag, tmp);
        ImageFiles.Image ours = ImageFiles.of(stageshTag, tmp);
        diffFiles(reference.files(), ours.files(), c.against(), diffs);
        diffConfig(config(reference), config(ours), c.against(), diffs);
        return judge(c, label, c.against(), diffs);
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
        Map<String, Entry> baseFiles = base.equals("scratch") ? Map.of("/", Entry.dir(0755, 0, 0))
                : ImageFiles.of(base, tmp).files();
        ImageFiles.Image ours = ImageFiles.of(stageshTag, tmp);
        Map<String, Entry> actual = ImageFiles.changes(baseFiles, ours.files());
        List<String> diffs = new ArrayList<>();
        diffFiles(expected, actual, "reference", diffs);
        JsonNode expectedConfig = JSON.readTree(c.dir().resolve("expected-config.json").toFile());
        diffConfig(expectedConfig, config(ours), "reference", diffs);
        return judge(c, label, "reference", diffs);
    }

    /** Equal, a documented known difference (every difference is at a place marked known), or different. */
    private static Row judge(Case c, String label, String against, List<String> diffs) {
        Map<String, String> known = new TreeMap<>(c.known());
        if (against.equals("buildkit")) {
            BUILDKIT_KNOWN.forEach(known::putIfAbsent);
        }
        List<String> unexplained = new ArrayList<>();
        List<String> explained = new ArrayList<>();
        for (String d : diffs) {
            String key = d.substring(0, d.indexOf(':'));
            if (known.containsKey(key)) {
                explained.add(key + ": " + known.get(key));
            } else {
                unexplained.add(d);
            }
        }
        boolean onlyMountPoints = diffs.stream().allMatch(d -> BUILDKIT_KNOWN.containsKey(d.substring(0, d.indexOf(':')))
                && !c.known().containsKey(d.substring(0, d.indexOf(':'))));
        String result = diffs.isEmpty() ? "equal" : !unexplained.isEmpty() ? "DIFFERENT"
                : onlyMountPoints && against.equals("buildkit") ? "equal (mount points aside)" : "known difference";
        List<String> all = new ArrayList<>(unexplained);
        diffs.stream().filter(d -> !unexplained.contains(d)).forEach(all::add);
        return new Row(label, c.feature(), against, result, all, explained.stream().distinct().toList(), 0);
    }

    private static void diffFiles(Map<String, Entry> reference, Map<String, Entry> stagesh, String against,
                                  List<String> out) {
        TreeSet<String> paths = new TreeSet<>(reference.keySet());
        paths.addAll(stagesh.keySet());
        for (String p : paths) {
            Entry a = reference.get(p);
            Entry b = stagesh.get(p);
            if (a == null || !a.equals(b)) {
                out.add(p + ": " + against + "=" + (a == null ? "(none)" : a) + " stagesh=" + (b == null ? "(none)" : b));
            }
        }
    }

    private static void diffConfig(JsonNode reference, JsonNode stagesh, String against, List<String> out) {
        for (String field : CONFIG_FIELDS) {
            JsonNode a = normalized(reference.get(field));
            JsonNode b = normalized(stagesh.get(field));
            if (!java.util.Objects.equals(a, b)) {
                out.add("config." + field + ": " + against + "=" + a + " stagesh=" + b);
            }
        }
    }

    /** Null, missing, "" and empty arrays or objects all mean "not set" in an image config. */
    private static JsonNode normalized(JsonNode n) {
        if (n == null || n.isNull() || (n.isTextual() && n.asText().isEmpty()) || (n.isContainerNode() && n.isEmpty())) {
            return null;
        }
        return n;
    }

    // --- building ------------------------------------------------------------------------------

    /** Returns null on success, else why it failed. */
    private static String stageshBuild(Case c, Path context, String target, String tag) {
        List<String> args = new ArrayList<>(List.of("build", "--no-cache", "-f", context.resolve("Dockerfile").toString(),
                "-C", context.toString(), "-t", tag));
        addBuildOptions(c, context, target, args);
        synchronized (TAGS) {
            TAGS.add(tag);
        }
        var r = Stagesh.run("", args.toArray(String[]::new));
        return r.exitCode() == 0 ? null : tail(r.stderr());
    }

    /** Returns null on success, else why it failed. */
    private static String dockerBuild(Case c, Path context, String target, String tag) {
        List<String> args = new ArrayList<>(List.of("build", "--progress=plain", "-f",
                context.resolve("Dockerfile").toString(), "-t", tag));
        addBuildOptions(c, context, target, args);
        args.add(context.toString());
        synchronized (TAGS) {
            TAGS.add(tag);
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
        for (String a : c.list("build-args")) {
            args.addAll(List.of("--build-arg", a));
        }
        for (String s : c.list("secrets")) {
            int eq = s.indexOf('=');
            args.addAll(List.of("--secret", "id=" + s.substring(0, eq) + ",src=" + context.resolve(s.substring(eq + 1))));
        }
    }

    /**
     * The docker CLI that builds: Debian's 20.10 CLI has BuildKit built in ({@code DOCKER_BUILDKIT=1});
     * a newer CLI without the buildx plugin cannot use it.
     */
    static String dockerCli() {
        String cli = System.getProperty("equivalence.docker");
        if (cli != null) {
            return cli;
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
     * checkout's umask: 0755 for directories and executables, 0644 for other files.
     */
    private static Path copyContext(Case c) throws IOException {
        Path dest = tmp.resolve("ctx-" + c.name());
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
            }
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
