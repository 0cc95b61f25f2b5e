package dev.stagesh.engine;

import java.time.Duration;

/** What a finished step left: the snapshot, the build arguments in scope, and how it went. */
public record StepOutcome(Snapshot snapshot, BuildVariables variables, Duration took, boolean cached,
                          boolean cmdSetInStage) {}
