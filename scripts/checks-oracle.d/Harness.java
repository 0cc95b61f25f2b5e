// Runs stagesh's Checker on each case directory (busybox as the only known base image) and writes me.json beside it.
import dev.stagesh.dockerfile.checks.*;
import dev.stagesh.dockerfile.Platform;
import dev.stagesh.context.*;
import java.nio.file.*;
import java.util.*;

public class Harness {
    public static void main(String[] a) throws Exception {
        BaseImages busybox = (ref, p) -> ref.startsWith("busybox") ? Optional.of(new BaseImages.Image(
                new Platform("linux", "amd64", ""), List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), List.of())) : Optional.empty();
        for (String d : a) {
            Path dir = Path.of(d);
            String text = Files.readString(dir.resolve("Dockerfile"));
            DockerIgnore ig = DockerIgnore.load(dir);
            CheckOptions o = CheckOptions.defaults().withImages(busybox);
            if (!ig.isEmpty()) o = o.withIgnoreRules(new ContextIgnoreRules(ig));
            CheckResult r = Checker.check(text, "Dockerfile", o);
            Files.writeString(dir.resolve("me.json"), CheckReport.json(r, "Dockerfile", text));
        }
    }
}
