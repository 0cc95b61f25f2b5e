package dev.stagesh.console;

import java.io.IOException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The process's own terminal, as JLine opens it. JLine's default build loads every terminal
 * provider it knows before it picks the first that works: Jansi's (absent), JNA's (which unpacks
 * and links its native library) and the exec one (which runs {@code test -t} in a new process),
 * although its JNI provider, tried first, works on every Linux and macOS JLine ships a library
 * for. That probe is a tenth of the way to the first prompt. So the JNI provider is asked alone,
 * and the default build, with every fallback, follows only where it cannot open the terminal.
 * The terminal's terminfo description, which JLine would run {@code infocmp} for, is handed to it
 * first when stagesh has it kept ({@link TerminalCapabilities}).
 */
public final class SystemTerminals {
    private SystemTerminals() {}

    /**
     * Opens the system terminal. {@code nativeSignals}: the terminal takes the process's signals
     * (Ctrl-C, window resizes) and hands them to its handlers, as the prompt needs.
     */
    public static Terminal open(boolean nativeSignals) throws IOException {
        TerminalCapabilities.standard().preload();
        try {
            return builder(nativeSignals).jni(true).ffm(false).jansi(false).jna(false).exec(false)
                    .dumb(false).build();
        } catch (IllegalStateException | IOException | UnsatisfiedLinkError noJni) {
            return builder(nativeSignals).build();
        }
    }

    private static TerminalBuilder builder(boolean nativeSignals) {
        return TerminalBuilder.builder().system(true).nativeSignals(nativeSignals);
    }
}
