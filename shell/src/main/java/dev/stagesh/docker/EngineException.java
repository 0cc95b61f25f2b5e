package dev.stagesh.docker;

import dev.stagesh.StageshException;

/** The engine refused or failed an operation; the message carries the engine's own words. */
public final class EngineException extends StageshException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }
}
