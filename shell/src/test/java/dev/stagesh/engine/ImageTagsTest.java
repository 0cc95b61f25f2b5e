package dev.stagesh.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Tags against docker's reference grammar (distribution/reference), as {@code docker build -t} checks them. */
class ImageTagsTest {
    @Test
    void validTagsGetLatestWhenTheyNameNone() {
        assertThat(ImageTags.normalize(List.of("good:1", "app", "my-org/app_x:v1.2-rc", "localhost:5000/a/b",
                "Registry.Example.com:443/team/app:TAG", "a__b/c-d.e:x")))
                .containsExactly("good:1", "app:latest", "my-org/app_x:v1.2-rc", "localhost:5000/a/b:latest",
                        "Registry.Example.com:443/team/app:TAG", "a__b/c-d.e:x");
    }

    @Test
    void anUppercaseRepositoryIsRefusedAsDockerRefusesIt() {
        assertThatThrownBy(() -> ImageTags.normalize(List.of("good:1", "Upper:x")))
                .isInstanceOf(ImageTags.InvalidTagException.class)
                .hasMessage("invalid tag \"Upper:x\": repository name must be lowercase");
    }

    @Test
    void otherMalformedReferencesAreRefused() {
        for (String bad : List.of("", "a:", "a:.x", "a:-x", "-a", "a..b", "a/", "/a", "a b", "a@sha256:00", "a:b:c",
                "a:" + "x".repeat(129))) {
            assertThatThrownBy(() -> ImageTags.normalize(bad)).as(bad).isInstanceOf(ImageTags.InvalidTagException.class);
        }
    }
}
