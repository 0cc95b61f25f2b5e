package dev.stagesh.shell;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One progress line of an image pull about a single layer ({@code a1b2c3d4e5f6: Downloading ...}),
 * so a terminal can keep one line per layer instead of printing every update.
 *
 * @param finished the layer needs no more lines (complete, already there)
 */
record PullLine(String layer, String state, boolean finished) {
    private static final Pattern LAYER = Pattern.compile("([0-9a-f]{12}): (.+)");

    static Optional<PullLine> parse(String line) {
        Matcher m = LAYER.matcher(line);
        if (!m.matches()) {
            return Optional.empty();
        }
        String state = m.group(2);
        boolean finished = state.startsWith("Pull complete") || state.startsWith("Already exists");
        return Optional.of(new PullLine(m.group(1), state, finished));
    }
}
