package dev.stagesh.json;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Held to databind: the same trees as {@code ObjectMapper.readTree}, the same text as its writers. */
class JsonTreesTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final ObjectMapper INDENTED = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @ParameterizedTest
    @ValueSource(strings = {
            "{}", "[]", "null", "true", "false", "0", "-1", "\"\"",
            "2147483647", "2147483648", "-2147483649", "9223372036854775807", "9223372036854775808",
            "-9223372036854775809", "123456789012345678901234567890",
            "1.5", "-0.0", "1e3", "1E-7", "6.02214076e23", "0.1", "1.7976931348623157E308",
            "\"caf\\u00e9 \\\"q\\\" \\\\ \\n\\t\\u0001 \\ud83d\\udc33\"",
            "{\"a\":1,\"a\":2}",
            "{\"Id\":\"sha256:abc\",\"RepoTags\":[\"busybox:latest\"],\"Size\":4261550,\"Created\":\"2024-01-01T00:00:00Z\","
                    + "\"Config\":{\"Env\":[\"PATH=/bin\"],\"Cmd\":[\"sh\"],\"Labels\":null,\"ExposedPorts\":{\"80/tcp\":{}}},"
                    + "\"RootFS\":{\"Type\":\"layers\",\"Layers\":[\"sha256:1\",\"sha256:2\"]},\"Metadata\":{\"LastTagTime\":\"0001-01-01T00:00:00Z\"}}",
            "[[[]],[{}],{\"x\":[1,2.5,\"3\",null,true]}]",
            "  {\"spaced\" : [ 1 , 2 ] }  ",
    })
    void readsTheTreeDatabindReadsAndWritesItsText(String json) throws IOException {
        JsonNode expected = MAPPER.readTree(json);
        JsonNode tree = JsonTrees.read(json);
        assertThat(tree).isEqualTo(expected);
        assertSameKinds(tree, expected);
        assertThat(JsonTrees.read(json.getBytes(StandardCharsets.UTF_8))).isEqualTo(expected);
        assertThat(JsonTrees.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))).isEqualTo(expected);
        assertThat(new String(JsonTrees.bytes(tree), StandardCharsets.UTF_8))
                .isEqualTo(new String(MAPPER.writeValueAsBytes(expected), StandardCharsets.UTF_8));
        assertThat(JsonTrees.text(tree)).isEqualTo(MAPPER.writeValueAsString(expected));
        assertThat(JsonTrees.pretty(tree)).isEqualTo(INDENTED.writeValueAsString(expected));
    }

    @Test
    void noContentIsAMissingNodeAsForDatabind() throws IOException {
        assertThat(JsonTrees.read(new byte[0])).isSameAs(MissingNode.getInstance()).isEqualTo(MAPPER.readTree(new byte[0]));
        assertThat(JsonTrees.read("  ")).isSameAs(MissingNode.getInstance());
    }

    @Test
    void malformedTextIsAJsonError() {
        for (String bad : List.of("{", "{\"a\":}", "[1,]", "{\"a\" 1}", "tru", "\"open")) {
            assertThatThrownBy(() -> JsonTrees.read(bad)).as(bad).isInstanceOf(JsonProcessingException.class);
            assertThatThrownBy(() -> JsonTrees.read(bad.getBytes(StandardCharsets.UTF_8))).as(bad)
                    .isInstanceOf(JsonProcessingException.class);
        }
    }

    @Test
    void whatFollowsTheFirstDocumentIsLeftAsDatabindLeavesIt() throws IOException {
        assertThat(JsonTrees.read("{\"a\":1}}")).isEqualTo(MAPPER.readTree("{\"a\":1}}"));
    }

    @Test
    void readsEachDocumentOfAStreamAsDatabindsValueIteratorDoes() throws IOException {
        String stream = "{\"status\":\"Loading layer\",\"progressDetail\":{\"current\":512,\"total\":1024}}\r\n"
                + "{\"stream\":\"Loaded image: busybox\\n\"}\n{\"aux\":{\"ID\":\"sha256:x\"}}";
        List<JsonNode> expected = new ArrayList<>();
        try (var values = MAPPER.readerFor(JsonNode.class).<JsonNode>readValues(stream)) {
            values.forEachRemaining(expected::add);
        }
        assertThat(JsonTrees.readEach(stream.getBytes(StandardCharsets.UTF_8))).hasSize(3).isEqualTo(expected);
        assertThat(JsonTrees.readEach(new byte[0])).isEmpty();
        assertThatThrownBy(() -> JsonTrees.readEach("{\"a\":1}{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(JsonProcessingException.class);
    }

    @Test
    void stringsKeepTheirOrder() {
        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("stagesh.session", "s1");
        labels.put("a", "");
        assertThat(JsonTrees.text(JsonTrees.strings(labels))).isEqualTo("{\"stagesh.session\":\"s1\",\"a\":\"\"}");
        assertThat(JsonTrees.text(JsonTrees.strings(List.of("sh", "-c", "echo \"hi\""))))
                .isEqualTo("[\"sh\",\"-c\",\"echo \\\"hi\\\"\"]");
        assertThat(JsonTrees.strings(labels)).isEqualTo(MAPPER.valueToTree(labels));
    }

    /** Equal trees can still differ in node classes (an int node and a long node of one value are not equal, but check anyway). */
    private static void assertSameKinds(JsonNode actual, JsonNode expected) {
        assertThat(actual.getClass()).as(expected.toString()).isEqualTo(expected.getClass());
        if (expected.isContainerNode()) {
            Iterator<JsonNode> a = actual.elements();
            for (JsonNode e : expected) {
                assertSameKinds(a.next(), e);
            }
        }
    }
}
