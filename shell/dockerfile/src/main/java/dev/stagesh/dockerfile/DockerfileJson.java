package dev.stagesh.dockerfile;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.parser.Heredoc;
import dev.stagesh.dockerfile.parser.Node;

import java.util.Map;

/**
 * The JSON form printed by {@code stagesh parse --json}. The schema is documented in {@code shell/dockerfile/JSON.md};
 * {@link #SCHEMA_VERSION} changes whenever it changes incompatibly.
 */
public final class DockerfileJson {
    public static final int SCHEMA_VERSION = 1;
    private static final ObjectMapper MAPPER = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private DockerfileJson() {
    }

    /** The document as a Jackson tree (FROM lines expanded with default build args). */
    public static ObjectNode toTree(Dockerfile dockerfile) {
        return toTree(dockerfile, BuildArgs.defaults(dockerfile));
    }

    /** The document as a Jackson tree, FROM lines expanded with the given build args. */
    public static ObjectNode toTree(Dockerfile dockerfile, BuildArgs args) {
        StageGraph graph = StageGraph.lenient(dockerfile, args);
        ObjectNode root = MAPPER.createObjectNode();
        root.put("schemaVersion", SCHEMA_VERSION);
        root.put("file", dockerfile.fileName());
        root.put("escape", String.valueOf(dockerfile.escapeToken()));
        ObjectNode directives = root.putObject("directives");
        for (Map.Entry<String, String> e : dockerfile.syntax().directives().entrySet()) {
            directives.put(e.getKey(), e.getValue());
        }
        ArrayNode warnings = root.putArray("warnings");
        dockerfile.syntax().warnings().forEach(warnings::add);
        ArrayNode meta = root.putArray("metaArgs");
        for (Instruction ins : dockerfile.metaArgs()) {
            meta.add(instruction(ins.node(), ins.keyword()));
        }
        ArrayNode stages = root.putArray("stages");
        for (Stage s : dockerfile.stages()) {
            ObjectNode st = stages.addObject();
            st.put("index", s.index());
            putNullable(st, "name", s.name());
            st.put("from", s.from().image());
            var baseStage = graph.baseStage(s);
            if (baseStage.isPresent()) {
                st.putNull("baseImage");
                st.put("baseStage", baseStage.get().index());
            } else {
                st.put("baseImage", graph.baseImage(s).orElse(s.from().image()));
                st.putNull("baseStage");
            }
            putNullable(st, "platform", s.from().platform());
            ArrayNode deps = st.putArray("dependsOn");
            graph.dependencies(s).forEach(deps::add);
            st.set("fromInstruction", instruction(s.from().node(), "FROM"));
            ArrayNode list = st.putArray("instructions");
            for (Instruction ins : s.instructions()) {
                list.add(instruction(ins.node(), ins.keyword()));
            }
        }
        return root;
    }

    /** Pretty-printed JSON text with a final newline. */
    public static String write(Dockerfile dockerfile, BuildArgs args) {
        try {
            return MAPPER.writeValueAsString(toTree(dockerfile, args)) + "\n";
        } catch (JsonProcessingException e) {
            throw new DockerfileException("cannot write JSON: " + e.getOriginalMessage());
        }
    }

    public static String write(Dockerfile dockerfile) {
        return write(dockerfile, BuildArgs.defaults(dockerfile));
    }

    private static ObjectNode instruction(Node node, String keyword) {
        ObjectNode o = MAPPER.createObjectNode();
        o.put("keyword", keyword);
        o.put("name", node.name());
        o.put("startLine", node.startLine());
        o.put("endLine", node.endLine());
        o.put("column", node.column());
        o.put("original", node.original());
        ArrayNode flags = o.putArray("flags");
        node.flags().forEach(flags::add);
        ArrayNode args = o.putArray("args");
        node.args().forEach(args::add);
        o.put("jsonForm", node.jsonForm());
        ArrayNode heredocs = o.putArray("heredocs");
        for (Heredoc h : node.heredocs()) {
            ObjectNode hd = heredocs.addObject();
            hd.put("name", h.name());
            hd.put("content", h.content());
            hd.put("expand", h.expand());
            hd.put("chomp", h.chomp());
            hd.put("fileDescriptor", h.fileDescriptor());
        }
        if (node.onbuildTrigger() != null) {
            Node t = node.onbuildTrigger();
            o.set("onbuild", instruction(t, t.keyword()));
        }
        return o;
    }

    private static void putNullable(ObjectNode o, String key, String value) {
        if (value == null) {
            o.putNull(key);
        } else {
            o.put(key, value);
        }
    }
}
