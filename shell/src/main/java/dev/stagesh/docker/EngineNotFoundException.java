package dev.stagesh.docker;

/** The engine has no such object (image, container, volume, path): HTTP 404. */
public final class EngineNotFoundException extends EngineException {
    public EngineNotFoundException(String message) {
        super(message);
    }
}
