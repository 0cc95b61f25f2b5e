package dev.stagesh.dockerfile.checks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.stagesh.dockerfile.Corpus;
import dev.stagesh.dockerfile.Platform;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every file of {@code real-world-checks/} (what Docker 28.5's BuildKit reported for a real-world Dockerfile) against
 * what {@link Checker} reports for the same file: the same rules on the same lines with the same details, in any
 * order, and the same build error. The corpus built every base image as a local busybox, so the checker is given
 * that image's facts (linux/amd64, only PATH in its env).
 */
class CheckCorpusTest {
    private static final BaseImages BUSYBOX = (ref, platform) -> Optional.of(new BaseImages.Image(
            new Platform("linux", "amd64", ""),
            List.of("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"), List.of()));

    @Test
    void everyRealWorldFileGivesBuildKitsFindings() throws IOException {
        // a missing corpus is a failure here, not a skip: this test is the measure of the checks
        assertThat(Corpus.root()).as("shared/corpus next to the working directory or an ancestor").isPresent();
        Path dir = Corpus.root().get().resolve("real-world-checks");
        List<Path> files = Corpus.list("real-world-checks", 144);
        ObjectMapper json = new ObjectMapper();
        List<String> failures = new ArrayList<>();
        int identical = 0;
        for (Path expectedFile : files) {
            String name = expectedFile.getFileName().toString().replace(".checks.json", "");
            Path dockerfile = dir.resolveSibling("real-world").resolve(name);
            JsonNode expected = json.readTree(expectedFile.toFile());
            CheckResult actual = Checker.check(Files.readString(dockerfile), name,
                    CheckOptions.defaults().withImages(BUSYBOX));
            List<String> want = new ArrayList<>();
            expected.get("warnings").forEach(w -> want.add(key(w.get("rule").asText(), w.get("detail").asText(),
                    w.get("lines").toString())));
            List<String> got = new ArrayList<>();
            actual.warnings().forEach(f -> got.add(key(f.rule().ruleName(), f.detail(), lines(f.ranges()))));
            String wantError = expected.has("buildError") ? expected.get("buildError").asText() : null;
            String gotError = actual.buildError().map(BuildError::message).orElse(null);
            List<String> missing = new ArrayList<>(want);
            got.forEach(missing::remove);
            List<String> extra = new ArrayList<>(got);
            want.forEach(extra::remove);
            if (missing.isEmpty() && extra.isEmpty() && java.util.Objects.equals(wantError, gotError)) {
                identical++;
            } else {
                failures.add(name + ":\n  missing " + missing + "\n  extra   " + extra
                        + (java.util.Objects.equals(wantError, gotError) ? ""
                        : "\n  error: want " + wantError + ", got " + gotError));
            }
        }
        System.out.println("build checks: " + identical + " of " + files.size() + " corpus files identical");
        assertThat(failures).as(identical + " of " + files.size() + " identical").isEmpty();
    }

    private static String key(String rule, String detail, String lines) {
        return rule + " | " + detail + " | " + lines;
    }

    private static String lines(List<LineRange> ranges) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < ranges.size(); i++) {
            sb.append(i == 0 ? "" : ",").append('[').append(ranges.get(i).start()).append(',')
                    .append(ranges.get(i).end()).append(']');
        }
        return sb.append(']').toString();
    }
}
