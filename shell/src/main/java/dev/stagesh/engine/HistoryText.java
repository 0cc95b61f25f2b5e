package dev.stagesh.engine;

import dev.stagesh.dockerfile.instructions.GoDuration;
import dev.stagesh.dockerfile.instructions.KeyValue;
import dev.stagesh.dockerfile.parser.GoText;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The {@code created_by} text of a history entry as Docker 28's BuildKit writes it (its
 * {@code dockerfile2llb} dispatchers): not the instruction as written, but Go's rendering of what
 * the instruction set ({@code fmt}'s {@code %v} of a list is {@code [a b]}, {@code %q} is
 * {@code ["a" "b"]}), after expansion. Pure text: the steps hand in the values they computed.
 */
final class HistoryText {
    private HistoryText() {
    }

    /** What a COPY or ADD entry names: the flags BuildKit writes (no {@code --from}, {@code --link}, {@code --exclude}). */
    record CopyLine(String keyword, boolean parents, String chown, String chmod, List<String> fileSources,
                    List<String> heredocNames, String dest) {
        CopyLine {
            fileSources = List.copyOf(fileSources);
            heredocNames = List.copyOf(heredocNames);
        }
    }

    /**
     * {@code COPY [--parents] [--chown=X] [--chmod=Y] SRC... [<<NAME...] DEST # buildkit}, the flag
     * values expanded: file sources first, then each heredoc by its name, as BuildKit lists them.
     */
    static String copy(CopyLine c) {
        StringBuilder s = new StringBuilder(c.keyword());
        if (c.parents()) {
            s.append(" --parents");
        }
        if (c.chown() != null && !c.chown().isEmpty()) {
            s.append(" --chown=").append(c.chown());
        }
        if (c.chmod() != null && !c.chmod().isEmpty()) {
            s.append(" --chmod=").append(c.chmod());
        }
        c.fileSources().forEach(src -> s.append(' ').append(src));
        c.heredocNames().forEach(name -> s.append(" <<").append(name));
        return s.append(' ').append(c.dest()).append(" # buildkit").toString();
    }

    /** {@code ENV k=v ...} or {@code LABEL k=v ...}: each pair as {@code key=value}, unquoted, expanded. */
    static String pairs(String keyword, List<KeyValue> pairs) {
        return keyword + pairs.stream().map(kv -> " " + kv.key() + "=" + kv.value()).collect(Collectors.joining());
    }

    /** {@code CMD ["a" "b"]}, {@code ENTRYPOINT [...]}: Go's {@code %q} of the argv (shell form with the shell). */
    static String quotedList(String keyword, List<String> args) {
        return keyword + " " + goQuoted(args);
    }

    /** {@code VOLUME [/a /b]}, {@code SHELL [/bin/sh -c]}, {@code EXPOSE [80/tcp]}: Go's {@code %v} of a list. */
    static String plainList(String keyword, List<String> items) {
        return keyword + " [" + String.join(" ", items) + "]";
    }

    /** {@code USER x}, {@code STOPSIGNAL x}, {@code MAINTAINER x}: Go's {@code %v} of one string. */
    static String word(String keyword, String value) {
        return keyword + " " + value;
    }

    /**
     * {@code HEALTHCHECK &{["CMD-SHELL" "cmd"] "30s" "5s" "10s" "0s" '\x03'}}: Go's {@code %q} of the
     * config's struct pointer: the test, the four durations (0s when unset) and the retries as a rune.
     */
    static String healthcheck(ImageConfig.Healthcheck h) {
        return "HEALTHCHECK &{" + goQuoted(h.test()) + " " + duration(h.interval()) + " " + duration(h.timeout())
                + " " + duration(h.startPeriod()) + " " + duration(h.startInterval()) + " "
                + GoText.quoteRune(h.retries() == null ? 0 : h.retries()) + "}";
    }

    private static String duration(Long nanos) {
        return GoText.quote(GoDuration.format(Duration.ofNanos(nanos == null ? 0 : nanos)));
    }

    private static String goQuoted(List<String> items) {
        return items.stream().map(GoText::quote).collect(Collectors.joining(" ", "[", "]"));
    }
}
