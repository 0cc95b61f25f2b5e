package dev.stagesh.dockerfile.parser;

import java.util.ArrayList;
import java.util.List;

/** Builds the node for one logical line; ONBUILD nesting is unrolled iteratively so hostile input cannot recurse. */
final class NodeFactory {
    private NodeFactory() {
    }

    static Node fromLine(String line, char escape, List<String> comments) {
        List<CommandSplitter.Split> wrappers = new ArrayList<>();
        List<String> wrapperLines = new ArrayList<>();
        String current = line;
        CommandSplitter.Split split;
        while (true) {
            split = CommandSplitter.split(current, escape);
            if (!GoText.toLower(split.name()).equals("onbuild") || split.args().isEmpty()) {
                break;
            }
            wrappers.add(split);
            wrapperLines.add(current);
            current = split.args();
        }
        ArgumentParsers.Args args = ArgumentParsers.parse(GoText.toLower(split.name()), split.args(), escape);
        boolean outermost = wrappers.isEmpty();
        Node node = new Node(split.name(), current, split.flags(), args.values(), args.json(), 0, 0, 0, List.of(),
                null, outermost ? comments : List.of());
        for (int i = wrappers.size() - 1; i >= 0; i--) {
            CommandSplitter.Split w = wrappers.get(i);
            node = new Node(w.name(), wrapperLines.get(i), w.flags(), List.of(), false, 0, 0, 0, List.of(), node,
                    i == 0 ? comments : List.of());
        }
        return node;
    }

    /** RUN, COPY and ADD in shell form may open heredocs; so may ONBUILD wrapping one of them. */
    static boolean canContainHeredoc(Node node) {
        Node n = node;
        if (n.onbuildTrigger() != null && GoText.toLower(n.name()).equals("onbuild")) {
            n = n.onbuildTrigger();
        }
        String name = GoText.toLower(n.name());
        return (name.equals("run") || name.equals("copy") || name.equals("add")) && !n.jsonForm();
    }
}
