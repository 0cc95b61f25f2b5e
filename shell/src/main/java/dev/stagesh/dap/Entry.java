package dev.stagesh.dap;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** A variable as the debugger builds it, before it becomes DAP's: a name and value, or a group of them. */
public sealed interface Entry {
    String name();

    record Leaf(String name, String value) implements Entry {}

    record Group(String name, String summary, List<Entry> children) implements Entry {
        public Group {
            children = List.copyOf(children);
        }
    }

    static Group list(String name, List<String> values) {
        List<Entry> children = new ArrayList<>();
        for (int i = 0; i < values.size(); i++) {
            children.add(new Leaf("[" + i + "]", values.get(i)));
        }
        return new Group(name, values.toString(), children);
    }

    static Group map(String name, Map<String, String> values) {
        List<Entry> children = new ArrayList<>();
        values.forEach((k, v) -> children.add(new Leaf(k, v)));
        return new Group(name, values.size() + (values.size() == 1 ? " variable" : " variables"), children);
    }

    /** A JSON document as nested entries: objects and arrays become groups, scalars leaves. */
    static Entry json(String name, JsonNode node) {
        if (node.isObject()) {
            List<Entry> children = new ArrayList<>();
            node.fields().forEachRemaining(f -> children.add(json(f.getKey(), f.getValue())));
            return new Group(name, node.isEmpty() ? "{}" : "{…}", children);
        }
        if (node.isArray()) {
            List<Entry> children = new ArrayList<>();
            for (int i = 0; i < node.size(); i++) {
                children.add(json("[" + i + "]", node.get(i)));
            }
            return new Group(name, node.toString(), children);
        }
        return new Leaf(name, node.isTextual() ? node.asText() : node.toString());
    }
}
