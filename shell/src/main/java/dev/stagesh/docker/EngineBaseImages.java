package dev.stagesh.docker;

import dev.stagesh.StageshException;
import dev.stagesh.dockerfile.Platform;
import dev.stagesh.dockerfile.checks.BaseImages;

import java.util.List;
import java.util.Optional;

/**
 * Base image facts for the build checks from the engine's local images: nothing is pulled, and an image the engine
 * does not have (or an engine that fails to answer) leaves the checks that need it silent.
 */
public final class EngineBaseImages implements BaseImages {
    private final Engine engine;

    public EngineBaseImages(Engine engine) {
        this.engine = engine;
    }

    @Override
    public Optional<Image> lookup(String reference, Platform platform) {
        try {
            return engine.inspectImage(reference).map(i -> new Image(
                    new Platform(i.os() == null || i.os().isEmpty() ? "linux" : i.os(),
                            i.architecture() == null || i.architecture().isEmpty() ? platform.architecture()
                                    : i.architecture(), ""),
                    i.env() == null ? List.of() : i.env(), i.shell() == null ? List.of() : i.shell()));
        } catch (StageshException e) {
            return Optional.empty();
        }
    }
}
