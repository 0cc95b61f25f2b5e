package dev.stagesh.docker;

import dev.stagesh.StageshException;

/**
 * The engine refused or failed an operation; the message carries the engine's own words. What
 * went wrong is told by the type, never by the text: {@link EngineNotFoundException},
 * {@link EngineConflictException}, {@link ContainerStartException},
 * {@link UnsupportedEngineFeatureException}, or this class itself for anything else.
 */
public sealed class EngineException extends StageshException
        permits EngineNotFoundException, EngineConflictException, ContainerStartException,
        UnsupportedEngineFeatureException {
    public EngineException(String message) {
        super(message);
    }

    public EngineException(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The exception for an engine answer that failed with {@code status}: 404 and 409 have types
     * of their own, since callers act on them (gone already; in use, or being removed).
     */
    static EngineException forStatus(int status, String message) {
        return switch (status) {
            case 404 -> new EngineNotFoundException(message);
            case 409 -> new EngineConflictException(message);
            default -> new EngineException(message);
        };
    }
}
