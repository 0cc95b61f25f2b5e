package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The streamed tar carries the plan exactly: names, types, modes, owners, links and bytes. */
class TarWriterTest {
    @TempDir
    Path dir;

    private static Map<String, TarArchiveEntry> read(byte[] tar, Map<String, String> contents) throws IOException {
        Map<String, TarArchiveEntry> out = new LinkedHashMap<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
            TarArchiveEntry e;
            while ((e = in.getNextEntry()) != null) {
                out.put(e.getName(), e);
                if (e.isFile()) {
                    contents.put(e.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
        }
        return out;
    }

    private byte[] write(TarPlan plan) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        plan.writeTo(bytes);
        return bytes.toByteArray();
    }

    @Test
    void headersCarryChmodChownLinksAndContent() throws IOException {
        Tree t = new Tree(dir).file("d/run.sh", "#!/bin/sh\necho hi\n").link("d/ln", "run.sh")
                .mtime("d/run.sh", 1_500_000_000_000L);
        BuildContext ctx = t.context();
        CopyOptions o = CopyOptions.defaults().withChmod(0750).withChown(new Ownership(33, 44));
        TarPlan plan = ctx.plan(ctx.resolve(List.of("d")), "/srv/", "/", o, p -> false);
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = read(write(plan), contents);

        assertThat(entries.keySet()).containsExactly("srv/", "srv/ln", "srv/run.sh");
        TarArchiveEntry srv = entries.get("srv/");
        assertThat(srv.isDirectory()).isTrue();
        // created by the copy: made at --chmod's bits and chown-ed, as BuildKit's MkdirAll makes it
        assertThat(srv.getMode() & 07777).isEqualTo(0750);
        assertThat(srv.getLongUserId()).isEqualTo(33);
        TarArchiveEntry ln = entries.get("srv/ln");
        assertThat(ln.isSymbolicLink()).isTrue();
        assertThat(ln.getLinkName()).isEqualTo("run.sh");
        TarArchiveEntry file = entries.get("srv/run.sh");
        assertThat(file.getMode() & 07777).isEqualTo(0750);
        assertThat(file.getLongUserId()).isEqualTo(33);
        assertThat(file.getLongGroupId()).isEqualTo(44);
        assertThat(file.getUserName()).isEmpty();
        assertThat(file.getLastModifiedTime().toMillis() / 1000).isEqualTo(1_500_000_000L);
        assertThat(contents.get("srv/run.sh")).isEqualTo("#!/bin/sh\necho hi\n");
    }

    @Test
    void longAndNonAsciiNamesSurvive() throws IOException {
        String deep = "a".repeat(60) + "/" + "b".repeat(60) + "/" + "c".repeat(120) + ".txt";
        Tree t = new Tree(dir).file(deep, "x").file("ünïcödé.txt", "y");
        BuildContext ctx = t.context();
        TarPlan plan = ctx.plan(ctx.resolve(List.of(".")), "/", "/", CopyOptions.defaults(), p -> false);
        Map<String, String> contents = new LinkedHashMap<>();
        Map<String, TarArchiveEntry> entries = read(write(plan), contents);
        assertThat(contents).containsEntry(deep, "x").containsEntry("ünïcödé.txt", "y");
        assertThat(entries).containsKey("a".repeat(60) + "/" + "b".repeat(60) + "/");
    }

    @Test
    void fileChangedAfterPlanningIsAnError() throws IOException {
        Tree t = new Tree(dir).file("f", "short");
        BuildContext ctx = t.context();
        TarPlan plan = ctx.plan(ctx.resolve(List.of("f")), "/f", "/", CopyOptions.defaults(), p -> false);
        Files.writeString(dir.resolve("f"), "much longer now");
        assertThatThrownBy(() -> write(plan)).isInstanceOf(ContextException.class)
                .hasMessageContaining("changed while copying");
    }
}
