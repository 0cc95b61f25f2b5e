package dev.stagesh.shell.syntax;

import java.util.List;
import org.jline.utils.AttributedString;
import org.jline.utils.AttributedStringBuilder;
import org.jline.utils.AttributedStyle;

/**
 * The colours of each kind of token. Only the 8 basic colours (and bold/faint) are used, so
 * the user's terminal theme decides how they look, as it does for ls and grep.
 */
public final class Palette {
    private final boolean colour;

    /** With {@code colour} false every token is plain text: the same characters, no styles. */
    public Palette(boolean colour) {
        this.colour = colour;
    }

    public static AttributedStyle style(Token.Kind kind) {
        AttributedStyle s = AttributedStyle.DEFAULT;
        return switch (kind) {
            case PLAIN -> s;
            case KEYWORD -> s.bold().foreground(AttributedStyle.BLUE);
            case FLAG -> s.foreground(AttributedStyle.CYAN);
            case STRING -> s.foreground(AttributedStyle.GREEN);
            case VARIABLE -> s.foreground(AttributedStyle.MAGENTA);
            case COMMENT -> s.faint().italic();
            case HEREDOC_DELIMITER -> s.bold().foreground(AttributedStyle.YELLOW);
            case HEREDOC_BODY -> s.foreground(AttributedStyle.YELLOW);
            case UNKNOWN -> s.foreground(AttributedStyle.RED);
        };
    }

    public AttributedString render(List<Token> tokens) {
        AttributedStringBuilder b = new AttributedStringBuilder();
        append(b, tokens);
        return b.toAttributedString();
    }

    public void append(AttributedStringBuilder b, List<Token> tokens) {
        for (Token t : tokens) {
            b.styled(colour ? style(t.kind()) : AttributedStyle.DEFAULT, t.text());
        }
    }

    /** A piece of text in a given style (the step marks), plain without colour. */
    public void append(AttributedStringBuilder b, String text, AttributedStyle style) {
        b.styled(colour ? style : AttributedStyle.DEFAULT, text);
    }

    public boolean colour() {
        return colour;
    }
}
