package dev.stagesh.shell;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** A typed context path is Go's path.Clean of it as a relative path; leaving the context is null. */
class ContextListingCleanTest {
    @Test
    void cleanedAsRelativeGoPaths() {
        assertThat(ContextListing.clean("/src//main/./")).isEqualTo("src/main");
        assertThat(ContextListing.clean("src\\main")).isEqualTo("src/main");
        assertThat(ContextListing.clean("a/..")).isEmpty();
        assertThat(ContextListing.clean("")).isEmpty();
        assertThat(ContextListing.clean("a/../../b")).isNull();
        assertThat(ContextListing.clean("/..")).isNull();
        assertThat(ContextListing.clean("..a/b")).as("a name that starts with dots stays").isEqualTo("..a/b");
    }
}
