package dev.stagesh.engine;

import java.util.Optional;

/** How a step reaches other stages: FROM a previous stage and COPY --from build them first. */
interface StageResolver {
    /** The stage a reference names (name, case-insensitive, or index), if it names one before {@code before}. */
    Optional<StageRun> stage(String reference, int before);

    /** The stage's final snapshot, running it to its end first if needed. */
    Snapshot finished(StageRun stage);
}
