package dev.stagesh.docker;

import java.util.function.Consumer;
import java.util.function.IntSupplier;

/**
 * What every exec with a terminal does the same way whatever carries its bytes: a resize and the
 * exit code are calls of their own on the exec ({@code /exec/ID/resize}, {@code /exec/ID/json}).
 */
abstract class ExecTty implements TtyProcess {
    private final Consumer<TerminalSize> resize;
    private final IntSupplier exitCode;

    ExecTty(Consumer<TerminalSize> resize, IntSupplier exitCode) {
        this.resize = resize;
        this.exitCode = exitCode;
    }

    @Override
    public final void resize(TerminalSize size) {
        resize.accept(size);
    }

    @Override
    public final int exitCode() {
        return exitCode.getAsInt();
    }
}
