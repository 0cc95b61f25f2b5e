package dev.stagesh.dockerfile;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The build args BuildKit writes before a RUN's command in the image history
 * ({@code dockerfile2llb.runCommandString}): {@code |N K=V ...}, every ARG the stage declared.
 */
class RunHistoryArgsTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");

    private static VariableScope before(String text, Map<String, String> overrides, String stage) {
        Dockerfile df = Dockerfile.parse(text, "Dockerfile");
        BuildArgs args = BuildArgs.resolve(df, overrides, AMD64, AMD64, null);
        VariableScope scope = args.scope(Map.of("PATH", "/usr/bin"));
        var ins = df.stage(stage).instructions();
        for (int i = 0; i < ins.size() - 1; i++) {
            scope.apply(ins.get(i));
        }
        return scope;
    }

    @Test
    void aRunWithABuildArgInScopeIsPrefixedWithItsCountAndValue() {
        assertThat(before("FROM a\nARG GREETING=hello\nRUN echo\n", Map.of("GREETING", "howdy"), "0")
                .historyArgsPrefix()).isEqualTo("|1 GREETING=howdy ");
    }

    @Test
    void everyDeclaredArgCountsInOrderWithEnvWinningAndNoValueEmpty() {
        String df = "ARG G=global\nFROM a\nARG B=2\nARG A\nARG G\nENV B=env\nARG B\nRUN echo\n";
        assertThat(before(df, Map.of(), "0").historyArgsPrefix()).isEqualTo("|3 B=env A= G=global ");
    }

    @Test
    void aStageWithoutArgsHasNoPrefix() {
        assertThat(before("ARG G=1\nFROM a\nENV X=1\nRUN echo\n", Map.of(), "0").historyArgsPrefix()).isEmpty();
    }

    @Test
    void anArgsHistoryNamesTheValueItTookAsDocker28sBuildKitWritesIt() {
        String df = "ARG G=global\nFROM a\nARG GREETING=hello\nARG EMPTY G\nARG B=${GREETING}-x C=$B\nRUN echo\n";
        Dockerfile parsed = Dockerfile.parse(df, "Dockerfile");
        BuildArgs args = BuildArgs.resolve(parsed, Map.of("GREETING", "howdy"), AMD64, AMD64, null);
        VariableScope scope = args.scope(Map.of());
        var ins = parsed.stage("0").instructions();
        List<String> history = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            history.add(scope.historyOf((dev.stagesh.dockerfile.instructions.Instruction.Arg) ins.get(i)));
            scope.apply(ins.get(i));
        }
        assertThat(history).containsExactly("ARG GREETING=howdy", "ARG EMPTY G=global", "ARG B=howdy-x C=howdy-x");
    }
}
