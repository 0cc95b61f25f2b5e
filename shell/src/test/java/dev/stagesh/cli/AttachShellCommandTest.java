package dev.stagesh.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.stagesh.dap.ShellAttach;
import dev.stagesh.docker.EngineEndpoint;
import dev.stagesh.docker.ExecSpec;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The hidden command the editor's terminal runs reads back exactly what the debug session wrote. */
class AttachShellCommandTest {
    @TempDir
    Path dir;

    private static ShellAttach parsed(List<String> args) {
        String[] a = args.toArray(String[]::new);
        CommandLine cl = StageshCommand.commandLine(new StageshCommand(), a);
        CommandLine.ParseResult r = cl.parseArgs(a);
        assertThat(r.subcommand().commandSpec().name()).isEqualTo("attach-shell");
        return ((AttachShellCommand) r.subcommand().commandSpec().userObject()).asked();
    }

    @Test
    void readsBackTheCommandLineTheSessionMade() throws Exception {
        for (String pem : new String[] {"ca.pem", "cert.pem", "key.pem"}) {
            Files.writeString(dir.resolve(pem), "x");
        }
        // a value that looks like an option, spaces and quotes in the environment, a shell argv with options
        ShellAttach made = new ShellAttach(new EngineEndpoint(URI.create("tcp://engine:2376"), dir, "--host"), "abc123",
                new ExecSpec(List.of("/bin/bash", "--norc", "-O", "histappend"),
                        List.of("PROMPT_COMMAND=__s=$?; history -a; printf '#s %s\\n' \"$__s\"", "HISTCONTROL="), "/src dir", "app"),
                dir.resolve("end.sock"));
        assertThat(parsed(made.args())).isEqualTo(made);
        ShellAttach plain = new ShellAttach(new EngineEndpoint(URI.create("unix:///var/run/docker.sock"), null, "--host"),
                "abc123", new ExecSpec(List.of("/dev/.stagesh/busybox", "env", "PATH=/dev/.stagesh:/bin", "/dev/.stagesh/busybox", "sh"),
                List.of(), "", ""), null);
        assertThat(parsed(plain.args())).isEqualTo(plain);
    }

    @Test
    void badInputIsRefusedBeforeAnyEngineIsAsked() {
        // no container and no shell: picocli's usage error, exit 2
        assertThat(StageshCommand.run(new String[] {"attach-shell", "--host", "unix:///var/run/docker.sock"}, null)).isEqualTo(2);
        assertThat(StageshCommand.run(new String[] {"attach-shell", "--host", "unix:///var/run/docker.sock", "c1"}, null)).isEqualTo(2);
        // an address stagesh cannot use, and a certificate folder without certificates: no engine to talk to, exit 2
        assertThat(StageshCommand.run(new String[] {"attach-shell", "--host", "http://x", "c1", "--", "/bin/sh"}, null)).isEqualTo(2);
        assertThat(StageshCommand.run(new String[] {"attach-shell", "--host", "tcp://x:2376", "--tls-certs", dir.toString(),
            "c1", "--", "/bin/sh"}, null)).isEqualTo(2);
    }

    @Test
    void hiddenFromHelpAndCompletion() {
        CommandLine cl = StageshCommand.commandLine(new StageshCommand(), new String[] {"--help"});
        assertThat(cl.getUsageMessage()).doesNotContain("attach-shell");
        String candidates = new CommandLineCompleter(cl.getCommandSpec(), CompleteCommand::stageNames).complete(List.of("")).wire();
        assertThat(candidates).contains("dap").doesNotContain("attach-shell");
        assertThat(new CommandLineCompleter(cl.getCommandSpec(), CompleteCommand::stageNames).complete(List.of("att")).wire())
                .doesNotContain("attach-shell");
    }
}
