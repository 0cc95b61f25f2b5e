package dev.stagesh.shell.syntax;

import org.jline.reader.Highlighter;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;

/** Colours the line being typed at the prompt, with the same palette as {@code list}. */
public final class InputHighlighter implements Highlighter {
    private final CommandLexer lexer;
    private final Palette palette;

    public InputHighlighter(CommandLexer lexer, Palette palette) {
        this.lexer = lexer;
        this.palette = palette;
    }

    @Override
    public AttributedString highlight(LineReader reader, String buffer) {
        return palette.render(lexer.tokens(buffer));
    }
}
