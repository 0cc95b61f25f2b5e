package dev.stagesh.shell;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.stagesh.engine.ConfigJson;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(name = "config", description = "The image config as docker build would write it at this step (JSON).")
final class ConfigCommand extends SessionCommand {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Option(names = "--json", description = "accepted for symmetry: the output is always one JSON document") boolean json;

    @Override
    int execute() throws Exception {
        printer().line(JSON.writeValueAsString(ConfigJson.of(session().snapshot().config())));
        return 0;
    }
}
