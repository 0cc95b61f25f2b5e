package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.shell.ShellLex;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Variable expansion that also records which names were found and which were not, as BuildKit's
 * {@code ProcessWordWithMatches}: the checks about undefined variables and constant platforms read those sets.
 */
final class Expansions {
    private Expansions() {
    }

    /**
     * @param word      the expanded text (null when expansion failed)
     * @param matched   names looked up and set
     * @param unmatched names looked up and unset, in the order first met
     * @param error     the expansion error, or null
     */
    record Result(String word, List<String> words, Set<String> matched, Set<String> unmatched,
                  DockerfileException error) {
    }

    static Result process(ShellLex lex, String word, Map<String, String> env) {
        Set<String> matched = new LinkedHashSet<>();
        Set<String> unmatched = new LinkedHashSet<>();
        try {
            ShellLex.Expansion e = lex.process(word, name -> {
                String v = env.get(name);
                (v == null ? unmatched : matched).add(name);
                return v;
            });
            return new Result(e.word(), e.words(), matched, unmatched, null);
        } catch (DockerfileException ex) {
            return new Result(null, List.of(), matched, unmatched, ex);
        }
    }
}
