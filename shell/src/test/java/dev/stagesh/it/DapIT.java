package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@code stagesh dap} driven by a DAP client nobody here wrote: Microsoft's
 * {@code @vscode/debugadapter-testsupport}, installed (pinned) from the npm registry into
 * {@code target/dap-node}, running the scripted sessions of {@code src/test/dap/dap.test.mjs}
 * under {@code node --test} against the built jar and the real engine. Node's output is the
 * failure message.
 */
class DapIT {
    /** The client's version: pinned, so the test does not change under us. */
    static final String TESTSUPPORT = "@vscode/debugadapter-testsupport@1.68.0";

    @Test
    void anEditorsDebugClientDrivesTheSession() throws IOException {
        Path jar = Stagesh.jar();
        Path module = jar.getParent().getParent();
        Path work = module.resolve("target/dap-node");
        Files.createDirectories(work);
        if (!Files.isDirectory(work.resolve("node_modules/@vscode/debugadapter-testsupport"))) {
            Files.writeString(work.resolve("package.json"), "{\"private\": true}\n");
            var install = DockerCli.exec(Map.of(), "npm", "install", "--prefix", work.toString(), "--no-audit",
                    "--no-fund", "--loglevel=error", TESTSUPPORT);
            assertThat(install.exitCode()).as("npm install " + TESTSUPPORT + ":\n" + install.output()).isZero();
        }
        // the script imports the client from the folder it runs in
        Path script = Files.copy(module.resolve("src/test/dap/dap.test.mjs"), work.resolve("dap.test.mjs"),
                StandardCopyOption.REPLACE_EXISTING);
        var run = DockerCli.exec(Map.of("STAGESH_JAR", jar.toString()), "node", "--test", "--test-reporter=spec",
                "--test-concurrency=1", script.toString());
        assertThat(run.exitCode()).as("node --test dap.test.mjs:\n" + run.output()).isZero();
        assertThat(run.output()).as(run.output()).contains("tests 5").contains("pass 5").contains("fail 0");
    }
}
