package dev.stagesh.dockerfile.instructions;

import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.parser.DockerfileParser;
import dev.stagesh.dockerfile.parser.Heredoc;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** COPY/ADD sources written as {@code <<EOF}: inline files whose bodies are the instruction's heredocs. */
final class SourceHeredocs {
    private SourceHeredocs() {
    }

    static Optional<Heredoc> lookup(String source, List<Heredoc> heredocs) {
        Heredoc opener;
        try {
            opener = DockerfileParser.heredocWord(source);
        } catch (DockerfileException e) {
            return Optional.empty();
        }
        if (opener == null) {
            return Optional.empty();
        }
        return heredocs.stream().filter(h -> h.name().equals(opener.name())).reduce((a, b) -> b);
    }

    static boolean isHeredoc(String source) {
        try {
            return DockerfileParser.heredocWord(source) != null;
        } catch (DockerfileException e) {
            return false;
        }
    }

    /** Paths are expanded; heredoc sources are not (their bodies expand at copy time when {@code expand}). */
    static List<String> expandSources(List<String> sources, WordExpander e) {
        List<String> out = new ArrayList<>(sources.size());
        for (String s : sources) {
            out.add(isHeredoc(s) ? s : e.expand(s));
        }
        return out;
    }
}
