package dev.stagesh.engine;

import dev.stagesh.StageshException;
import java.util.Map;

/**
 * What a step reads besides its own snapshot, resolved before it runs (as BuildKit's dispatcher
 * resolves every source of an instruction before converting it): the stage a FROM, a
 * {@code COPY --from} or a {@code RUN --mount from=} names, finished, or the image it names,
 * present on the engine. Keyed by the reference as the step writes it (expanded).
 */
record StepSources(Map<String, Source> byReference) {
    static final StepSources NONE = new StepSources(Map.of());

    StepSources {
        byReference = Map.copyOf(byReference);
    }

    /** One source: a stage's final snapshot or an image of the engine. */
    sealed interface Source {
        /** The engine's image holding the source's files; it goes into the step's cache key. */
        String imageId();
    }

    /** A stage of the Dockerfile, run to its end. */
    record StageSource(int stageIndex, Snapshot snapshot) implements Source {
        @Override
        public String imageId() {
            return snapshot.imageId();
        }
    }

    /** An image the engine holds (pulled if it had to be). */
    record ImageSource(String reference, dev.stagesh.docker.ImageInfo info) implements Source {
        @Override
        public String imageId() {
            return info.id();
        }
    }

    /** The source a reference names; every reference of the step was resolved before it ran. */
    Source get(String reference) {
        Source s = byReference.get(reference);
        if (s == null) {
            throw new StageshException("internal error: source " + reference + " was not resolved before the step");
        }
        return s;
    }
}
