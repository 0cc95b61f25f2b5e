package dev.stagesh.dap;

import java.util.Map;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A breakpoint's condition over the variables a step sees (its ENV and ARG values). The grammar:
 *
 * <pre>
 * condition  := or
 * or         := and ( "||" and )*
 * and        := not ( "&amp;&amp;" not )*
 * not        := "!" not | "(" or ")" | comparison
 * comparison := operand [ op operand ]        op: == != =~ !~ &lt; &lt;= &gt; &gt;=
 * operand    := NAME | $NAME | ${NAME} | "text" | 'text' | a word starting with a digit (1.2, 8080)
 * </pre>
 *
 * A NAME is a variable; an unset one reads as the empty string. An operand alone is true when it
 * is not empty ({@code DEBUG}: the variable is set to something). {@code =~} is a regular
 * expression search; {@code <}, {@code >} and their {@code =} forms compare as numbers when both
 * sides are numbers, else as text. Backslash escapes a quote inside a quoted text.
 */
public sealed interface Condition {
    boolean test(Map<String, String> vars);

    /** Parses a condition; a blank one is always true. */
    static Condition parse(String text) {
        if (text == null || text.isBlank()) {
            return new Literal("true");
        }
        return new ConditionParser(text).parse();
    }

    /** An operand: a variable or a literal text. */
    sealed interface Operand extends Condition {
        String value(Map<String, String> vars);

        @Override
        default boolean test(Map<String, String> vars) {
            return !value(vars).isEmpty();
        }
    }

    record Variable(String name) implements Operand {
        public String value(Map<String, String> vars) {
            return vars.getOrDefault(name, "");
        }
    }

    record Literal(String text) implements Operand {
        public String value(Map<String, String> vars) {
            return text;
        }
    }

    enum Op {
        EQ("=="), NE("!="), MATCH("=~"), NOT_MATCH("!~"), LE("<="), LT("<"), GE(">="), GT(">");

        final String symbol;

        Op(String symbol) {
            this.symbol = symbol;
        }
    }

    record Comparison(Operand left, Op op, Operand right, Pattern pattern) implements Condition {
        public Comparison {
            if ((op == Op.MATCH || op == Op.NOT_MATCH) && pattern == null) {
                throw new IllegalArgumentException("a match needs its pattern");
            }
        }

        static Comparison of(Operand left, Op op, Operand right, int column) {
            Pattern p = null;
            if (op == Op.MATCH || op == Op.NOT_MATCH) {
                if (!(right instanceof Literal l)) {
                    throw new ConditionException("column " + column + ": the right side of " + op.symbol
                            + " must be a quoted regular expression");
                }
                try {
                    p = Pattern.compile(l.text());
                } catch (PatternSyntaxException e) {
                    throw new ConditionException("column " + column + ": bad regular expression: " + e.getDescription());
                }
            }
            return new Comparison(left, op, right, p);
        }

        @Override
        public boolean test(Map<String, String> vars) {
            String a = left.value(vars);
            String b = right.value(vars);
            return switch (op) {
                case EQ -> a.equals(b);
                case NE -> !a.equals(b);
                case MATCH -> pattern.matcher(a).find();
                case NOT_MATCH -> !pattern.matcher(a).find();
                case LT -> compare(a, b) < 0;
                case LE -> compare(a, b) <= 0;
                case GT -> compare(a, b) > 0;
                case GE -> compare(a, b) >= 0;
            };
        }

        private static int compare(String a, String b) {
            try {
                return Double.compare(Double.parseDouble(a), Double.parseDouble(b));
            } catch (NumberFormatException e) {
                return a.compareTo(b);
            }
        }
    }

    record Not(Condition inner) implements Condition {
        public boolean test(Map<String, String> vars) {
            return !inner.test(vars);
        }
    }

    record And(Condition left, Condition right) implements Condition {
        public boolean test(Map<String, String> vars) {
            return left.test(vars) && right.test(vars);
        }
    }

    record Or(Condition left, Condition right) implements Condition {
        public boolean test(Map<String, String> vars) {
            return left.test(vars) || right.test(vars);
        }
    }
}
