package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.Platform;

import java.util.List;
import java.util.Optional;

/**
 * What the checks need to know about a base image, from whoever can look (the shell asks the engine). Used by
 * InvalidBaseImagePlatform and for the environment that UndefinedVar checks against.
 */
public interface BaseImages {
    /** No image is known: the platform rule says nothing and a stage starts with only the default PATH. */
    BaseImages NONE = (reference, platform) -> Optional.empty();

    /**
     * The config of {@code reference} (as written in FROM, after ARG expansion) if it is at hand.
     *
     * @param platform the platform the stage is built for
     */
    Optional<Image> lookup(String reference, Platform platform);

    /**
     * @param platform the image's own platform
     * @param env      its {@code Config.Env}, {@code K=V} each
     * @param shell    its {@code Config.Shell}, empty when unset
     */
    record Image(Platform platform, List<String> env, List<String> shell) {
        public Image {
            env = List.copyOf(env);
            shell = List.copyOf(shell);
        }
    }
}
