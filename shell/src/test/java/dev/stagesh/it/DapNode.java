package dev.stagesh.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/**
 * Runs one of the scripted DAP sessions of {@code src/test/dap} under {@code node --test}, with
 * Microsoft's {@code @vscode/debugadapter-testsupport} installed (pinned) from the npm registry into
 * {@code target/dap-node}, against the built jar and the real engine. Node's output is the failure message.
 */
final class DapNode {
    /** The client's version: pinned, so the test does not change under us. */
    static final String TESTSUPPORT = "@vscode/debugadapter-testsupport@1.68.0";

    private DapNode() {}

    /** Runs the script; asserts that all its {@code tests} tests ran and passed. */
    static void run(String script, int tests) throws IOException {
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
        // the scripts import the client from the folder they run in, and the shared helpers beside them
        for (String f : new String[] {"dap-client.mjs", script}) {
            Files.copy(module.resolve("src/test/dap").resolve(f), work.resolve(f), StandardCopyOption.REPLACE_EXISTING);
        }
        var run = DockerCli.exec(Map.of("STAGESH_JAR", jar.toString()), "node", "--test", "--test-reporter=spec",
                "--test-concurrency=1", work.resolve(script).toString());
        assertThat(run.exitCode()).as("node --test " + script + ":\n" + run.output()).isZero();
        assertThat(run.output()).as(run.output()).contains("tests " + tests).contains("pass " + tests).contains("fail 0");
    }
}
