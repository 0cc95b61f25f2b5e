package dev.stagesh.engine;

import dev.stagesh.dockerfile.instructions.WordExpander;
import dev.stagesh.dockerfile.shell.ShellLex;
import java.util.List;
import java.util.function.Function;

/** A word expander over the variables in scope at a step. */
final class Expanders {
    private Expanders() {}

    static WordExpander of(ShellLex lex, Function<String, String> lookup) {
        return new WordExpander() {
            @Override
            public String expand(String word) {
                return lex.processWord(word, lookup);
            }

            @Override
            public List<String> expandWords(String word) {
                return lex.processWords(word, lookup);
            }
        };
    }
}
