package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.docker.Engine;
import dev.stagesh.docker.ImageInfo;

/** Images a step reads (its FROM, a {@code --from} naming no stage): on the engine, pulled if they must be. */
final class ImageSources {
    private final Engine engine;
    private final StepListener listener;

    ImageSources(Engine engine, StepListener listener) {
        this.engine = engine;
        this.listener = listener;
    }

    /**
     * The image, pulled first when the engine lacks it.
     *
     * @param missing what to say, after "line N: KEYWORD: ", when it can be neither found nor pulled
     */
    ImageInfo ensure(String reference, String where, String missing) {
        var local = engine.inspectImage(reference);
        if (local.isPresent()) {
            return local.get();
        }
        listener.pullStarted(reference);
        try {
            engine.pull(reference, listener::progress);
        } catch (StageshException e) {
            throw new StageshException(where + ": " + missing + " (" + e.getMessage() + ")");
        } finally {
            listener.pullEnded(reference);
        }
        return engine.inspectImage(reference).orElseThrow(() ->
                new StageshException(where + ": " + reference + " is missing after the pull"));
    }
}
