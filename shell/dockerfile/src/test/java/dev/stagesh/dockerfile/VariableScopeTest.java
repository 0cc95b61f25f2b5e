package dev.stagesh.dockerfile;

import dev.stagesh.dockerfile.instructions.Instruction;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class VariableScopeTest {
    private static final Platform AMD64 = Platform.parse("linux/amd64");
    private static final Platform ARM = Platform.parse("linux/arm64/v8");

    /** Applies every ENV/ARG of the stage; returns the scope as it is before the last instruction. */
    private static VariableScope run(Dockerfile df, BuildArgs args, String stage) {
        VariableScope scope = args.scope(Map.of("PATH", "/usr/bin"));
        var ins = df.stage(stage).instructions();
        for (int i = 0; i < ins.size() - 1; i++) {
            scope.apply(ins.get(i));
        }
        return scope;
    }

    private static Dockerfile df(String text) {
        return Dockerfile.parse(text, "Dockerfile");
    }

    @Test
    void globalArgIsInvisibleInStageUntilRedeclared() {
        Dockerfile df = df("ARG V=1\nFROM a\nRUN x\nFROM b AS two\nARG V\nRUN y\n");
        BuildArgs args = BuildArgs.defaults(df);
        assertThat(run(df, args, "0").env()).doesNotContainKey("V");
        assertThat(run(df, args, "two").env()).containsEntry("V", "1");
    }

    @Test
    void globalArgsExpandFromLines() {
        Dockerfile df = df("ARG TAG=3.19\nARG IMG=alpine:${TAG}\nFROM $IMG\n");
        BuildArgs args = BuildArgs.defaults(df);
        assertThat(args.expandFrom(df.stage("0")).image()).isEqualTo("alpine:3.19");
        BuildArgs overridden = BuildArgs.resolve(df, Map.of("TAG", "edge"), AMD64, AMD64, null);
        assertThat(overridden.expandFrom(df.stage("0")).image()).isEqualTo("alpine:edge");
    }

    @Test
    void buildArgOverrideBeatsDefaultAndGlobalAndIsNotExpanded() {
        Dockerfile df = df("ARG G=global\nFROM a\nARG G\nARG D=default\nARG R=x\nRUN x\n");
        BuildArgs args = BuildArgs.resolve(df, Map.of("G", "over", "D", "$HOME"), AMD64, AMD64, null);
        Map<String, String> env = run(df, args, "0").env();
        assertThat(env).containsEntry("G", "over").containsEntry("D", "$HOME").containsEntry("R", "x");
    }

    @Test
    void argWithoutValueStaysUnset() {
        Dockerfile df = df("FROM a\nARG NOVALUE\nRUN echo ${NOVALUE-unset}\n");
        VariableScope scope = run(df, BuildArgs.defaults(df), "0");
        assertThat(scope.env()).doesNotContainKey("NOVALUE");
        assertThat(scope.expander().expand("${NOVALUE-unset}")).isEqualTo("unset");
    }

    @Test
    void argDefaultIsExpandedWithEnvironmentAtThatPoint() {
        Dockerfile df = df("FROM a\nENV BASE=/opt\nARG DIR=$BASE/app\nENV BASE=/srv\nRUN x\n");
        assertThat(run(df, BuildArgs.defaults(df), "0").env()).containsEntry("DIR", "/opt/app");
    }

    @Test
    void envAfterArgOfSameNameWins() {
        Dockerfile df = df("FROM a\nARG V=arg\nENV V=env\nRUN echo $V\n");
        VariableScope scope = run(df, BuildArgs.resolve(df, Map.of("V", "cli"), AMD64, AMD64, null), "0");
        assertThat(scope.env()).containsEntry("V", "env");
        assertThat(scope.imageEnv()).containsEntry("V", "env");
    }

    @Test
    void argValuesNeverReachImageEnv() {
        Dockerfile df = df("FROM a\nARG SECRETISH=1\nENV PUBLIC=2\nRUN x\n");
        VariableScope scope = run(df, BuildArgs.defaults(df), "0");
        assertThat(scope.imageEnv()).containsOnlyKeys("PATH", "PUBLIC");
        assertThat(scope.runEnv()).containsKeys("PATH", "PUBLIC", "SECRETISH");
        assertThat(scope.stageArgs()).containsOnlyKeys("SECRETISH");
    }

    @Test
    void envPairsAreExpandedWithEnvironmentBeforeTheInstruction() {
        Dockerfile df = df("FROM a\nENV abc=hello\nENV abc=bye def=$abc\nRUN x\n");
        Map<String, String> env = run(df, BuildArgs.defaults(df), "0").env();
        assertThat(env).containsEntry("abc", "bye").containsEntry("def", "hello");
    }

    @Test
    void platformArgsAreGlobalAndNeedRedeclarationInStage() {
        Dockerfile df = df("FROM --platform=$BUILDPLATFORM a AS b\nARG TARGETARCH\nARG TARGETVARIANT\nRUN x\n");
        BuildArgs args = BuildArgs.resolve(df, Map.of(), ARM, AMD64, "b");
        assertThat(args.globals()).containsEntry("TARGETPLATFORM", "linux/arm64/v8")
                .containsEntry("BUILDPLATFORM", "linux/amd64").containsEntry("TARGETSTAGE", "b");
        assertThat(args.expandFrom(df.stage("b")).platform()).isEqualTo(AMD64);
        assertThat(run(df, args, "b").env()).containsEntry("TARGETARCH", "arm64")
                .containsEntry("TARGETVARIANT", "v8").doesNotContainKey("BUILDARCH");
    }

    @Test
    void proxyBuildArgsReachRunWithoutDeclarationButNotExpansion() {
        Dockerfile df = df("FROM a\nRUN echo $HTTP_PROXY\n");
        BuildArgs args = BuildArgs.resolve(df, Map.of("HTTP_PROXY", "http://p:3128", "no_proxy", "x", "OTHER", "1"),
                AMD64, AMD64, null);
        VariableScope scope = run(df, args, "0");
        assertThat(scope.runEnv()).containsEntry("HTTP_PROXY", "http://p:3128").containsEntry("no_proxy", "x")
                .doesNotContainKey("OTHER");
        assertThat(scope.env()).doesNotContainKey("HTTP_PROXY");
    }

    @Test
    void expandUsesTheScope() {
        Dockerfile df = df("FROM a\nARG D=/data\nWORKDIR ${D}/x\n");
        VariableScope scope = run(df, BuildArgs.defaults(df), "0");
        Instruction wd = df.stage("0").instructions().get(1);
        assertThat(scope.expand(wd)).isEqualTo(new Instruction.Workdir(wd.node(), "/data/x"));
    }

    @Test
    void expansionErrorsCarryThePosition() {
        Dockerfile df = df("FROM a\nWORKDIR ${D:?need D}\n");
        VariableScope scope = BuildArgs.defaults(df).scope(Map.of());
        Instruction wd = df.stage("0").instructions().get(0);
        try {
            scope.expand(wd);
            throw new AssertionError("expected failure");
        } catch (DockerfileException e) {
            assertThat(e.line()).isEqualTo(2);
            assertThat(e.getMessage()).contains("D: need D");
            assertThat(e.render()).startsWith("Dockerfile:2:1: ").contains("WORKDIR ${D:?need D}\n^");
        }
    }

    @Test
    void aStageFromAnotherInheritsItsArgsWithTheirValues() {
        Dockerfile df = df("FROM busybox AS first\nARG D=stage-default\nARG O=default\nENV E=env\nRUN x\n"
                + "FROM first AS second\nRUN y\n");
        BuildArgs args = BuildArgs.resolve(df, Map.of("O", "from-cli"), AMD64, AMD64, null);
        VariableScope first = run(df, args, "first");
        VariableScope second = first.inheritedBy(Map.of("PATH", "/usr/bin", "E", "env"));
        assertThat(second.env()).containsEntry("D", "stage-default").containsEntry("O", "from-cli")
                .containsEntry("E", "env");
        assertThat(second.stageArgs()).containsOnlyKeys("D", "O");
        // ARG values reach RUN and expansion, never the image config
        assertThat(second.imageEnv()).doesNotContainKeys("D", "O");
        // the base scope is copied, not shared
        second.apply(df("FROM a\nARG D=changed\n").stage("0").instructions().get(0));
        assertThat(first.env()).containsEntry("D", "stage-default");
    }

    @Test
    void anOnbuildEnvOfTheFromWinsOverTheInheritedValue() {
        Dockerfile df = df("FROM busybox AS first\nENV A=1\nARG B=2\nRUN x\n");
        VariableScope first = run(df, BuildArgs.defaults(df), "first");
        VariableScope second = first.inheritedBy(Map.of("PATH", "/usr/bin", "A", "from-onbuild"));
        assertThat(second.env()).containsEntry("A", "from-onbuild").containsEntry("B", "2");
        assertThat(second.imageEnv()).containsEntry("A", "from-onbuild");
    }
}
