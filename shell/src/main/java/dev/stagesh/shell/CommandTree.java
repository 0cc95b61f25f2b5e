package dev.stagesh.shell;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The in-shell commands as one picocli tree whose branches are built when first needed: picocli
 * reflects over a command's options to build its model, and doing so for all thirty of them
 * before the first prompt cost a tenth of a second a script of one command never used. A
 * command's name and aliases are read from its annotation alone, which costs next to nothing.
 * The prompt may build them all from a thread of its own while the first prompt shows, hence the
 * lock.
 */
final class CommandTree {
    private final CompletableFuture<CommandLine> root;
    private final CommandLine.IFactory factory;
    /** Every name and alias, in {@link ShellCommands#ALL} order, to its command. */
    private final Map<String, Class<?>> byName = new LinkedHashMap<>();
    private final Set<Class<?>> built = new HashSet<>();

    /** {@code root}: the root, which may still be being built on a thread of its own. */
    CommandTree(CompletableFuture<CommandLine> root, CommandLine.IFactory factory) {
        this.root = root;
        this.factory = factory;
        for (Class<?> c : ShellCommands.ALL) {
            Command command = c.getAnnotation(Command.class);
            byName.put(command.name(), c);
            for (String alias : command.aliases()) {
                byName.put(alias, c);
            }
        }
    }

    /** The root, with the command named {@code word} built; with all of them when the word names none or help. */
    synchronized CommandLine forWord(String word) {
        Class<?> c = byName.get(word);
        if (c == null || c == HelpCommand.class) {
            return complete(); // an unknown word gets the same answer as always; help describes them all
        }
        build(c);
        return root();
    }

    /** The root with every command built (completion, help). */
    synchronized CommandLine complete() {
        ShellCommands.ALL.forEach(this::build);
        return root();
    }

    private CommandLine root() {
        try {
            return root.join();
        } catch (CompletionException e) {
            throw new IllegalStateException("cannot build the commands: " + e.getCause().getMessage(), e.getCause());
        }
    }

    /** Every name a command can be typed by, aliases included, without building any command. */
    Set<String> names() {
        return new LinkedHashSet<>(byName.keySet());
    }

    /** The built commands in {@link ShellCommands#ALL} order, each once (not once per alias). */
    static List<CommandLine> inOrder(CommandLine root) {
        List<CommandLine> out = new ArrayList<>();
        for (Class<?> c : ShellCommands.ALL) {
            root.getSubcommands().values().stream().filter(cl -> cl.getCommand().getClass() == c)
                    .findFirst().ifPresent(out::add);
        }
        return out;
    }

    private void build(Class<?> c) {
        if (built.add(c)) {
            try {
                CommandLine sub = new CommandLine(factory.create(c), factory);
                // settings given to the root reach only the subcommands it had then
                sub.setCaseInsensitiveEnumValuesAllowed(root().isCaseInsensitiveEnumValuesAllowed());
                root().addSubcommand(sub);
            } catch (Exception e) {
                throw new IllegalStateException("cannot build the command " + c.getSimpleName() + ": " + e.getMessage(), e);
            }
        }
    }
}
