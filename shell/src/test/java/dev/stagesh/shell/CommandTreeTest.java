package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class CommandTreeTest {
    private final CommandLine root = new CommandLine(new ShellCommands());
    private final CommandTree tree = new CommandTree(CompletableFuture.completedFuture(root), CommandLine.defaultFactory());

    @Test
    void aCommandIsBuiltOnlyWhenItsNameOrAliasIsTyped() {
        assertThat(root.getSubcommands()).isEmpty();
        tree.forWord("ls");
        assertThat(root.getSubcommands()).containsOnlyKeys("ls");
        tree.forWord("?"); // help's alias: help describes every command, so all are built
        assertThat(root.getSubcommands().keySet()).containsAll(tree.names());
    }

    @Test
    void namesComeFromTheAnnotationsWithoutBuildingAnything() {
        assertThat(tree.names()).contains("ls", "next", "continue", "quit", "help", "?").hasSizeGreaterThan(ShellCommands.ALL.size() - 1);
        assertThat(root.getSubcommands()).isEmpty();
    }

    @Test
    void anUnknownWordBuildsEverythingSoTheAnswerIsTheUsualOne() {
        CommandLine r = tree.forWord("nosuch");
        assertThat(r.getSubcommands().keySet()).containsAll(tree.names());
    }

    @Test
    void helpListsInTheDeclaredOrderWhateverWasBuiltFirst() {
        tree.forWord("quit");
        tree.forWord("ls");
        List<String> order = CommandTree.inOrder(tree.complete()).stream().map(CommandLine::getCommandName).toList();
        assertThat(order).hasSize(ShellCommands.ALL.size()).startsWith("list", "stages", "next").endsWith("help", "quit");
    }

    @Test
    void buildingTwiceAddsOnce() {
        tree.forWord("ls");
        tree.forWord("ls");
        tree.complete();
        tree.complete();
        assertThat(CommandTree.inOrder(root)).hasSize(ShellCommands.ALL.size());
    }
}
