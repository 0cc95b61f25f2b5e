package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageCommitterTest {
    @Test
    void maintainerIsTheImagesAuthorTheLastOneWinning() {
        // docker build writes MAINTAINER as the image config's author, never as a label
        assertThat(ImageCommitter.author(List.of(
                new HistoryEntry("MAINTAINER first <a@example.com>", true),
                new HistoryEntry("RUN echo MAINTAINER x # buildkit", false),
                new HistoryEntry("maintainer  Jane Doe <jane@example.com>", true))))
                .isEqualTo("Jane Doe <jane@example.com>");
        assertThat(ImageCommitter.author(List.of(new HistoryEntry("LABEL maintainer=x", true)))).isNull();
    }
}
