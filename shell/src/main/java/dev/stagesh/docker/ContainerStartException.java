package dev.stagesh.docker;

/**
 * The engine created a container but could not start its process (an unknown USER, a missing
 * executable, a network store not ready after a restart): the command never ran.
 *
 * @see #reason() the engine's own words, without the "start container" prefix of the message
 */
public final class ContainerStartException extends EngineException {
    private final String reason;

    public ContainerStartException(String reason) {
        super("start container: " + reason);
        this.reason = reason;
    }

    public String reason() {
        return reason;
    }
}
