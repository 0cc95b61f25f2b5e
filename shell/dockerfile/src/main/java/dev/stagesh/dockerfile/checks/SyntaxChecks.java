package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.instructions.ArgDecl;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.parser.GoText;
import dev.stagesh.dockerfile.parser.Node;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The checks that need only the syntax tree: those BuildKit runs while turning nodes into instructions
 * (MaintainerDeprecated, StageNameCasing, FromAsCasing, InvalidDefinitionDescription) and over the parsed stages
 * (ReservedStageName, DuplicateStageName, ConsistentInstructionCasing).
 */
final class SyntaxChecks {
    private static final Set<String> RESERVED = Set.of("context", "scratch");

    private SyntaxChecks() {
    }

    /** Before the node is parsed: BuildKit reports these even when parsing the instruction then fails. */
    static void beforeParse(Node node, Lint lint) {
        switch (node.keyword()) {
            case "MAINTAINER" -> lint.report(Rule.MAINTAINER_DEPRECATED, Lint.location(node),
                    "Maintainer instruction is deprecated in favor of using label");
            case "FROM" -> {
                List<String> args = node.args();
                if (args.size() == 3 && !args.get(2).equals(lower(args.get(2)))) {
                    lint.report(Rule.STAGE_NAME_CASING, Lint.location(node),
                            "Stage name '" + args.get(2) + "' should be lowercase");
                }
                if (!fromMatchesAs(node.name(), args)) {
                    lint.report(Rule.FROM_AS_CASING, Lint.location(node),
                            "'" + args.get(1) + "' and '" + node.name() + "' keywords' casing do not match");
                }
            }
            default -> {
            }
        }
    }

    /** After the node parsed into {@code ins}. */
    static void afterParse(Instruction ins, Lint lint) {
        if (ins instanceof Instruction.From f && f.stageName() != null) {
            definitionDescription("FROM", List.of(f.stageName()), ins.node(), lint);
        } else if (ins instanceof Instruction.Arg a) {
            definitionDescription("ARG", a.args().stream().map(ArgDecl::name).toList(), ins.node(), lint);
        }
    }

    private static boolean fromMatchesAs(String command, List<String> args) {
        if (args.size() < 3) {
            return true;
        }
        boolean lowerCmd = command.equals(lower(command));
        boolean upperCmd = command.equals(upper(command));
        if (!lowerCmd && !upperCmd) {
            // mixed case is ConsistentInstructionCasing's business
            return true;
        }
        return lowerCmd ? args.get(1).equals(lower(args.get(1))) : args.get(1).equals(upper(args.get(1)));
    }

    private static void definitionDescription(String instruction, List<String> keys, Node node, Lint lint) {
        List<String> comments = node.prevComments();
        if (comments.isEmpty() || keys.isEmpty()) {
            return;
        }
        String first = comments.get(comments.size() - 1).split(" ", -1)[0];
        if (keys.contains(first)) {
            return;
        }
        String example = keys.size() > 1 ? "<arg_key>" : keys.get(0);
        lint.report(Rule.INVALID_DEFINITION_DESCRIPTION, Lint.location(node),
                "Comment for " + instruction + " should follow the format: `# " + example + " <description>`");
    }

    static void stageNames(List<Stage> stages, Lint lint) {
        Set<String> seen = new HashSet<>();
        for (Stage s : stages) {
            if (s.name() == null) {
                continue;
            }
            List<LineRange> where = Lint.location(s.from().node());
            if (RESERVED.contains(s.name())) {
                lint.report(Rule.RESERVED_STAGE_NAME, where,
                        "Stage name should not use the same name as reserved stage " + GoText.quote(s.name()));
            }
            if (!seen.add(s.name())) {
                lint.report(Rule.DUPLICATE_STAGE_NAME, where,
                        "Duplicate stage name " + GoText.quote(s.name()) + ", stage names should be unique");
            }
        }
    }

    /** ConsistentInstructionCasing over the stages' instructions (ARGs before the first FROM are not counted). */
    static void commandCasing(List<Stage> stages, Lint lint) {
        List<Node> nodes = new ArrayList<>();
        for (Stage s : stages) {
            nodes.add(s.from().node());
            s.instructions().forEach(i -> nodes.add(i.node()));
        }
        int lowerCount = 0;
        int upperCount = 0;
        for (Node n : nodes) {
            String name = n.name();
            if (name.equals(lower(name))) {
                lowerCount++;
            } else if (name.equals(upper(name))) {
                upperCount++;
            }
        }
        boolean majorityLower = lowerCount > upperCount;
        for (Node n : nodes) {
            String name = n.name();
            String correct = null;
            if (majorityLower && !lower(name).equals(name)) {
                correct = "lowercase";
            } else if (!majorityLower && !upper(name).equals(name)) {
                correct = "uppercase";
            }
            if (correct != null) {
                lint.report(Rule.CONSISTENT_INSTRUCTION_CASING, Lint.location(n),
                        "Command '" + name + "' should match the case of the command majority (" + correct + ")");
            }
        }
    }

    static String lower(String s) {
        return GoText.toLower(s);
    }

    static String upper(String s) {
        return s.toUpperCase(Locale.ROOT);
    }
}
