package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CacheKeyTest {
    @Test
    void equalInputsGiveEqualKeysWhateverTheOrderOfTheBuildArgs() {
        String a = new CacheKey("sha256:p", "RUN make").add("arg", Map.of("A", "1", "B", "2")).digest();
        String b = new CacheKey("sha256:p", "RUN make").add("arg", Map.of("B", "2", "A", "1")).digest();
        assertThat(a).isEqualTo(b);
    }

    @Test
    void anyInputChangesTheKey() {
        String base = new CacheKey("sha256:p", "RUN make").add("arg", Map.of("A", "1")).digest();
        assertThat(new CacheKey("sha256:q", "RUN make").add("arg", Map.of("A", "1")).digest()).isNotEqualTo(base);
        assertThat(new CacheKey("sha256:p", "RUN make all").add("arg", Map.of("A", "1")).digest()).isNotEqualTo(base);
        assertThat(new CacheKey("sha256:p", "RUN make").add("arg", Map.of("A", "2")).digest()).isNotEqualTo(base);
        // a value may not bleed into the next field's name
        assertThat(new CacheKey("sha256:p", "RUN").add("x", "a\nb").digest())
                .isNotEqualTo(new CacheKey("sha256:p", "RUN").add("x", "a").add("b", "").digest());
    }

    @Test
    void snapshotsCachedByEarlierVersionsAreNotServed() {
        // the key as stagesh wrote it before SEMANTICS existed: an engine that still holds such
        // snapshots (with mount points in their layers) must not hit them
        String before = ImageCommitter.sha256("parent\0sha256:p\ninstruction\0RUN make\n".getBytes(StandardCharsets.UTF_8));
        assertThat(new CacheKey("sha256:p", "RUN make").digest()).isNotEqualTo(before);
    }
}
