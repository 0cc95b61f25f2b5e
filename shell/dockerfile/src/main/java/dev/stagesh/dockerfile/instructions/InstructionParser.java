package dev.stagesh.dockerfile.instructions;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.DockerfileSyntaxException;
import dev.stagesh.dockerfile.parser.GoText;
import dev.stagesh.dockerfile.parser.Heredoc;
import dev.stagesh.dockerfile.parser.Node;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Turns syntax-tree nodes into typed {@link Instruction}s with the checks of BuildKit's {@code instructions.Parse}:
 * unknown instructions, unknown or malformed flags, argument counts, stage names, mount options, network and
 * security modes, HEALTHCHECK options. Errors are {@link DockerfileSyntaxException}s with line and column (the file
 * name and source line are attached by {@link dev.stagesh.dockerfile.Dockerfile}).
 */
public final class InstructionParser {
    private static final Pattern STAGE_NAME = Pattern.compile("[a-z][a-z0-9-_.]*");
    private static final List<String> KEYWORDS = List.of("ADD", "ARG", "CMD", "COPY", "ENTRYPOINT", "ENV", "EXPOSE",
            "FROM", "HEALTHCHECK", "LABEL", "MAINTAINER", "ONBUILD", "RUN", "SHELL", "STOPSIGNAL", "USER", "VOLUME",
            "WORKDIR");

    private InstructionParser() {
    }

    public static Instruction parse(Node node) {
        String keyword = GoText.toLower(node.name()).toUpperCase(Locale.ROOT);
        try {
            return switch (keyword) {
                case "FROM" -> from(node);
                case "RUN" -> run(node);
                case "COPY" -> copy(node);
                case "ADD" -> add(node);
                case "WORKDIR" -> new Instruction.Workdir(node, exactlyOne(noFlags(node), "WORKDIR"));
                case "ENV" -> new Instruction.Env(noFlags(node), keyValues(node, "ENV"));
                case "LABEL" -> new Instruction.Label(noFlags(node), keyValues(node, "LABEL"));
                case "ARG" -> arg(node);
                case "EXPOSE" -> expose(node);
                case "VOLUME" -> volume(node);
                case "USER" -> new Instruction.User(node, exactlyOne(noFlags(node), "USER"));
                case "CMD" -> new Instruction.Cmd(noFlags(node), commandLine(node, node.args()));
                case "ENTRYPOINT" -> new Instruction.Entrypoint(noFlags(node), commandLine(node, node.args()));
                case "SHELL" -> shell(node);
                case "HEALTHCHECK" -> healthcheck(node);
                // BuildKit does not parse flags of STOPSIGNAL (nor of ARG): they are ignored
                case "STOPSIGNAL" -> new Instruction.Stopsignal(node, exactlyOne(node, "STOPSIGNAL"));
                case "ONBUILD" -> onbuild(node);
                case "MAINTAINER" -> new Instruction.Maintainer(node, exactlyOne(noFlags(node), "MAINTAINER"));
                default -> throw Located.error("unknown instruction: " + node.name() + suggest(keyword), node);
            };
        } catch (FlagSet.FlagError e) {
            throw Located.error(e.getMessage(), node, e.flag);
        } catch (DockerfileSyntaxException e) {
            throw e;
        } catch (DockerfileException e) {
            throw Located.error(e.getMessage(), node);
        }
    }

    private static String suggest(String keyword) {
        for (String k : KEYWORDS) {
            if (k.length() > 2 && (keyword.startsWith(k) || k.startsWith(keyword)) && keyword.length() > 2) {
                return " (did you mean " + k.toLowerCase(Locale.ROOT) + "?)";
            }
        }
        return "";
    }

    private static Node noFlags(Node node) {
        new FlagSet().parse(node.flags());
        return node;
    }

    private static String exactlyOne(Node node, String keyword) {
        if (node.args().size() != 1) {
            throw Located.error(keyword + " requires exactly one argument", node);
        }
        return node.args().get(0);
    }

    /** EXPOSE: its ports are judged as the Dockerfile is loaded, not here (checks read bad ones too). */
    private static Instruction.Expose expose(Node node) {
        return new Instruction.Expose(node, atLeastOne(noFlags(node), "EXPOSE"));
    }

    private static List<String> atLeastOne(Node node, String keyword) {
        if (node.args().isEmpty()) {
            throw Located.error(keyword + " requires at least one argument", node);
        }
        return node.args();
    }

    private static Instruction.From from(Node node) {
        List<String> args = node.args();
        String stageName = null;
        if (args.size() == 3 && args.get(1).equalsIgnoreCase("as")) {
            stageName = args.get(2).toLowerCase(Locale.ROOT);
            if (!STAGE_NAME.matcher(stageName).matches()) {
                throw Located.error("invalid name for build stage: " + GoText.quote(args.get(2))
                        + ", name can't start with a number or contain symbols", node, args.get(2));
            }
        } else if (args.size() != 1) {
            throw Located.error("FROM requires either one or three arguments", node);
        }
        FlagSet flags = new FlagSet().define("platform", FlagSet.Type.STRING).parse(node.flags());
        return new Instruction.From(node, args.get(0), stageName, flags.string("platform"));
    }

    /** The flags RUN accepts; also used to re-read {@code --mount} values for expansion. */
    static FlagSet runFlags(Node node) {
        return new FlagSet().define("mount", FlagSet.Type.STRINGS).define("network", FlagSet.Type.STRING)
                .define("security", FlagSet.Type.STRING).define("device", FlagSet.Type.STRINGS)
                .parse(node.flags());
    }

    private static Instruction.Run run(Node node) {
        FlagSet flags = runFlags(node);
        List<Mount> mounts = MountParser.parseAll(flags.strings("mount"), null, node);
        String network = flags.string("network") == null ? "default" : flags.string("network");
        if (!network.equals("default") && !network.equals("none") && !network.equals("host")) {
            throw Located.error("invalid network mode " + GoText.quote(network), node, "--network");
        }
        String security = flags.string("security") == null ? "sandbox" : flags.string("security");
        if (!security.equals("sandbox") && !security.equals("insecure")) {
            throw Located.error("security " + GoText.quote(security) + " is not valid", node, "--security");
        }
        return new Instruction.Run(node, commandLine(node, node.args()), mounts, network, security,
                node.heredocs(), flags.strings("device"));
    }

    private static CommandLine commandLine(Node node, List<String> args) {
        if (node.jsonForm()) {
            return new CommandLine(args, false);
        }
        // shell form: BuildKit joins the (single) argument with spaces
        return new CommandLine(args.isEmpty() ? List.of() : List.of(String.join(" ", args)), true);
    }

    private static Instruction.Copy copy(Node node) {
        if (node.args().size() < 2) {
            throw Located.error("COPY requires at least two arguments, but only one was provided. "
                    + "Destination could not be determined", node);
        }
        FlagSet flags = new FlagSet().define("chown", FlagSet.Type.STRING).define("from", FlagSet.Type.STRING)
                .define("chmod", FlagSet.Type.STRING).define("link", FlagSet.Type.BOOL)
                .define("exclude", FlagSet.Type.STRINGS).define("parents", FlagSet.Type.BOOL).parse(node.flags());
        String dest = destination(node, "COPY");
        return new Instruction.Copy(node, sources(node), dest, flags.string("from"), flags.string("chown"),
                FlagValues.checkChmod(flags.string("chmod"), node), flags.bool("link"), flags.bool("parents"),
                flags.strings("exclude"), node.heredocs());
    }

    private static Instruction.Add add(Node node) {
        if (node.args().size() < 2) {
            throw Located.error("ADD requires at least two arguments, but only one was provided. "
                    + "Destination could not be determined", node);
        }
        FlagSet flags = new FlagSet().define("chown", FlagSet.Type.STRING).define("chmod", FlagSet.Type.STRING)
                .define("link", FlagSet.Type.BOOL).define("keep-git-dir", FlagSet.Type.BOOL)
                .define("checksum", FlagSet.Type.STRING).define("unpack", FlagSet.Type.BOOL)
                .define("exclude", FlagSet.Type.STRINGS).parse(node.flags());
        String dest = destination(node, "ADD");
        return new Instruction.Add(node, sources(node), dest, flags.string("chown"),
                FlagValues.checkChmod(flags.string("chmod"), node), flags.bool("link"), flags.strings("exclude"),
                flags.string("checksum"), flags.optionalBool("keep-git-dir"), flags.optionalBool("unpack"),
                node.heredocs());
    }

    private static String destination(Node node, String keyword) {
        String dest = node.args().get(node.args().size() - 1);
        if (SourceHeredocs.isHeredoc(dest)) {
            throw Located.error(keyword + " cannot accept a heredoc as a destination", node, dest);
        }
        return dest;
    }

    private static List<String> sources(Node node) {
        return node.args().subList(0, node.args().size() - 1);
    }

    private static List<KeyValue> keyValues(Node node, String keyword) {
        List<String> args = node.args();
        if (args.isEmpty()) {
            throw Located.error(keyword + " requires at least one argument", node);
        }
        if (args.size() % 3 != 0) {
            throw Located.error("Bad input to " + keyword + ", too many arguments", node);
        }
        List<KeyValue> out = new ArrayList<>();
        for (int i = 0; i < args.size(); i += 3) {
            if (args.get(i).isEmpty()) {
                throw Located.error(keyword + " names can not be blank", node);
            }
            out.add(new KeyValue(args.get(i), args.get(i + 1)));
        }
        return out;
    }

    private static Instruction.Arg arg(Node node) {
        if (node.args().isEmpty()) {
            throw Located.error("ARG requires at least one argument", node);
        }
        List<ArgDecl> decls = new ArrayList<>();
        for (String a : node.args()) {
            int eq = a.indexOf('=');
            if (eq < 0) {
                decls.add(new ArgDecl(a, null));
            } else {
                if (eq == 0) {
                    throw Located.error("ARG names can not be blank", node);
                }
                decls.add(new ArgDecl(a.substring(0, eq), a.substring(eq + 1)));
            }
        }
        return new Instruction.Arg(node, decls);
    }

    private static Instruction.Volume volume(Node node) {
        atLeastOne(noFlags(node), "VOLUME");
        List<String> out = new ArrayList<>();
        for (String v : node.args()) {
            String t = GoText.trimSpace(v);
            if (t.isEmpty()) {
                throw Located.error("VOLUME specified can not be an empty string", node);
            }
            out.add(t);
        }
        return new Instruction.Volume(node, out);
    }

    private static Instruction.Shell shell(Node node) {
        noFlags(node);
        if (node.args().isEmpty()) {
            throw Located.error("SHELL requires at least one argument", node);
        }
        if (!node.jsonForm()) {
            throw Located.error("SHELL requires the arguments to be in JSON form", node);
        }
        return new Instruction.Shell(node, node.args());
    }

    private static Instruction.Healthcheck healthcheck(Node node) {
        if (node.args().isEmpty()) {
            throw Located.error("HEALTHCHECK requires at least one argument", node);
        }
        String type = node.args().get(0).toUpperCase(Locale.ROOT);
        List<String> rest = node.args().subList(1, node.args().size());
        if (type.equals("NONE")) {
            if (!rest.isEmpty()) {
                throw Located.error("HEALTHCHECK NONE takes no arguments", node);
            }
            return new Instruction.Healthcheck(node, true, null, null, null, null, null, null);
        }
        FlagSet flags = new FlagSet().define("interval", FlagSet.Type.STRING).define("timeout", FlagSet.Type.STRING)
                .define("start-period", FlagSet.Type.STRING).define("start-interval", FlagSet.Type.STRING)
                .define("retries", FlagSet.Type.STRING).parse(node.flags());
        if (!type.equals("CMD")) {
            throw Located.error("Unknown type " + GoText.quote(type) + " in HEALTHCHECK (try CMD)", node);
        }
        if (rest.isEmpty()) {
            throw Located.error("Missing command after HEALTHCHECK CMD", node);
        }
        for (String f : List.of("interval", "timeout", "start-period", "start-interval")) {
            String v = flags.string(f);
            if (v != null && !v.isEmpty()) {
                var d = GoDuration.parse(v);
                if (!d.isZero() && d.compareTo(java.time.Duration.ofMillis(1)) < 0) {
                    throw Located.error("Interval " + GoText.quote(f) + " cannot be less than 1ms", node, "--" + f);
                }
            }
        }
        String retries = flags.string("retries");
        if (retries != null && !retries.isEmpty()) {
            long r;
            try {
                r = Long.parseLong(retries);
                if (r > Integer.MAX_VALUE || r < Integer.MIN_VALUE) {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw Located.error("strconv.ParseInt: parsing " + GoText.quote(retries) + ": invalid syntax", node,
                        "--retries");
            }
            if (r < 0) {
                throw Located.error("--retries cannot be negative (" + r + ")", node, "--retries");
            }
        }
        CommandLine test = commandLine(node, rest);
        return new Instruction.Healthcheck(node, false, test, emptyToNull(flags.string("interval")),
                emptyToNull(flags.string("timeout")), emptyToNull(flags.string("start-period")),
                emptyToNull(flags.string("start-interval")), emptyToNull(retries));
    }

    private static String emptyToNull(String s) {
        return s == null || s.isEmpty() ? null : s;
    }

    private static Instruction.Onbuild onbuild(Node node) {
        Node trigger = node.onbuildTrigger();
        if (trigger == null) {
            throw Located.error("ONBUILD requires at least one argument", node);
        }
        noFlags(node);
        String triggerKeyword = GoText.trimSpace(trigger.name()).toUpperCase(Locale.ROOT);
        switch (triggerKeyword) {
            case "ONBUILD" -> throw Located.error("Chaining ONBUILD via `ONBUILD ONBUILD` isn't allowed", node);
            case "MAINTAINER", "FROM" -> throw Located.error(triggerKeyword
                    + " isn't allowed as an ONBUILD trigger", node);
            default -> {
            }
        }
        // the trigger must itself be a valid instruction
        parse(trigger.asTriggerOf(node));
        StringBuilder text = new StringBuilder(stripOnbuild(node.original()));
        for (Heredoc h : node.heredocs()) {
            text.append('\n').append(h.content()).append(h.name());
        }
        return new Instruction.Onbuild(node, trigger, text.toString());
    }

    /** {@code (?i)^\s*ONBUILD\s*} removed, as BuildKit stores the trigger. */
    private static String stripOnbuild(String original) {
        int i = 0;
        while (i < original.length() && isRegexSpace(original.charAt(i))) {
            i++;
        }
        if (original.regionMatches(true, i, "ONBUILD", 0, 7)) {
            i += 7;
            while (i < original.length() && isRegexSpace(original.charAt(i))) {
                i++;
            }
            return original.substring(i);
        }
        return original;
    }

    private static boolean isRegexSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
    }
}
