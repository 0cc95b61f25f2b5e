package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.Platform;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to check: the build as it would run ({@code --build-arg}s, {@code --target}, the platform built for) and the
 * outside facts some rules need.
 *
 * @param buildArgs      {@code --build-arg} values; {@code BUILDKIT_DOCKERFILE_CHECK} replaces {@code # check=}
 * @param target         the {@code --target} stage, or null for all stages (BuildKit then checks every stage)
 * @param targetPlatform the platform built for
 * @param images         base image facts
 * @param ignoreRules    the context's {@code .dockerignore}, empty when there is none or the context is unknown
 */
public record CheckOptions(Map<String, String> buildArgs, String target, Platform targetPlatform, BaseImages images,
                           Optional<IgnoreRules> ignoreRules) {
    public static final String CHECK_BUILD_ARG = "BUILDKIT_DOCKERFILE_CHECK";

    public CheckOptions {
        buildArgs = Map.copyOf(buildArgs);
        Objects.requireNonNull(targetPlatform, "targetPlatform");
        images = images == null ? BaseImages.NONE : images;
        ignoreRules = ignoreRules == null ? Optional.empty() : ignoreRules;
    }

    /** No build args, every stage, linux/amd64, no outside facts. */
    public static CheckOptions defaults() {
        return new CheckOptions(Map.of(), null, new Platform("linux", "amd64", ""), BaseImages.NONE,
                Optional.empty());
    }

    public CheckOptions withImages(BaseImages newImages) {
        return new CheckOptions(buildArgs, target, targetPlatform, newImages, ignoreRules);
    }

    public CheckOptions withIgnoreRules(IgnoreRules rules) {
        return new CheckOptions(buildArgs, target, targetPlatform, images, Optional.ofNullable(rules));
    }

    public CheckOptions withBuildArgs(Map<String, String> args) {
        return new CheckOptions(args, target, targetPlatform, images, ignoreRules);
    }

    public CheckOptions withTarget(String stage) {
        return new CheckOptions(buildArgs, stage, targetPlatform, images, ignoreRules);
    }
}
