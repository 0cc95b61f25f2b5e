package dev.stagesh.engine;

import dev.stagesh.dockerfile.Dockerfile;
import dev.stagesh.dockerfile.instructions.Instruction;
import dev.stagesh.dockerfile.shell.ShellLex;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ARGs before the first FROM, as docker build resolves them: in order, each default
 * expanded with those before it, a --build-arg winning over a default, and the platform
 * arguments BuildKit predefines (TARGETPLATFORM, BUILDARCH, ...) taken from the engine.
 */
final class GlobalArgs {
    private GlobalArgs() {}

    static Map<String, String> resolve(Dockerfile dockerfile, Map<String, String> buildArgs, String platform,
                                       ShellLex lex) {
        Map<String, String> values = new LinkedHashMap<>(platformArgs(platform));
        for (Instruction ins : dockerfile.metaArgs()) {
            if (ins instanceof Instruction.Arg arg) {
                for (var decl : arg.args()) {
                    String name = decl.name();
                    if (buildArgs.containsKey(name)) {
                        values.put(name, buildArgs.get(name));
                    } else if (decl.defaultValue() != null) {
                        values.put(name, lex.processWord(decl.defaultValue(), values::get));
                    } else {
                        values.putIfAbsent(name, null);
                    }
                }
            }
        }
        values.values().removeIf(java.util.Objects::isNull);
        return values;
    }

    static Map<String, String> platformArgs(String platform) {
        String[] parts = platform.split("/");
        String os = parts[0];
        String arch = parts.length > 1 ? parts[1] : "amd64";
        String variant = parts.length > 2 ? parts[2] : "";
        Map<String, String> m = new LinkedHashMap<>();
        for (String prefix : new String[] {"TARGET", "BUILD"}) {
            m.put(prefix + "PLATFORM", platform);
            m.put(prefix + "OS", os);
            m.put(prefix + "ARCH", arch);
            m.put(prefix + "VARIANT", variant);
        }
        return m;
    }
}
