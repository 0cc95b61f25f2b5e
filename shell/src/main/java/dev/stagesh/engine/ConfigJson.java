package dev.stagesh.engine;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.stagesh.json.JsonTrees;
import java.util.List;

/** The {@code config} object of an OCI/Docker image config, written from stagesh's {@link ImageConfig}. */
public final class ConfigJson {

    private ConfigJson() {}

    public static ObjectNode of(ImageConfig c) {
        ObjectNode n = JsonTrees.object();
        if (!c.user().isEmpty()) {
            n.put("User", c.user());
        }
        if (!c.exposedPorts().isEmpty()) {
            ObjectNode ports = n.putObject("ExposedPorts");
            c.exposedPorts().forEach(p -> ports.putObject(p));
        }
        if (!c.env().isEmpty()) {
            n.set("Env", array(c.env()));
        }
        if (c.entrypoint() != null) {
            n.set("Entrypoint", array(c.entrypoint()));
        }
        if (c.cmd() != null) {
            n.set("Cmd", array(c.cmd()));
        }
        if (!c.volumes().isEmpty()) {
            ObjectNode vols = n.putObject("Volumes");
            c.volumes().forEach(v -> vols.putObject(v));
        }
        if (!c.workingDir().isEmpty()) {
            n.put("WorkingDir", c.workingDir());
        }
        if (!c.labels().isEmpty()) {
            ObjectNode labels = n.putObject("Labels");
            c.labels().forEach(labels::put);
        }
        if (c.stopSignal() != null) {
            n.put("StopSignal", c.stopSignal());
        }
        if (c.shell() != null) {
            n.set("Shell", array(c.shell()));
        }
        if (!c.onBuild().isEmpty()) {
            n.set("OnBuild", array(c.onBuild()));
        }
        if (c.healthcheck() != null) {
            ImageConfig.Healthcheck h = c.healthcheck();
            ObjectNode hc = n.putObject("Healthcheck");
            hc.set("Test", array(h.test()));
            if (h.interval() != null) {
                hc.put("Interval", h.interval());
            }
            if (h.timeout() != null) {
                hc.put("Timeout", h.timeout());
            }
            if (h.startPeriod() != null) {
                hc.put("StartPeriod", h.startPeriod());
            }
            if (h.startInterval() != null) {
                hc.put("StartInterval", h.startInterval());
            }
            if (h.retries() != null) {
                hc.put("Retries", h.retries());
            }
        }
        return n;
    }

    private static ArrayNode array(List<String> values) {
        ArrayNode a = JsonTrees.array();
        values.forEach(a::add);
        return a;
    }
}
