package dev.stagesh.dap;

/** A recursive-descent parser of {@link Condition}'s grammar; errors name the 1-based column. */
final class ConditionParser {
    private final String text;
    private int pos;

    ConditionParser(String text) {
        this.text = text;
    }

    Condition parse() {
        Condition c = or();
        skipSpace();
        if (pos < text.length()) {
            throw error("unexpected '" + text.charAt(pos) + "'");
        }
        return c;
    }

    private Condition or() {
        Condition left = and();
        while (eat("||")) {
            left = new Condition.Or(left, and());
        }
        return left;
    }

    private Condition and() {
        Condition left = not();
        while (eat("&&")) {
            left = new Condition.And(left, not());
        }
        return left;
    }

    private Condition not() {
        skipSpace();
        if (peek("!=") || peek("!~")) {
            throw error("a comparison needs a left side");
        }
        if (eat("!")) {
            return new Condition.Not(not());
        }
        if (eat("(")) {
            Condition inner = or();
            if (!eat(")")) {
                throw error(pos >= text.length() ? "')' is missing" : "expected ')'");
            }
            return inner;
        }
        return comparison();
    }

    private Condition comparison() {
        Condition.Operand left = operand();
        skipSpace();
        int column = pos + 1;
        for (Condition.Op op : Condition.Op.values()) {
            if (eat(op.symbol)) {
                return Condition.Comparison.of(left, op, operand(), column);
            }
        }
        return left;
    }

    private Condition.Operand operand() {
        skipSpace();
        if (pos >= text.length()) {
            throw error("a name or a value is missing");
        }
        char c = text.charAt(pos);
        if (c == '"' || c == '\'') {
            return new Condition.Literal(quoted(c));
        }
        if (c == '$') {
            pos++;
            boolean braced = eat("{");
            String name = name();
            if (braced && !eat("}")) {
                throw error("'}' is missing");
            }
            return new Condition.Variable(name);
        }
        if (Character.isDigit(c) || c == '-' || c == '.') {
            int start = pos;
            while (pos < text.length() && isWordChar(text.charAt(pos))) {
                pos++;
            }
            return new Condition.Literal(text.substring(start, pos));
        }
        return new Condition.Variable(name());
    }

    private String name() {
        int start = pos;
        while (pos < text.length() && (Character.isLetterOrDigit(text.charAt(pos)) || text.charAt(pos) == '_')) {
            pos++;
        }
        if (start == pos || Character.isDigit(text.charAt(start))) {
            throw error(pos < text.length() ? "expected a variable name, found '" + text.charAt(pos) + "'"
                    : "a variable name is missing");
        }
        return text.substring(start, pos);
    }

    private String quoted(char quote) {
        int start = pos;
        pos++;
        StringBuilder out = new StringBuilder();
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return out.toString();
            }
            if (c == '\\' && pos < text.length()) {
                c = text.charAt(pos++);
            }
            out.append(c);
        }
        pos = start;
        throw error("the quoted text is not closed");
    }

    private static boolean isWordChar(char c) {
        return Character.isLetterOrDigit(c) || c == '.' || c == '-' || c == '_' || c == '+' || c == ':' || c == '/';
    }

    private boolean eat(String token) {
        skipSpace();
        if (peek(token)) {
            pos += token.length();
            return true;
        }
        return false;
    }

    private boolean peek(String token) {
        return text.startsWith(token, pos);
    }

    private void skipSpace() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private ConditionException error(String what) {
        return new ConditionException("condition '" + text + "', column " + (pos + 1) + ": " + what);
    }
}
