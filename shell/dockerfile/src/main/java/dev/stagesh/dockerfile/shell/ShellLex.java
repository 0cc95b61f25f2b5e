package dev.stagesh.dockerfile.shell;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.parser.GoText;

import java.util.List;
import java.util.function.Function;

/**
 * Variable expansion and word splitting with the semantics of BuildKit's {@code shell.Lex}: {@code $VAR},
 * {@code ${VAR}}, {@code ${VAR:-w}}, {@code ${VAR-w}}, {@code ${VAR:+w}}, {@code ${VAR+w}}, {@code ${VAR:?m}},
 * {@code ${VAR?m}}, {@code ${VAR#p}}, {@code ${VAR##p}}, {@code ${VAR%p}}, {@code ${VAR%%p}}, {@code ${VAR/p/r}},
 * {@code ${VAR//p/r}}, the escape token, single and double quotes. Positional and special parameters ({@code $1},
 * {@code $@}, ...) are never set.
 *
 * <p>Instances are immutable and thread-safe; each call keeps its state in a private cursor.
 */
public final class ShellLex {
    private final int escapeToken;
    private final Mode mode;

    /**
     * Lexer options BuildKit uses internally (heredoc detection keeps quotes and escapes and leaves unset variables
     * alone). The public constructor gives the normal mode used for instruction expansion.
     */
    public record Mode(boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv, boolean skipProcessQuotes) {
        public static final Mode NORMAL = new Mode(false, false, false, false);

        public Mode(boolean rawQuotes, boolean rawEscapes, boolean skipUnsetEnv) {
            this(rawQuotes, rawEscapes, skipUnsetEnv, false);
        }
    }

    /** Result of one expansion: the word as one string, and the same text split into words. */
    public record Expansion(String word, List<String> words) {
    }

    public ShellLex(char escapeToken) {
        this(escapeToken, Mode.NORMAL);
    }

    public ShellLex(char escapeToken, Mode mode) {
        this.escapeToken = escapeToken;
        this.mode = mode;
    }

    public char escapeToken() {
        return (char) escapeToken;
    }

    /**
     * Expands {@code word} and removes quotes, keeping spaces between words (BuildKit's {@code ProcessWord}).
     *
     * @param env variable lookup; returns null for an unset variable. A null function means no variables at all.
     * @throws DockerfileException on a syntax error or a failed {@code ${VAR?msg}}
     */
    public String processWord(String word, Function<String, String> env) {
        return process(word, env).word();
    }

    /** Expands {@code word} and splits the result into words on unquoted white space (BuildKit's ProcessWords). */
    public List<String> processWords(String word, Function<String, String> env) {
        return process(word, env).words();
    }

    /** Both forms at once. */
    public Expansion process(String word, Function<String, String> env) {
        Function<String, String> lookup = env == null ? name -> null : env;
        try {
            return new WordScanner(word, escapeToken, mode, lookup).run();
        } catch (ShellSyntaxError e) {
            throw new DockerfileException("failed to process " + GoText.quote(word) + ": " + e.getMessage());
        }
    }
}
