package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.shell.ShellLex;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded, seeded mutation fuzzer: corpus files and hand-written seeds are mutated byte-wise and token-wise,
 * decoded as UTF-8 or Latin-1 (binary garbage), and run through the whole public API. Only DockerfileException may
 * escape. A fixed number of inputs from a fixed seed, so every machine, fast or slow, tries the same inputs and a
 * failure is reproducible (the failing input is printed). Coverage-guided fuzzing of the same entry point is
 * {@link JazzerFuzzTest}.
 */
class FuzzTest {
    private static final long SEED = 0x5EED_D0C5L;
    /** About 3 s on this project's machine; the number, not a time budget, is what is fixed. */
    private static final int INPUTS = 5_000;
    private static final String[] TOKENS = {"\\\n", "`\n", "<<EOF\n", "<<-'E'\n", "\nEOF\n", "${", "}", "$", "\"",
            "'", "[", "]", "[\"a\", 1]", "--mount=", "type=cache,", "from=", "--from=", "ONBUILD ", "FROM ",
            " AS ", "ARG ", "ENV ", "=", "# escape=`\n", "# syntax=x\n", "\t", "\r\n", "\u00a0", "\uFEFF", "é",
            "\u0000", "COPY ", "RUN ", "HEALTHCHECK ", "--", "${A:-${B%%*}}", "${A//x/y}", "\\\\\\\n", "#\n"};
    private static final List<String> BUILT_IN = List.of(
            "FROM alpine AS a\nRUN --mount=type=cache,target=/x <<EOF\necho hi\nEOF\nCOPY --from=a /x /y\n",
            "ARG V=1\nFROM b:${V}\nENV A=1 B=\"2\"\nLABEL x=y\nHEALTHCHECK --interval=5s CMD true\n",
            "# escape=`\nFROM x\nRUN a `\n  b\nONBUILD COPY a b\nSHELL [\"pwsh\"]\nEXPOSE 80\n");

    @Test
    void onlyDockerfileExceptionEscapes() {
        List<String> seeds = new ArrayList<>(BUILT_IN);
        for (Path p : Corpus.list("real-world", Corpus.REAL_WORLD)) {
            seeds.add(Corpus.read(p));
        }
        for (Path d : Corpus.list("buildkit-parser/testfiles", Corpus.BUILDKIT_FIXTURES)) {
            seeds.add(Corpus.read(d.resolve("Dockerfile")));
        }
        Random random = new Random(SEED);
        int accepted = 0;
        int refused = 0;
        for (int run = 0; run < INPUTS; run++) {
            String input = mutate(seeds.get(random.nextInt(seeds.size())), random);
            try {
                exercise(input);
                accepted++;
            } catch (DockerfileException expected) {
                // the only allowed failure, but not the safety net that hides bugs
                if (expected.getMessage().startsWith("internal error")) {
                    throw new AssertionError("internal error for input:\n" + escape(input), expected);
                }
                refused++;
            } catch (Throwable t) {
                throw new AssertionError("non-DockerfileException for input (run " + run + "):\n"
                        + escape(input), t);
            }
        }
        // the mutations reach both the accepting paths and the refusals: a parser that refused (or accepted) all
        // would exercise half of itself
        assertThat(accepted).as("inputs accepted of " + INPUTS).isGreaterThan(INPUTS / 20);
        assertThat(refused).as("inputs refused of " + INPUTS).isGreaterThan(INPUTS / 20);
    }

    /** The whole public API on one input; shared with {@link JazzerFuzzTest}. */
    static void exercise(String input) {
        Dockerfile df = Dockerfile.parse(input, "fuzz/Dockerfile");
        BuildArgs args = BuildArgs.defaults(df);
        DockerfileJson.write(df, args);
        StageGraph graph = new StageGraph(df, args);
        for (Stage s : df.stages()) {
            graph.required(s);
            args.expandFrom(s);
            VariableScope scope = args.scope(Map.of("PATH", "/bin"));
            for (Instruction ins : s.instructions()) {
                scope.expand(ins);
                scope.apply(ins);
            }
            scope.runEnv();
        }
        new ShellLex(df.escapeToken()).processWords(input.length() > 200 ? input.substring(0, 200) : input,
                Map.of("A", "x")::get);
    }

    private static String mutate(String seed, Random r) {
        int ops = 1 + r.nextInt(8);
        String text = seed;
        for (int i = 0; i < ops; i++) {
            int pos = text.isEmpty() ? 0 : r.nextInt(text.length() + 1);
            switch (r.nextInt(6)) {
                case 0 -> text = text.substring(0, pos) + TOKENS[r.nextInt(TOKENS.length)] + text.substring(pos);
                case 1 -> {
                    int end = Math.min(text.length(), pos + r.nextInt(40));
                    text = text.substring(0, pos) + text.substring(end);
                }
                case 2 -> {
                    if (!text.isEmpty()) {
                        int from = r.nextInt(text.length());
                        int end = Math.min(text.length(), from + r.nextInt(80));
                        text = text.substring(0, pos) + text.substring(from, end) + text.substring(pos);
                    }
                }
                case 3 -> {
                    byte[] b = text.getBytes(StandardCharsets.UTF_8);
                    if (b.length > 0) {
                        b[r.nextInt(b.length)] ^= (byte) (1 << r.nextInt(8));
                    }
                    text = new String(b, StandardCharsets.UTF_8);
                }
                case 4 -> {
                    byte[] garbage = new byte[1 + r.nextInt(32)];
                    r.nextBytes(garbage);
                    text = text.substring(0, pos) + new String(garbage, StandardCharsets.ISO_8859_1)
                            + text.substring(pos);
                }
                default -> {
                    byte[] garbage = new byte[1 + r.nextInt(256)];
                    r.nextBytes(garbage);
                    text = new String(garbage, r.nextBoolean() ? StandardCharsets.UTF_8
                            : StandardCharsets.ISO_8859_1);
                }
            }
        }
        return text;
    }

    private static String escape(String s) {
        StringBuilder sb = new StringBuilder();
        s.codePoints().forEach(cp -> {
            if (cp < 0x20 && cp != '\n' || cp > 0x7e) {
                sb.append(String.format("\\u{%x}", cp));
            } else {
                sb.append((char) cp);
            }
        });
        return sb.toString();
    }
}
