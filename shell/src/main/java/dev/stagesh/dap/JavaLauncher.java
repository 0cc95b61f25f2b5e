package dev.stagesh.dap;

import dev.stagesh.Main;
import java.lang.management.ManagementFactory;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How to start stagesh again as this process was started: the same Java, the JVM options that
 * make it start fast (the class-data archive, the JIT and GC choices), and the same jar (or, run
 * from the build's classes, the same class path). Taken from the running JVM, never from PATH,
 * which in an editor's terminal may hold another Java or none.
 *
 * @param prefix the words before stagesh's own arguments
 */
public record JavaLauncher(List<String> prefix) {
    public JavaLauncher {
        prefix = List.copyOf(prefix);
    }

    static JavaLauncher current() {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        Path source;
        try {
            source = Path.of(Main.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException("stagesh's own code has no file location: " + e.getMessage(), e);
        }
        return of(java, ManagementFactory.getRuntimeMXBean().getInputArguments(), source,
                System.getProperty("java.class.path"));
    }

    /**
     * From what the JVM says of itself. A debugger agent or a system property is not carried over:
     * a second agent on the same port would fail, and the properties are for this run (the
     * archive's training run sets one).
     */
    static JavaLauncher of(String java, List<String> jvmOptions, Path codeSource, String classPath) {
        List<String> p = new ArrayList<>(List.of(java));
        for (String o : jvmOptions) {
            if (o.startsWith("-X") && !o.startsWith("-Xdebug") && !o.startsWith("-Xrunjdwp")) {
                p.add(o);
            }
        }
        if (Files.isRegularFile(codeSource)) {
            p.addAll(List.of("-jar", codeSource.toString()));
        } else {
            p.addAll(List.of("-cp", classPath, Main.class.getName()));
        }
        return new JavaLauncher(p);
    }

    List<String> command(List<String> stageshArgs) {
        List<String> c = new ArrayList<>(prefix);
        c.addAll(stageshArgs);
        return c;
    }
}
