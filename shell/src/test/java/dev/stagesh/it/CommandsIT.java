package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Commands and options no other test drove, in script mode against the real engine, each asserted
 * on its exact output: breakpoints by instruction and on-error off, diff between two steps, list STAGE, the text
 * of env, history, stages and layers, a plain reload, parse --dump and --json through the CLI (the
 * JSON checked against shell/dockerfile/JSON.md), --keep, build with several -t, --build-arg K with
 * no value, and the refusals: a malformed --secret, one whose file is missing, RUN --mount=type=ssh
 * and ADD of a git repository; the README rows of config, context PATH, exec, cp, back and restart,
 * each with its refusal.
 */
class CommandsIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String DOCKERFILE = """
            FROM busybox AS build
            ENV A=1
            WORKDIR /w
            RUN echo hi > /w/hi
            RUN sleep 1 && echo two > /w/two && rm /w/hi

            FROM build
            COPY --from=build /w/two /copied
            CMD ["cat", "/copied"]
            """;

    // the sleep puts step 5's changes a second after step 4's, so diff sees /w's mtime change at the
    // tar headers' resolution (whole seconds) on any machine

    @TempDir
    Path dir;

    private final Sessions sessions = new Sessions();
    private final String tag = "stagesh-it-" + UUID.randomUUID().toString().substring(0, 8);

    @AfterEach
    void nothingLeft() {
        Docker.removeImage(tag + ":a");
        Docker.removeImage(tag + ":b");
        sessions.assertNothingLeft();
    }

    private Path write(String name, String text) throws IOException {
        Path f = dir.resolve(name);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }

    private Stagesh.Result ok(Stagesh.Result r) {
        assertThat(r.exitCode()).as(r.toString()).isZero();
        assertThat(r.stderr()).as(r.toString()).doesNotContain("Exception").doesNotContain("\tat ");
        return r;
    }

    @Test
    void breakpointsByInstructionOnErrorOffDiffAndTheTextOfEnvHistoryStagesLayers() throws IOException {
        Path df = write("Dockerfile", DOCKERFILE);
        var r = ok(sessions.run("", "--no-cache", "-c", "break RUN; breaks; continue; list; continue; break on-error off;"
                + " breaks; delete 1; breaks; continue; diff 4 5; diff 3 5; env; history; stages; layers; list 1; list build",
                df.toString()));
        assertThat(r.stdout()).isEqualTo("""
                breakpoint 1 at every RUN
                1  RUN
                on-error on
                stage 0 (build):
                ✓  1     1  FROM busybox AS build
                ✓  2     2  ENV A=1
                →  3     3  WORKDIR /w
                   4     4  RUN echo hi > /w/hi
                   5     5  RUN sleep 1 && echo two > /w/two && rm /w/hi
                on-error off
                1  RUN
                on-error off
                on-error off
                C /w [mtime, entries]
                D /w/hi (3 B)
                A /w/two (4 B)

                1 added (4 B), 1 changed, 1 removed (3 B)
                C /w [mtime, entries]
                A /w/two (4 B)

                1 added (4 B), 1 changed, 0 removed (0 B)
                PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                A=1
                (1 entries from the base image)
                  0B  ENV A=1
                layer WORKDIR /w
                layer RUN /bin/sh -c echo hi > /w/hi # buildkit
                layer RUN /bin/sh -c sleep 1 && echo two > /w/two && rm /w/hi # buildkit
                * 0 (build)        FROM busybox                       5 steps  done         needed
                  1                FROM build                         3 steps  pending      target
                STEP  SIZE    WASTED  SHADOWED  INSTRUCTION
                base  2.0 MB  0 B     0 B       FROM busybox AS build (1 layer)
                2     -       -       -         ENV A=1
                3     0 B     0 B     0 B       WORKDIR /w
                4     3 B     3 B     3 B       RUN echo hi > /w/hi
                5     4 B     0 B     0 B       RUN sleep 1 && echo two > /w/two && rm /w/hi

                Total image size: 2.0 MB
                Potential wasted space: 3 B
                Shadowed (overwritten or deleted later): 3 B
                Image efficiency score: 99 %

                Largest files added by step 4 (RUN echo hi > /w/hi):
                  3 B  /w/hi  deleted later

                Largest files added by step 5 (RUN sleep 1 && echo two > /w/two && rm /w/hi):
                  4 B  /w/two

                Paths in more than one layer:
                  COUNT  TOTAL SPACE  PATH
                  2      3 B          /w/hi
                stage 1:
                   1     7  FROM build
                   2     8  COPY --from=build /w/two /copied
                   3     9  CMD ["cat", "/copied"]
                stage 0 (build):
                ✓  1     1  FROM busybox AS build
                ✓  2     2  ENV A=1
                ✓  3     3  WORKDIR /w
                ✓  4     4  RUN echo hi > /w/hi
                →  5     5  RUN sleep 1 && echo two > /w/two && rm /w/hi
                """);
        // the breakpoints stopped before each RUN, and not before the WORKDIR
        assertThat(r.stderr()).contains("stopped at breakpoint 1 (RUN) before step 4: RUN echo hi > /w/hi\n")
                .contains("stopped at breakpoint 1 (RUN) before step 5: RUN sleep 1 && echo two > /w/two && rm /w/hi\n")
                .doesNotContain("before step 3");
    }

    @Test
    void aPlainReloadKeepsTheStepsBeforeTheFirstChange() throws IOException {
        Path df = write("Dockerfile", DOCKERFILE);
        try (StageshProcess s = StageshProcess.start(Map.of(), "--no-cache", df.toString())) {
            sessions.add(s.pid());
            s.send("next 4").send("cat /w/hi").awaitStdout("^hi\n$");
            // the file changes under the session, as an editor would change it
            Files.writeString(df, DOCKERFILE.replace("RUN sleep 1 && echo two > /w/two && rm /w/hi", "RUN echo three > /w/three"));
            s.send("reload").send("list").send("continue").send("cat /w/three").send("quit");
            assertThat(s.waitFor(java.time.Duration.ofSeconds(90))).as(s.toString()).isZero();
            assertThat(s.stdout()).isEqualTo("""
                    hi
                    stage 0 (build):
                    ✓  1     1  FROM busybox AS build
                    ✓  2     2  ENV A=1
                    ✓  3     3  WORKDIR /w
                    →  4     4  RUN echo hi > /w/hi
                       5     5  RUN echo three > /w/three
                    three
                    """);
            assertThat(s.stderr()).contains("reloaded " + df + ": stage 0 (build) keeps 4 of 5 steps\n");
            assertThat(s.stderr().split("\\[0 \\(build\\) 4/5\\]", -1)).as("step 4 ran once, not again after reload: "
                    + s.stderr()).hasSize(2);
        }
    }

    @Test
    void configContextExecCpBackAndRestartSayExactlyWhatTheReadmeSays() throws IOException {
        Path df = write("app/Dockerfile", """
                FROM busybox AS app
                ENV GREETING=hello
                WORKDIR /srv
                COPY files/ ./
                RUN chmod 0750 run.sh && ln -s run.sh start
                USER 1000:1000
                EXPOSE 8080/tcp
                LABEL org.example.role=web
                ENTRYPOINT ["/srv/run.sh"]
                CMD ["--port", "8080"]
                """);
        write("app/files/run.sh", "#!/bin/sh\necho run\n");
        write("app/files/data/a.txt", "a\n");
        write("app/files/data/b.txt", "bb\n");
        write("app/files/notes.md", "not sent\n");
        write("app/.dockerignore", "**/*.md\n");
        Path host = Files.createDirectories(dir.resolve("host"));
        var r = ok(sessions.run("""
                continue
                config
                context files
                exec sh -c 'echo "$GREETING from $(pwd) as $(id -u):$(id -g)"; echo to-stderr >&2'
                cp data %1$s/out
                cp data/. %1$s
                cp start %1$s/link
                back 3
                list
                config
                restart
                list
                env
                """.formatted(host), "--no-cache", df.toString()));
        assertThat(r.stdout()).isEqualTo("""
                {
                  "User" : "1000:1000",
                  "ExposedPorts" : {
                    "8080/tcp" : { }
                  },
                  "Env" : [ "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GREETING=hello" ],
                  "Entrypoint" : [ "/srv/run.sh" ],
                  "Cmd" : [ "--port", "8080" ],
                  "WorkingDir" : "/srv",
                  "Labels" : {
                    "org.example.role" : "web"
                  }
                }
                files/
                files/data/
                files/data/a.txt
                files/data/b.txt
                files/run.sh

                2 directories, 3 files, 0 symlinks (24 B)
                hello from /srv as 1000:1000
                stage 0 (app):
                ✓  1     1  FROM busybox AS app
                ✓  2     2  ENV GREETING=hello
                ✓  3     3  WORKDIR /srv
                ✓  4     4  COPY files/ ./
                ✓  5     5  RUN chmod 0750 run.sh && ln -s run.sh start
                ✓  6     6  USER 1000:1000
                →  7     7  EXPOSE 8080/tcp
                   8     8  LABEL org.example.role=web
                   9     9  ENTRYPOINT ["/srv/run.sh"]
                  10    10  CMD ["--port", "8080"]
                {
                  "User" : "1000:1000",
                  "ExposedPorts" : {
                    "8080/tcp" : { }
                  },
                  "Env" : [ "PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin", "GREETING=hello" ],
                  "Cmd" : [ "sh" ],
                  "WorkingDir" : "/srv"
                }
                stage 0 (app):
                →  1     1  FROM busybox AS app
                   2     2  ENV GREETING=hello
                   3     3  WORKDIR /srv
                   4     4  COPY files/ ./
                   5     5  RUN chmod 0750 run.sh && ln -s run.sh start
                   6     6  USER 1000:1000
                   7     7  EXPOSE 8080/tcp
                   8     8  LABEL org.example.role=web
                   9     9  ENTRYPOINT ["/srv/run.sh"]
                  10    10  CMD ["--port", "8080"]
                PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
                """);
        // the exec's stderr and cp's reports go to stderr, in order, nothing else of theirs
        assertThat(r.stderr().lines().filter(l -> l.equals("to-stderr") || l.startsWith("copied ")).toList()).containsExactly(
                "to-stderr",
                "copied 2 files (5 B) to " + host.resolve("out"),
                "copied 2 files (5 B) to " + host,
                "copied 1 symlink (0 B) to " + host.resolve("link"));
        assertThat(Files.readString(host.resolve("out/a.txt")) + Files.readString(host.resolve("out/b.txt"))).isEqualTo("a\nbb\n");
        assertThat(Files.readString(host.resolve("a.txt")) + Files.readString(host.resolve("b.txt"))).isEqualTo("a\nbb\n");
        assertThat(Files.readSymbolicLink(host.resolve("link"))).isEqualTo(Path.of("run.sh"));
        // refusals: one line each, exit 1
        assertRefused(sessions.run("", "--no-cache", "-c", "next 5; exec sh -c 'exit 3'", df.toString()),
                "stagesh: exec: sh exited with code 3");
        assertRefused(sessions.run("", "-c", "context files/notes.md", df.toString()),
                "stagesh: context: files/notes.md: not in the build context (missing, or excluded by .dockerignore)");
        assertRefused(sessions.run("", "-c", "context ../elsewhere", df.toString()),
                "stagesh: context: ../elsewhere: outside the build context");
        assertRefused(sessions.run("", "-c", "back 0", df.toString()), "stagesh: back: N must be at least 1");
    }

    @Test
    void parseDumpAndJsonThroughTheCli() throws IOException {
        Path df = write("Dockerfile", "ARG BASE=busybox\nFROM ${BASE} AS build\nENV A=1\nRUN echo hi > /hi\n\n"
                + "FROM build\nCOPY --from=build /hi /copied\nCMD [\"cat\", \"/copied\"]\n");
        var dump = ok(sessions.run("", "parse", "--dump", df.toString()));
        assertThat(dump.stdout()).isEqualTo("""
                (arg "BASE=busybox")
                (from "${BASE}" "AS" "build")
                (env "A" "1" "=")
                (run "echo hi > /hi")
                (from "build")
                (copy ["--from=build"] "/hi" "/copied")
                (cmd "cat" "/copied")
                """);
        var json = ok(sessions.run("", "parse", "--json", df.toString()));
        JsonNode doc = JSON.readTree(json.stdout());
        JsonSchema.check(doc);
        assertThat(doc.get("stages")).hasSize(2);
        JsonNode second = doc.get("stages").get(1);
        assertThat(second.get("baseStage").asInt()).isZero();
        assertThat(second.get("baseImage").isNull()).isTrue();
        assertThat(second.get("dependsOn").toString()).isEqualTo("[0]");
        assertThat(doc.get("stages").get(0).get("baseImage").asText()).isEqualTo("busybox");
        assertThat(doc.get("metaArgs").get(0).get("original").asText()).isEqualTo("ARG BASE=busybox");
        assertThat(second.get("instructions").get(1).get("args").toString()).isEqualTo("[\"cat\",\"/copied\"]");
        assertThat(second.get("instructions").get(1).get("jsonForm").asBoolean()).isTrue();
    }

    @Test
    void keepLeavesTheSnapshotsAndTheNextStartDoesNotReapThem() throws IOException {
        Path df = write("Dockerfile", DOCKERFILE);
        var kept = ok(sessions.run("", "--no-cache", "--keep", "-c", "next 4", df.toString()));
        Leftovers left = Leftovers.of(kept.pid());
        try {
            assertThat(left.containers()).as("containers are never kept").isEmpty();
            assertThat(left.images()).as("the snapshots of WORKDIR and the RUN").hasSize(2);
            ok(sessions.run("", "-c", "ls /bin/sh", df.toString()));
            assertThat(Leftovers.of(kept.pid()).images()).as("a later start keeps them").isEqualTo(left.images());
        } finally {
            // a parent goes only after its child (or with it): two passes
            left.images().forEach(Docker::removeImage);
            left.images().forEach(Docker::removeImage);
        }
    }

    @Test
    void buildWithSeveralTagsTagsOneImage() throws IOException {
        Path df = write("Dockerfile", DOCKERFILE);
        var r = ok(sessions.run("", "build", "--no-cache", "-t", tag + ":a", "-t", tag + ":b", df.toString()));
        String id = r.stdout().strip();
        assertThat(id).matches("sha256:[0-9a-f]{64}");
        assertThat(Docker.run("image", "inspect", "-f", "{{.Id}}", tag + ":a").strip()).isEqualTo(id);
        assertThat(Docker.run("image", "inspect", "-f", "{{.Id}}", tag + ":b").strip()).isEqualTo(id);
        assertThat(Docker.run("run", "--rm", tag + ":b")).isEqualTo("two\n");
    }

    @Test
    void aBuildArgWithNoValueTakesItFromTheEnvironment() throws IOException {
        Path df = write("Dockerfile", "FROM busybox\nARG K\nRUN echo \"K=[$K]\" > /k\n");
        var set = ok(sessions.run("", dir, Map.of("K", "from-env"), "--no-cache", "--build-arg", "K", "-c", "continue; cat /k",
                df.toString()));
        assertThat(set.stdout()).isEqualTo("K=[from-env]\n");
        // unset in the environment: the ARG has no value, as docker build gives it
        var unset = ok(sessions.run("", dir, Map.of(), "--no-cache", "--build-arg", "K_UNSET_IN_ENV", "-c", "continue; cat /k",
                df.toString()));
        assertThat(unset.stdout()).isEqualTo("K=[]\n");
    }

    @Test
    void refusalsAreOneLineAndExit1() throws IOException {
        Path df = write("Dockerfile", DOCKERFILE);
        assertRefused(sessions.run("", "--secret", "garbage", "-c", "ls /", df.toString()),
                "stagesh: --secret garbage: unknown key 'garbage'");
        assertRefused(sessions.run("", "--secret", "id=x,src=" + dir.resolve("missing"), "-c", "ls /", df.toString()),
                "stagesh: --secret id=x,src=" + dir.resolve("missing") + ": no readable file at " + dir.resolve("missing"));
        Path ssh = write("ssh/Dockerfile", "FROM busybox\nRUN --mount=type=ssh,required=true ls\n");
        assertRefused(sessions.run("", "--no-cache", "-c", "continue", ssh.toString()),
                "stagesh: line 2: RUN: ssh mounts are not supported (no agent is forwarded)");
        Path git = write("git/Dockerfile", "FROM busybox\nADD https://github.com/moby/buildkit.git /src\n");
        assertRefused(sessions.run("", "--no-cache", "-c", "continue", git.toString()),
                "stagesh: line 2: ADD: ADD of a git repository (https://github.com/moby/buildkit.git) is not supported;"
                        + " clone it in a RUN step");
    }

    private static void assertRefused(Stagesh.Result r, String line) {
        assertThat(r.exitCode()).as(r.toString()).isEqualTo(1);
        List<String> errors = r.stderr().lines().filter(l -> l.startsWith("stagesh: ")).toList();
        assertThat(errors).as(r.toString()).containsExactly(line);
        assertThat(r.stderr()).as(r.toString()).doesNotContain("Exception").doesNotContain("\tat ");
    }

    /** The schema of shell/dockerfile/JSON.md, as exact key sets and types. */
    static final class JsonSchema {
        private static final Set<String> TOP = Set.of("schemaVersion", "file", "escape", "directives", "warnings",
                "metaArgs", "stages");
        private static final Set<String> STAGE = Set.of("index", "name", "from", "baseImage", "baseStage", "platform",
                "dependsOn", "fromInstruction", "instructions");
        private static final Set<String> INSTRUCTION = Set.of("keyword", "name", "startLine", "endLine", "column",
                "original", "flags", "args", "jsonForm", "heredocs");
        private static final Set<String> HEREDOC = Set.of("name", "content", "expand", "chomp", "fileDescriptor");

        static void check(JsonNode doc) {
            keys(doc, TOP, Set.of(), "document");
            assertThat(doc.get("schemaVersion").asInt()).isEqualTo(1);
            assertThat(doc.get("file").isTextual()).isTrue();
            assertThat(doc.get("escape").asText()).isIn("\\", "`");
            assertThat(doc.get("directives").isObject()).isTrue();
            doc.get("directives").fields().forEachRemaining(f -> assertThat(f.getKey()).isLowerCase());
            strings(doc.get("warnings"), "warnings");
            doc.get("metaArgs").forEach(a -> instruction(a, "metaArgs"));
            for (int i = 0; i < doc.get("stages").size(); i++) {
                JsonNode s = doc.get("stages").get(i);
                String where = "stages[" + i + "]";
                keys(s, STAGE, Set.of(), where);
                assertThat(s.get("index").asInt()).as(where + ".index").isEqualTo(i);
                assertThat(s.get("name").isNull() || s.get("name").isTextual()).as(where + ".name").isTrue();
                assertThat(s.get("from").isTextual()).as(where + ".from").isTrue();
                assertThat(s.get("baseImage").isNull() != s.get("baseStage").isNull())
                        .as(where + ": exactly one of baseImage and baseStage").isTrue();
                assertThat(s.get("platform").isNull() || s.get("platform").isTextual()).as(where + ".platform").isTrue();
                s.get("dependsOn").forEach(d -> assertThat(d.isInt()).as(where + ".dependsOn").isTrue());
                instruction(s.get("fromInstruction"), where + ".fromInstruction");
                s.get("instructions").forEach(ins -> instruction(ins, where + ".instructions"));
            }
        }

        private static void instruction(JsonNode ins, String where) {
            keys(ins, INSTRUCTION, Set.of("onbuild"), where);
            assertThat(ins.get("keyword").asText()).as(where + ".keyword").isUpperCase();
            for (String n : List.of("startLine", "endLine", "column")) {
                assertThat(ins.get(n).isInt()).as(where + "." + n).isTrue();
            }
            assertThat(ins.get("original").isTextual()).isTrue();
            strings(ins.get("flags"), where + ".flags");
            strings(ins.get("args"), where + ".args");
            assertThat(ins.get("jsonForm").isBoolean()).as(where + ".jsonForm").isTrue();
            ins.get("heredocs").forEach(h -> keys(h, HEREDOC, Set.of(), where + ".heredocs"));
            if (ins.has("onbuild")) {
                instruction(ins.get("onbuild"), where + ".onbuild");
            }
        }

        private static void keys(JsonNode node, Set<String> required, Set<String> optional, String where) {
            assertThat(node.isObject()).as(where + " is an object").isTrue();
            Set<String> found = new TreeSet<>();
            node.fieldNames().forEachRemaining(found::add);
            assertThat(found).as(where + ": required keys").containsAll(required);
            Set<String> allowed = new TreeSet<>(required);
            allowed.addAll(optional);
            assertThat(allowed).as(where + ": keys JSON.md does not name").containsAll(found);
        }

        private static void strings(JsonNode array, String where) {
            assertThat(array.isArray()).as(where + " is an array").isTrue();
            array.forEach(e -> assertThat(e.isTextual()).as(where + " holds strings").isTrue());
        }
    }
}
