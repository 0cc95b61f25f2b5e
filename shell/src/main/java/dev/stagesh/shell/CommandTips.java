package dev.stagesh.shell;

import java.util.List;
import java.util.function.Function;
import org.jline.console.CmdDesc;
import org.jline.console.CmdLine;
import org.jline.reader.LineReader;
import org.jline.utils.AttributedString;
import org.jline.widget.TailTipWidgets;

/**
 * JLine's TailTip widgets: while a command is typed, its synopsis and description (from the
 * command registry, {@link PromptCommands}) under the line. Their lines go to the
 * {@link ScreenFoot}, which draws them above the status line on the terminal's one shared status,
 * instead of straight onto it. No border (the status line under them is the boundary), and no
 * inline suggestion: with one, every key would run the completer, whose paths are read from the
 * engine.
 */
final class CommandTips extends TailTipWidgets {
    /** Rows of description at most: a synopsis and a few lines of what the command does. */
    static final int ROWS = 3;

    private final ScreenFoot foot;

    CommandTips(LineReader reader, Function<CmdLine, CmdDesc> descriptions, ScreenFoot foot) {
        super(reader, descriptions, ROWS, TipType.COMPLETER);
        this.foot = foot;
    }

    @Override
    public void setDescription(List<AttributedString> desc) {
        foot.description(desc);
    }

    @Override
    public void destroyDescription() {
        setDescription(List.of());
    }

    @Override
    public void initDescription() {
        setDescription(List.of()); // the shared status's border stays off
    }

    /**
     * The foot grows before the completion, not in the middle of it; its menu may be drawn over
     * the foot, which the next key draws again.
     */
    @Override
    public boolean tailtipComplete() {
        foot.reserve();
        boolean done = super.tailtipComplete();
        foot.menuShown();
        return done;
    }

    @Override
    public void setSuggestionType(LineReader.SuggestionType type) {
        super.setSuggestionType(LineReader.SuggestionType.NONE);
    }
}
