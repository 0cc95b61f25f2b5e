package dev.stagesh.docker;

/**
 * The engine refused because of the object's state (HTTP 409): in use by another object, a
 * removal already in progress, a name taken.
 */
public final class EngineConflictException extends EngineException {
    public EngineConflictException(String message) {
        super(message);
    }
}
