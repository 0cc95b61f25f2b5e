package dev.stagesh.engine;

import java.time.Duration;

/** What a finished step left: the snapshot, and how it went. */
public record StepOutcome(Snapshot snapshot, Duration took, boolean cached, boolean cmdSetInStage) {}
