package dev.stagesh.dockerfile.instructions;

import dev.stagesh.dockerfile.parser.Heredoc;
import dev.stagesh.dockerfile.parser.Node;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A typed Dockerfile instruction, one record per keyword, as BuildKit's {@code instructions} package models them.
 *
 * <p>Records hold the UNEXPANDED words. Variable expansion needs the environment of the build step, which only the
 * engine knows, so it is a separate step: {@link #expand(WordExpander)} returns a copy with the words BuildKit
 * expands substituted (FROM is expanded with the global build args instead, see
 * {@link dev.stagesh.dockerfile.BuildArgs}). Instructions BuildKit never expands (RUN/CMD/ENTRYPOINT command text,
 * SHELL, HEALTHCHECK, MAINTAINER, ONBUILD) return themselves.
 */
public sealed interface Instruction {
    /** The syntax-tree node this instruction came from (position, original text, raw flags). */
    Node node();

    /** Upper-case keyword, e.g. {@code RUN}. */
    String keyword();

    /** 1-based line where the instruction starts. */
    default int line() {
        return node().startLine();
    }

    /** A copy with BuildKit's expandable words expanded; instructions without expandable words return this. */
    default Instruction expand(WordExpander e) {
        return this;
    }

    /** {@code FROM [--platform=p] image [AS name]}; {@code stageName} is lower-cased (null without AS). */
    record From(Node node, String image, String stageName, String platform) implements Instruction {
        public String keyword() {
            return "FROM";
        }
    }

    /**
     * {@code RUN}. {@code network} defaults to "default", {@code security} to "sandbox". {@code devices} are the
     * raw {@code --device} values.
     */
    record Run(Node node, CommandLine command, List<Mount> mounts, String network, String security,
               List<Heredoc> heredocs, List<String> devices) implements Instruction {
        public Run {
            mounts = List.copyOf(mounts);
            heredocs = List.copyOf(heredocs);
            devices = List.copyOf(devices);
        }

        public Run(Node node, CommandLine command, List<Mount> mounts, String network, String security,
                   List<Heredoc> heredocs) {
            this(node, command, mounts, network, security, heredocs, List.of());
        }

        public String keyword() {
            return "RUN";
        }

        /** Mount option values are expanded (and then fully validated), as BuildKit does. */
        @Override
        public Run expand(WordExpander e) {
            List<Mount> out = MountParser.parseAll(InstructionParser.runFlags(node).strings("mount"), e, node);
            return new Run(node, command, out, network, security, heredocs, devices);
        }
    }

    /**
     * {@code COPY}. {@code sources} are as written; a source like {@code <<EOF} names one of {@code heredocs}
     * (see {@link #heredocSource}). {@code from}, {@code chown}, {@code chmod} are null when absent.
     */
    record Copy(Node node, List<String> sources, String dest, String from, String chown, String chmod, boolean link,
                boolean parents, List<String> excludes, List<Heredoc> heredocs) implements Instruction {
        public Copy {
            sources = List.copyOf(sources);
            excludes = List.copyOf(excludes);
            heredocs = List.copyOf(heredocs);
        }

        public String keyword() {
            return "COPY";
        }

        public Optional<Heredoc> heredocSource(String source) {
            return SourceHeredocs.lookup(source, heredocs);
        }

        /** Sources, dest, chown and chmod are expanded; {@code --from} is resolved by the stage graph. */
        @Override
        public Copy expand(WordExpander e) {
            return new Copy(node, SourceHeredocs.expandSources(sources, e), e.expand(dest), from,
                    chown == null ? null : e.expand(chown), FlagValues.checkChmod(chmod == null ? null
                    : e.expand(chmod), node), link, parents, excludes, heredocs);
        }
    }

    /**
     * {@code ADD}. As {@link Copy} plus {@code checksum}, and {@code keepGitDir}/{@code unpack}, which are null when
     * the flag was not given.
     */
    record Add(Node node, List<String> sources, String dest, String chown, String chmod, boolean link,
               List<String> excludes, String checksum, Boolean keepGitDir, Boolean unpack, List<Heredoc> heredocs)
            implements Instruction {
        public Add {
            sources = List.copyOf(sources);
            excludes = List.copyOf(excludes);
            heredocs = List.copyOf(heredocs);
        }

        public String keyword() {
            return "ADD";
        }

        public Optional<Heredoc> heredocSource(String source) {
            return SourceHeredocs.lookup(source, heredocs);
        }

        @Override
        public Add expand(WordExpander e) {
            return new Add(node, SourceHeredocs.expandSources(sources, e), e.expand(dest),
                    chown == null ? null : e.expand(chown),
                    FlagValues.checkChmod(chmod == null ? null : e.expand(chmod), node), link, excludes,
                    checksum == null ? null : e.expand(checksum), keepGitDir, unpack, heredocs);
        }
    }

    record Workdir(Node node, String path) implements Instruction {
        public String keyword() {
            return "WORKDIR";
        }

        @Override
        public Workdir expand(WordExpander e) {
            return new Workdir(node, e.expand(path));
        }
    }

    record Env(Node node, List<KeyValue> pairs) implements Instruction {
        public Env {
            pairs = List.copyOf(pairs);
        }

        public String keyword() {
            return "ENV";
        }

        /**
         * Keys and values expanded. As in BuildKit, every pair of one ENV is expanded with the environment from
         * before the instruction ({@code ENV a=1 b=$a} does not see the new {@code a});
         * {@link dev.stagesh.dockerfile.VariableScope#apply} does the expansion and the update in one step.
         */
        @Override
        public Env expand(WordExpander e) {
            return new Env(node, pairs.stream().map(kv -> new KeyValue(e.expand(kv.key()), e.expand(kv.value())))
                    .toList());
        }
    }

    /** {@code ARG} declarations; flags are ignored, as in BuildKit. */
    record Arg(Node node, List<ArgDecl> args) implements Instruction {
        public Arg {
            args = List.copyOf(args);
        }

        public String keyword() {
            return "ARG";
        }

        @Override
        public Arg expand(WordExpander e) {
            return new Arg(node, args.stream().map(a -> new ArgDecl(e.expand(a.name()),
                    a.defaultValue() == null ? null : e.expand(a.defaultValue()))).toList());
        }
    }

    record Label(Node node, List<KeyValue> labels) implements Instruction {
        public Label {
            labels = List.copyOf(labels);
        }

        public String keyword() {
            return "LABEL";
        }

        @Override
        public Label expand(WordExpander e) {
            return new Label(node, labels.stream()
                    .map(kv -> new KeyValue(e.expand(kv.key()), e.expand(kv.value()))).toList());
        }
    }

    record Expose(Node node, List<String> ports) implements Instruction {
        public Expose {
            ports = List.copyOf(ports);
        }

        public String keyword() {
            return "EXPOSE";
        }

        /** Each port word may expand to several ports. */
        @Override
        public Expose expand(WordExpander e) {
            List<String> out = new ArrayList<>();
            for (String p : ports) {
                out.addAll(e.expandWords(p));
            }
            return new Expose(node, out);
        }
    }

    record Volume(Node node, List<String> volumes) implements Instruction {
        public Volume {
            volumes = List.copyOf(volumes);
        }

        public String keyword() {
            return "VOLUME";
        }

        @Override
        public Volume expand(WordExpander e) {
            return new Volume(node, volumes.stream().map(e::expand).toList());
        }
    }

    record User(Node node, String user) implements Instruction {
        public String keyword() {
            return "USER";
        }

        @Override
        public User expand(WordExpander e) {
            return new User(node, e.expand(user));
        }
    }

    record Cmd(Node node, CommandLine command) implements Instruction {
        public String keyword() {
            return "CMD";
        }
    }

    record Entrypoint(Node node, CommandLine command) implements Instruction {
        public String keyword() {
            return "ENTRYPOINT";
        }
    }

    record Shell(Node node, List<String> shell) implements Instruction {
        public Shell {
            shell = List.copyOf(shell);
        }

        public String keyword() {
            return "SHELL";
        }
    }

    /**
     * {@code HEALTHCHECK NONE} ({@code none} true, {@code test} null) or {@code HEALTHCHECK [opts] CMD ...}. The
     * option values are the raw strings (null when absent); the Duration accessors parse Go durations
     * ({@code 30s}, {@code 1m30s}, {@code 500ms}) and give null when absent.
     */
    record Healthcheck(Node node, boolean none, CommandLine test, String interval, String timeout,
                       String startPeriod, String startInterval, String retries) implements Instruction {
        public String keyword() {
            return "HEALTHCHECK";
        }

        public Duration intervalDuration() {
            return interval == null ? null : GoDuration.parse(interval);
        }

        public Duration timeoutDuration() {
            return timeout == null ? null : GoDuration.parse(timeout);
        }

        public Duration startPeriodDuration() {
            return startPeriod == null ? null : GoDuration.parse(startPeriod);
        }

        public Duration startIntervalDuration() {
            return startInterval == null ? null : GoDuration.parse(startInterval);
        }

        /** Retries, or 0 when absent. */
        public int retriesCount() {
            return retries == null ? 0 : Integer.parseInt(retries);
        }
    }

    record Stopsignal(Node node, String signal) implements Instruction {
        public String keyword() {
            return "STOPSIGNAL";
        }

        @Override
        public Stopsignal expand(WordExpander e) {
            return new Stopsignal(node, e.expand(signal));
        }
    }

    /**
     * {@code ONBUILD trigger}: {@code trigger} is the wrapped node and {@code triggerText} the trigger as BuildKit
     * stores it for the image config (heredoc bodies and terminators appended).
     */
    record Onbuild(Node node, Node trigger, String triggerText) implements Instruction {
        public String keyword() {
            return "ONBUILD";
        }
    }

    record Maintainer(Node node, String maintainer) implements Instruction {
        public String keyword() {
            return "MAINTAINER";
        }
    }
}
