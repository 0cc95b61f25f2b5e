package dev.stagesh.dockerfile.parser;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagesh.dockerfile.Corpus;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Flags, JSON form, line numbers, heredocs, comments and warnings against the generated ast.json files. */
class AstCorpusTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    static Stream<Arguments> cases() {
        List<Arguments> out = new ArrayList<>();
        for (Path ast : Corpus.list("buildkit-parser-ast", Corpus.BUILDKIT_AST)) {
            String name = ast.getFileName().toString().replace(".ast.json", "");
            Path dir = ast.getParent().resolveSibling("buildkit-parser");
            Path df = name.equals("testfile-line") ? dir.resolve("testfile-line/Dockerfile")
                    : dir.resolve("testfiles").resolve(name).resolve("Dockerfile");
            out.add(Arguments.of(name, df, ast));
        }
        for (Path f : Corpus.list("real-world", Corpus.REAL_WORLD)) {
            out.add(Arguments.of(f.getFileName().toString(), f,
                    f.getParent().resolveSibling("real-world-expected").resolve(f.getFileName() + ".ast.json")));
        }
        return out.isEmpty() ? Stream.of(Arguments.of("corpus-absent", null, null)) : out.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void matchesAst(String name, Path dockerfile, Path astFile) throws IOException {
        if (dockerfile == null) {
            Corpus.require("buildkit-parser-ast");
        }
        JsonNode ast = JSON.readTree(astFile.toFile());
        ParsedFile parsed = DockerfileParser.parse(dockerfile);
        assertThat(String.valueOf(parsed.escapeToken())).isEqualTo(ast.get("escapeToken").asText());
        assertThat(parsed.warnings()).isEqualTo(strings(ast.get("warnings")));
        assertThat(parsed.startLine()).isEqualTo(ast.get("startLine").asInt());
        assertThat(parsed.endLine()).isEqualTo(ast.get("endLine").asInt());
        JsonNode children = ast.get("children");
        assertThat(parsed.instructions()).hasSize(children.size());
        for (int i = 0; i < children.size(); i++) {
            assertNode(parsed.instructions().get(i), children.get(i), name + "#" + i);
        }
    }

    private static void assertNode(Node node, JsonNode expected, String where) {
        assertThat(node.name()).as(where + " value").isEqualTo(expected.get("value").asText());
        assertThat(node.original()).as(where + " original").isEqualTo(expected.get("original").asText());
        assertThat(node.flags()).as(where + " flags").isEqualTo(strings(expected.get("flags")));
        assertThat(node.jsonForm()).as(where + " jsonForm").isEqualTo(expected.get("jsonForm").asBoolean());
        assertThat(node.startLine()).as(where + " startLine").isEqualTo(expected.get("startLine").asInt());
        assertThat(node.endLine()).as(where + " endLine").isEqualTo(expected.get("endLine").asInt());
        assertThat(node.args()).as(where + " args").isEqualTo(strings(expected.get("args")));
        assertThat(node.prevComments()).as(where + " prevComment").isEqualTo(strings(expected.get("prevComment")));
        JsonNode heredocs = expected.get("heredocs");
        assertThat(node.heredocs()).as(where + " heredocs").hasSize(heredocs.size());
        for (int i = 0; i < heredocs.size(); i++) {
            JsonNode h = heredocs.get(i);
            Heredoc actual = node.heredocs().get(i);
            assertThat(actual).as(where + " heredoc " + i).isEqualTo(new Heredoc(h.get("name").asText(),
                    h.get("content").asText(), h.get("expand").asBoolean(), h.get("chomp").asBoolean(),
                    h.get("fileDescriptor").asInt()));
        }
        JsonNode sub = expected.get("onbuildSub");
        if (sub == null) {
            assertThat(node.onbuildTrigger()).as(where + " onbuild").isNull();
        } else {
            assertThat(node.onbuildTrigger()).as(where + " onbuild").isNotNull();
            assertNode(node.onbuildTrigger(), sub, where + " onbuild");
        }
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
