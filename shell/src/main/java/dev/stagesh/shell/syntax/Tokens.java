package dev.stagesh.shell.syntax;

import java.util.ArrayList;
import java.util.List;

/** Collects the tokens of one line, merging neighbours of the same kind so spans stay whole. */
final class Tokens {
    private final List<Token> tokens = new ArrayList<>();

    void add(Token.Kind kind, String text) {
        if (text.isEmpty()) {
            return;
        }
        int last = tokens.size() - 1;
        if (last >= 0 && tokens.get(last).kind() == kind) {
            tokens.set(last, new Token(kind, tokens.get(last).text() + text));
        } else {
            tokens.add(new Token(kind, text));
        }
    }

    void add(Token.Kind kind, char c) {
        add(kind, String.valueOf(c));
    }

    List<Token> list() {
        return List.copyOf(tokens);
    }
}
