package dev.stagesh.docker;

import dev.stagesh.StageshException;

/** No Docker engine answers where we looked; the message names the place and how to fix it. */
public final class EngineUnavailableException extends StageshException {
    public EngineUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
