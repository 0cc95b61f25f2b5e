package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.docker.Engine;
import dev.stagesh.docker.EngineConnector;
import dev.stagesh.engine.Session;
import dev.stagesh.engine.SessionOptions;
import dev.stagesh.engine.StepListener;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Long use does not accumulate: 300 next/back cycles in one session, and 50 sessions opened and
 * closed in a row, end with the containers, images, open files and heap they started with.
 */
class SoakIT {
    @TempDir
    Path dir;

    private Path dockerfile() throws IOException {
        Path f = dir.resolve("Dockerfile");
        Files.writeString(f, "FROM busybox\nRUN echo one > /f\nRUN echo two > /f\n");
        return f;
    }

    record Level(int containers, int images, int openFiles, long heapKiB) {}

    /** The stagesh JVM's live heap after a full GC, from jcmd (Serial GC: new + tenured used). */
    private static long heapKiB(long pid) {
        DockerCli.must(Map.of(), "jcmd", Long.toString(pid), "GC.run");
        String info = DockerCli.must(Map.of(), "jcmd", Long.toString(pid), "GC.heap_info");
        Matcher m = Pattern.compile("(?:new generation|tenured generation)\\s+total \\d+K, used (\\d+)K").matcher(info);
        long used = 0;
        int found = 0;
        while (m.find()) {
            used += Long.parseLong(m.group(1));
            found++;
        }
        assertThat(found).as(info).isEqualTo(2);
        return used;
    }

    private static Level level(StageshProcess s) {
        Leftovers l = Leftovers.of(s.pid());
        return new Level(l.containers().size(), l.images().size(), s.openFiles(), heapKiB(s.pid()));
    }

    @Test
    void threeHundredNextBackCyclesInOneSession() throws IOException {
        try (StageshProcess s = StageshProcess.start(Map.of(), dockerfile().toString())) {
            StringBuilder expected = new StringBuilder();
            s.send("next 2").send("cat /f");
            expected.append("one\n");
            s.awaitStdout("^" + expected + "$");
            int cycle = 0;
            Level start = null;
            long t0 = System.nanoTime();
            while (cycle < 300) {
                for (int i = 0; i < 30; i++, cycle++) {
                    s.send("next").send("back");
                }
                s.send("next").send("cat /f").send("back").send("cat /f");
                expected.append("two\none\n");
                s.await(Pattern.compile("^" + expected + "$"), false, Duration.ofSeconds(120));
                if (cycle == 30) {
                    start = level(s); // after a warm-up: classes loaded, pools filled
                }
            }
            Level end = level(s);
            System.out.printf("[soak] 300 next/back cycles in %.1f s: start %s, end %s%n",
                    (System.nanoTime() - t0) / 1e9, start, end);
            // the working container and at most two reader containers (see ArchiveContainers)
            assertThat(end.containers()).as("containers").isEqualTo(start.containers()).isBetween(1, 3);
            assertThat(end.images()).as("non-cache images").isEqualTo(start.images());
            assertThat(end.openFiles()).as("open files").isLessThanOrEqualTo(start.openFiles() + 3);
            assertThat(end.heapKiB()).as("live heap, KiB").isLessThanOrEqualTo(start.heapKiB() + 4 * 1024);
            s.send("quit");
            assertThat(s.waitFor(Duration.ofSeconds(30))).as(s.toString()).isZero();
            assertThat(Leftovers.of(s.pid()).none()).isTrue();
        }
    }

    private static int openFilesHere() throws IOException {
        try (var s = Files.list(Path.of("/proc/self/fd"))) {
            return (int) s.count();
        }
    }

    private static long heapHereKiB() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed() / 1024;
    }

    @Test
    void fiftySessionsInARow() throws IOException {
        long self = ProcessHandle.current().pid();
        SessionOptions options = new SessionOptions(dockerfile(), dir, Map.of(), null, false, false, Map.of());
        try (Engine engine = EngineConnector.connect()) {
            Level start = null;
            long t0 = System.nanoTime();
            for (int i = 0; i < 55; i++) {
                if (i == 5) { // after a warm-up
                    Leftovers l = Leftovers.of(self);
                    start = new Level(l.containers().size(), l.images().size(), openFilesHere(), heapHereKiB());
                }
                try (Session session = Session.open(engine, options, StepListener.SILENT)) {
                    session.next(3);
                    assertThat(session.files().text("/f")).contains("two\n");
                    if (i % 10 == 0) { // the docker CLI is slow; every tenth session is checked from outside
                        assertThat(Leftovers.of(self).containers()).as("a working container while open").hasSize(1);
                    }
                }
                if (i % 10 == 0) {
                    assertThat(Leftovers.of(self).none()).as("after session " + i).isTrue();
                }
            }
            Leftovers l = Leftovers.of(self);
            Level end = new Level(l.containers().size(), l.images().size(), openFilesHere(), heapHereKiB());
            System.out.printf("[soak] 50 sessions in %.1f s: start %s, end %s%n", (System.nanoTime() - t0) / 1e9, start, end);
            assertThat(end.containers()).isZero().isEqualTo(start.containers());
            assertThat(end.images()).isZero().isEqualTo(start.images());
            assertThat(end.openFiles()).as("open files").isLessThanOrEqualTo(start.openFiles() + 3);
            assertThat(end.heapKiB()).as("live heap, KiB").isLessThanOrEqualTo(start.heapKiB() + 8 * 1024);
        }
    }
}
