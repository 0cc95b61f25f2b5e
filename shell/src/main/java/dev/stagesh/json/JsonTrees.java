package dev.stagesh.json;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * JSON documents as Jackson trees, read and written with jackson-core's streaming API alone.
 *
 * <p>The engine's answers, image configs and manifests are all handled as trees; databind's
 * {@code ObjectMapper} is not needed for that, and its first construction costs 60-80 ms of CPU
 * (most of it {@code StdDateFormat}'s calendar and locale data), which a session paid on its way
 * to the first prompt, on the thread that connects to the engine. The trees are the same as
 * {@code ObjectMapper.readTree}'s (ints as int, long or big-integer nodes, floats as doubles, a
 * later duplicate key winning, no content a missing node) and the text the same as
 * {@code writeValueAsBytes}'s and, pretty, as {@code INDENT_OUTPUT}'s.
 */
public final class JsonTrees {
    private static final JsonFactory FACTORY = new JsonFactory();
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private JsonTrees() {}

    public static ObjectNode object() {
        return NODES.objectNode();
    }

    public static ArrayNode array() {
        return NODES.arrayNode();
    }

    /** The strings as a JSON array, in their order. */
    public static ArrayNode strings(Collection<String> values) {
        ArrayNode a = array();
        values.forEach(a::add);
        return a;
    }

    /** The map as a JSON object of strings, in the map's order. */
    public static ObjectNode strings(Map<String, String> values) {
        ObjectNode o = object();
        values.forEach(o::put);
        return o;
    }

    public static JsonNode read(byte[] json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return first(p);
        }
    }

    public static JsonNode read(String json) throws JsonProcessingException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return first(p);
        } catch (JsonProcessingException e) {
            throw e;
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a string has no I/O to fail
        }
    }

    public static JsonNode read(InputStream json) throws IOException {
        try (JsonParser p = FACTORY.createParser(json)) {
            return first(p);
        }
    }

    /** Every document of a stream of them, one after another (an engine's progress messages). */
    public static List<JsonNode> readEach(byte[] json) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        try (JsonParser p = FACTORY.createParser(json)) {
            for (JsonToken t; (t = p.nextToken()) != null; ) {
                out.add(node(p, t));
            }
        }
        return out;
    }

    /** Compact, as {@code ObjectMapper.writeValueAsBytes} writes it (UTF-8). */
    public static byte[] bytes(JsonNode node) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory only
        }
        return out.toByteArray();
    }

    /** Compact text. */
    public static String text(JsonNode node) {
        return written(node, false);
    }

    /** Indented as {@code SerializationFeature.INDENT_OUTPUT} indents it, with no newline at the end. */
    public static String pretty(JsonNode node) {
        return written(node, true);
    }

    private static String written(JsonNode node, boolean pretty) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = FACTORY.createGenerator(out)) {
            if (pretty) {
                g.useDefaultPrettyPrinter();
            }
            write(g, node);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // memory only
        }
        return out.toString();
    }

    private static JsonNode first(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        return t == null ? MissingNode.getInstance() : node(p, t);
    }

    private static JsonNode node(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case START_OBJECT -> {
                ObjectNode o = object();
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    o.set(name, node(p, p.nextToken()));
                }
                yield o;
            }
            case START_ARRAY -> {
                ArrayNode a = array();
                for (JsonToken e; (e = p.nextToken()) != JsonToken.END_ARRAY; ) {
                    a.add(node(p, e));
                }
                yield a;
            }
            case VALUE_STRING -> NODES.textNode(p.getText());
            case VALUE_NUMBER_INT -> switch (p.getNumberType()) {
                case INT -> NODES.numberNode(p.getIntValue());
                case LONG -> NODES.numberNode(p.getLongValue());
                default -> NODES.numberNode(p.getBigIntegerValue());
            };
            case VALUE_NUMBER_FLOAT -> NODES.numberNode(p.getDoubleValue());
            case VALUE_TRUE -> NODES.booleanNode(true);
            case VALUE_FALSE -> NODES.booleanNode(false);
            case VALUE_NULL -> NODES.nullNode();
            // the parser reports malformed text itself; these never start a value in plain JSON
            case END_OBJECT, END_ARRAY, FIELD_NAME, VALUE_EMBEDDED_OBJECT, NOT_AVAILABLE ->
                    throw new com.fasterxml.jackson.core.JsonParseException(p, "unexpected " + t);
        };
    }

    private static void write(JsonGenerator g, JsonNode n) throws IOException {
        switch (n.getNodeType()) {
            case OBJECT -> {
                g.writeStartObject();
                for (Iterator<Map.Entry<String, JsonNode>> it = n.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> field = it.next();
                    g.writeFieldName(field.getKey());
                    write(g, field.getValue());
                }
                g.writeEndObject();
            }
            case ARRAY -> {
                g.writeStartArray();
                for (JsonNode element : n) {
                    write(g, element);
                }
                g.writeEndArray();
            }
            case STRING -> g.writeString(n.textValue());
            case NUMBER -> {
                switch (n.numberType()) {
                    case INT -> g.writeNumber(n.intValue());
                    case LONG -> g.writeNumber(n.longValue());
                    case BIG_INTEGER -> g.writeNumber(n.bigIntegerValue());
                    case FLOAT -> g.writeNumber(n.floatValue());
                    case DOUBLE -> g.writeNumber(n.doubleValue());
                    case BIG_DECIMAL -> g.writeNumber(n.decimalValue());
                }
            }
            case BOOLEAN -> g.writeBoolean(n.booleanValue());
            case NULL -> g.writeNull();
            case BINARY -> g.writeBinary(n.binaryValue());
            // neither is ever put in a document built or read here; a missing value writes nothing
            // in a container, and Jackson writes a POJO node through databind
            case MISSING, POJO -> throw new IllegalArgumentException("a " + n.getNodeType() + " node has no JSON text here");
        }
    }
}
