package dev.stagesh.shell;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The commands typed in {@code shell --keep}, read from the shell's history file, and the RUN
 * line they make. Leaving the shell is not part of the change, and neither are blank lines or
 * bash's timestamp lines.
 */
record ShellHistory(List<String> commands) {
    private static final Set<String> LEAVING = Set.of("exit", "logout");

    ShellHistory {
        commands = List.copyOf(commands);
    }

    static ShellHistory parse(String historyFile) {
        List<String> commands = new ArrayList<>();
        for (String line : historyFile.split("\n")) {
            String c = line.strip();
            if (c.isEmpty() || c.startsWith("#") || LEAVING.contains(c) || c.startsWith("exit ")) {
                continue;
            }
            commands.add(c);
        }
        return new ShellHistory(commands);
    }

    /** {@code RUN cmd1 && cmd2}: each runs only if the one before succeeded, as they did here. */
    Optional<String> runLine() {
        if (commands.isEmpty()) {
            return Optional.empty();
        }
        List<String> parts = new ArrayList<>();
        for (String c : commands) {
            // a command list of its own (a;b, a||b) must not bind to its neighbours' &&
            parts.add(needsGroup(c) ? "{ " + c + "; }" : c);
        }
        return Optional.of("RUN " + String.join(" && ", parts));
    }

    private static boolean needsGroup(String command) {
        return command.contains(";") || command.contains("||") || command.endsWith("&") && !command.endsWith("&&");
    }
}
