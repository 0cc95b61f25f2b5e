package dev.stagesh.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;

/**
 * stagesh(1), in troff, from picocli's model of the commands, so the page says what the
 * options are and never drifts from them. The build runs it ({@code main OUTPUT}) for the
 * distribution archive. picocli-codegen's generator writes AsciiDoc, which would need
 * Asciidoctor (a Ruby runtime) in the build to become a man page.
 */
public final class ManPage {
    private ManPage() {}

    public static void main(String[] args) throws IOException {
        if (args.length != 1) {
            throw new IllegalArgumentException("usage: ManPage OUTPUT-FILE");
        }
        Path out = Path.of(args[0]);
        Files.createDirectories(out.toAbsolutePath().getParent());
        Files.writeString(out, render(), StandardCharsets.UTF_8);
    }

    static String render() {
        CommandLine cl = StageshCommand.commandLine(new StageshCommand(), new String[] {"--help"});
        CommandSpec root = cl.getCommandSpec();
        StringBuilder sb = new StringBuilder();
        sb.append(".TH STAGESH 1 \"").append(LocalDate.now()).append("\" \"stagesh ").append(esc(Version.number()))
                .append("\" \"User Commands\"\n");
        sb.append(".SH NAME\nstagesh \\- ").append(esc(root.usageMessage().description()[0])).append('\n');
        sb.append(".SH SYNOPSIS\n");
        synopsis(sb, root, "stagesh");
        cl.getSubcommands().forEach((name, sub) -> {
            if (!hidden(sub.getCommandSpec())) {
                synopsis(sb, sub.getCommandSpec(), "stagesh " + name);
            }
        });
        sb.append(".SH DESCRIPTION\n").append(esc("stagesh runs a Dockerfile one instruction at a time against a"
                + " Docker engine, with docker build's semantics, and lets you stand at any step: read its files,"
                + " look at its environment and config, go back, and commit any stage. At the prompt, help lists"
                + " the commands. When standard input is not a terminal, it reads one command per line (script"
                + " mode) and stops at the first that fails.")).append('\n');
        sb.append(".SH OPTIONS\n");
        options(sb, root);
        sb.append(".SH COMMANDS\n");
        cl.getSubcommands().forEach((name, sub) -> {
            CommandSpec spec = sub.getCommandSpec();
            if (hidden(spec)) {
                return;
            }
            sb.append(".SS ").append(esc(name)).append('\n');
            for (String d : spec.usageMessage().description()) {
                sb.append(esc(d)).append('\n');
            }
            options(sb, spec);
        });
        sb.append(".SH EXIT STATUS\n");
        root.usageMessage().exitCodeList().forEach((code, what) ->
                sb.append(".TP\n.B ").append(esc(code.strip())).append('\n').append(esc(what)).append('\n'));
        sb.append(".SH ENVIRONMENT\n");
        env(sb, "DOCKER_HOST", "The engine's address, as for the docker CLI; it wins over contexts.");
        env(sb, "DOCKER_CONTEXT", "The docker CLI context to use (else config.json's currentContext).");
        env(sb, "DOCKER_CONFIG", "The docker CLI's configuration directory (default ~/.docker).");
        env(sb, "DOCKER_TLS_VERIFY, DOCKER_CERT_PATH", "TLS to the engine, with ca.pem, cert.pem and key.pem in that directory.");
        env(sb, "NO_COLOR", "No colour, even on a terminal.");
        env(sb, "VISUAL, EDITOR", "The editor the edit command opens.");
        sb.append(".SH FILES\n.TP\n.I ~/.stagesh_history\nThe prompt's history.\n");
        sb.append(".SH SEE ALSO\n.BR docker (1),\n.BR docker-build (1)\n");
        return sb.toString();
    }

    private static boolean hidden(CommandSpec spec) {
        return spec.usageMessage().hidden();
    }

    private static void synopsis(StringBuilder sb, CommandSpec spec, String name) {
        String usage = new CommandLine.Help(spec, CommandLine.Help.defaultColorScheme(CommandLine.Help.Ansi.OFF))
                .synopsis(0).strip();
        // picocli's synopsis starts with the command's qualified name; the page sets the name in bold itself
        String rest = usage.startsWith(spec.qualifiedName()) ? usage.substring(spec.qualifiedName().length()) : usage;
        sb.append(".PP\n.B ").append(esc(name)).append('\n').append(esc(rest.replaceAll("\\s+", " ").strip())).append('\n');
    }

    private static void options(StringBuilder sb, CommandSpec spec) {
        for (OptionSpec o : spec.options()) {
            if (o.hidden()) {
                continue;
            }
            sb.append(".TP\n.B ").append(esc(String.join(", ", o.names())));
            if (o.arity().max() > 0) {
                sb.append(" \\fI").append(esc(o.paramLabel())).append("\\fR");
            }
            sb.append('\n').append(esc(String.join(" ", o.description()))).append('\n');
        }
        for (PositionalParamSpec p : spec.positionalParameters()) {
            sb.append(".TP\n.I ").append(esc(p.paramLabel())).append('\n')
                    .append(esc(String.join(" ", p.description()))).append('\n');
        }
    }

    private static void env(StringBuilder sb, String name, String what) {
        sb.append(".TP\n.B ").append(esc(name)).append('\n').append(esc(what)).append('\n');
    }

    /** troff: backslashes doubled, dashes made plain, no line may start with a dot or a quote. */
    static String esc(String s) {
        String t = s.replace("\\", "\\e").replace("-", "\\-").replace("%n", " ");
        return t.startsWith(".") || t.startsWith("'") ? "\\&" + t : t;
    }
}
