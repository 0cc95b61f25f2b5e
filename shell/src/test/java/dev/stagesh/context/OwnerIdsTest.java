package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** --chown name resolution against an image's /etc/passwd and /etc/group. */
class OwnerIdsTest {
    private static final String PASSWD = """
            root:x:0:0:root:/root:/bin/sh
            # a comment
            www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin
            app:x:1000:1001::/home/app:/bin/sh
            broken line
            """;
    private static final String GROUP = """
            root:x:0:
            www-data:x:33:
            staff:x:50:app
            """;
    private final OwnerIds files = OwnerIds.parse(PASSWD, GROUP);

    @Test
    void numbersPassThrough() {
        assertThat(files.resolve("10:11")).isEqualTo(new Ownership(10, 11));
        assertThat(files.resolve("4242")).isEqualTo(new Ownership(4242, 4242));
    }

    @Test
    void userWithoutGroupUsesPrimaryGroup() {
        assertThat(files.resolve("app")).isEqualTo(new Ownership(1000, 1001));
    }

    @Test
    void namesAndNumbersMix() {
        assertThat(files.resolve("app:staff")).isEqualTo(new Ownership(1000, 50));
        assertThat(files.resolve("33:staff")).isEqualTo(new Ownership(33, 50));
        assertThat(files.resolve("www-data:7")).isEqualTo(new Ownership(33, 7));
    }

    @Test
    void unknownNamesAreErrors() {
        assertThatThrownBy(() -> files.resolve("nobody")).isInstanceOf(ContextException.class)
                .hasMessage("unable to find user nobody: no matching entries in passwd file");
        assertThatThrownBy(() -> files.resolve("app:wheel")).isInstanceOf(ContextException.class)
                .hasMessage("unable to find group wheel: no matching entries in group file");
        assertThatThrownBy(() -> OwnerIds.parse(null, null).resolve("app"))
                .hasMessageContaining("unable to find user app");
    }

    @Test
    void malformedSpecIsAnError() {
        assertThatThrownBy(() -> files.resolve(":5")).isInstanceOf(ContextException.class);
        assertThatThrownBy(() -> files.resolve("app:")).isInstanceOf(ContextException.class);
    }
}
