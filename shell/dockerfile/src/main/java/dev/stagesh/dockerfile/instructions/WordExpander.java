package dev.stagesh.dockerfile.instructions;

import java.util.List;

/**
 * Expands variables in one word with the environment of the current build step. The engine usually builds one from
 * {@link dev.stagesh.dockerfile.shell.ShellLex} and a {@link dev.stagesh.dockerfile.VariableScope}; see
 * {@link dev.stagesh.dockerfile.VariableScope#expander(char)}.
 */
public interface WordExpander {
    /** BuildKit's ProcessWord: quotes removed, variables substituted, result is one string. */
    String expand(String word);

    /** BuildKit's ProcessWords: as {@link #expand} but split into words on unquoted white space. */
    List<String> expandWords(String word);
}
