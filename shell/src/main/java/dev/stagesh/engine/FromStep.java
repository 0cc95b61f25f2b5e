package dev.stagesh.engine;

import dev.stagesh.StageshException;
import dev.stagesh.docker.Engine;
import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.DockerfileException;
import dev.stagesh.dockerfile.instructions.Instruction;
import java.util.ArrayList;
import java.util.List;

/**
 * FROM: the stage starts from scratch, from an earlier stage's final snapshot, or from an image;
 * the stage or image was resolved (run, pulled) before this step. What it hands back includes the
 * base image's ONBUILD triggers, which run next as part of the FROM, as docker build runs them.
 */
final class FromStep {
    private final Engine engine;

    FromStep(Engine engine) {
        this.engine = engine;
    }

    /** The stage's starting state and the triggers still to run on it, in order. */
    record Base(StepOutcome outcome, List<Instruction> triggers) {}

    /** @param ref the FROM's image, expanded; {@code sources} holds it unless it is scratch */
    Base execute(Instruction.From from, String ref, StepSources sources) {
        long start = System.nanoTime();
        Snapshot base;
        List<String> triggers;
        if (ref.equalsIgnoreCase("scratch")) {
            String platform = engine.platform();
            String os = platform.substring(0, platform.indexOf('/'));
            String arch = platform.substring(platform.indexOf('/') + 1);
            String id = ScratchImage.ensure(engine, os, arch);
            base = new Snapshot(id, ImageConfig.scratch(os, arch), 1, List.of(), 0);
            triggers = List.of();
        } else {
            StepSources.Source source = sources.get(ref);
            if (source instanceof StepSources.StageSource stage) {
                Snapshot s = stage.snapshot();
                triggers = s.config().onBuild();
                base = new Snapshot(s.imageId(), s.config().withoutOnBuild(), s.inheritedHistory(), s.history(),
                        s.engineCommits());
            } else {
                StepSources.ImageSource image = (StepSources.ImageSource) source; // the only other kind
                triggers = image.info().onBuild();
                base = new Snapshot(image.imageId(), ImageConfig.of(image.info()).withoutOnBuild().withDefaultPath(),
                        engine.historyLength(image.imageId()), List.of(), 0);
            }
        }
        return new Base(new StepOutcome(base, StepExecutor.since(start), false, false), parse(from, triggers));
    }

    private static List<Instruction> parse(Instruction.From from, List<String> triggers) {
        List<Instruction> out = new ArrayList<>();
        for (String trigger : triggers) {
            try {
                out.add(Dockerfile.parse("FROM scratch\n" + trigger + "\n", "ONBUILD of " + from.image())
                        .stages().get(0).instructions().get(0));
            } catch (DockerfileException e) {
                throw new StageshException(StepExecutor.where(from) + ": the base image's trigger 'ONBUILD " + trigger
                        + "' does not parse: " + e.getMessage());
            }
        }
        return out;
    }
}
