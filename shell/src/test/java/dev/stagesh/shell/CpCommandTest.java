package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class CpCommandTest {
    private static HostExtractor.Result result(int files, int links) {
        return new HostExtractor.Result(Path.of("/tmp/x"), files, 0, links, 0, List.of());
    }

    @Test
    void theReportCountsFilesAndSaysTheSymlinksItCopied() {
        assertThat(CpCommand.counted(result(1, 0))).isEqualTo("1 file");
        assertThat(CpCommand.counted(result(2, 0))).isEqualTo("2 files");
        assertThat(CpCommand.counted(result(0, 0))).isEqualTo("0 files");
        assertThat(CpCommand.counted(result(0, 1))).isEqualTo("1 symlink");
        assertThat(CpCommand.counted(result(3, 2))).isEqualTo("3 files, 2 symlinks");
    }
}
