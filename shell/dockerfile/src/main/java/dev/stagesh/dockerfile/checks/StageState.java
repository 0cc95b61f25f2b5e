package dev.stagesh.dockerfile.checks;

import dev.stagesh.dockerfile.Platform;
import dev.stagesh.dockerfile.Stage;
import dev.stagesh.dockerfile.parser.Node;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What BuildKit's dispatcher knows of one stage while checking it: the environment (base image env, ENV and ARG
 * values, in BuildKit's key order), the declared ARGs, the shell, whether a WORKDIR was set, where CMD, ENTRYPOINT
 * and HEALTHCHECK were last seen. Mutable; one per stage and check run.
 */
final class StageState {
    final Stage stage;
    /** The base image name after ARG expansion. */
    final String baseName;
    final Platform platformFlag;
    /** The earlier stage this one is built FROM, or null. */
    final StageState base;
    final Map<String, String> env = new LinkedHashMap<>();
    final List<String> buildArgs = new ArrayList<>();
    /** This stage's ONBUILD instructions: a stage FROM this one runs their triggers first. */
    final List<Node> onbuildTriggers = new ArrayList<>();
    List<String> shell = List.of();
    Platform platform;
    boolean workdirSet;
    boolean dispatched;
    List<LineRange> lastCmd;
    List<LineRange> lastEntrypoint;
    List<LineRange> lastHealthcheck;

    StageState(Stage stage, String baseName, Platform platformFlag, StageState base) {
        this.stage = stage;
        this.baseName = baseName;
        this.platformFlag = platformFlag;
        this.base = base;
    }

    /** As BuildKit names a stage in messages: its name, or {@code stage-N}. */
    String displayName() {
        return stage.name() != null ? stage.name() : "stage-" + stage.index();
    }

    /** Sets {@code key}, moving it to the end of the key order as BuildKit's env list does. */
    void setEnv(String key, String value) {
        env.remove(key);
        env.put(key, value);
    }
}
