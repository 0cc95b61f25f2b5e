package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.OptionalLong;
import org.junit.jupiter.api.Test;

/** One reading of passwd and group for both uses: names of ids (ls) and ids of names (--chown). */
class AccountFileTest {
    private static final String PASSWD = """
            # comment
            root:x:0:0:root:/root:/bin/bash

            app:x:1000:1001::/home/app:/bin/sh
            app:x:2000:2000:second record of a name:/:/bin/sh
            nogid:x:3000::::
            neg:x:-1:5::/:
            huge:x:4294967296:0::/:
            max:x:4294967295:0::/:
            short:x:9
            :x:7:7::/:
              spaced:x:8:8::/:\r
            """;

    @Test
    void usersKeepTheFilesOrderAndSkipWhatLibcSkips() {
        assertThat(AccountFile.users(PASSWD)).containsExactly(
                new AccountFile.Account("root", 0, OptionalLong.of(0)),
                new AccountFile.Account("app", 1000, OptionalLong.of(1001)),
                new AccountFile.Account("app", 2000, OptionalLong.of(2000)),
                new AccountFile.Account("max", 4294967295L, OptionalLong.of(0)),
                new AccountFile.Account("spaced", 8, OptionalLong.of(8)));
    }

    @Test
    void groupsNeedOnlyANameAndAnId() {
        assertThat(AccountFile.groups("wheel:x:10:root,app\nbad:x:ten:\nstaff:x:50\n"))
                .containsExactly(new AccountFile.Account("wheel", 10, OptionalLong.empty()),
                        new AccountFile.Account("staff", 50, OptionalLong.empty()));
        assertThat(AccountFile.groups(null)).isEmpty();
        assertThat(AccountFile.users("")).isEmpty();
    }

    @Test
    void bothUsesReadTheSameRecords() {
        Owners owners = Owners.parse(PASSWD, "app:x:1001:\n");
        assertThat(owners.user(1000)).isEqualTo("app");
        assertThat(owners.user(2000)).isEqualTo("app");
        assertThat(owners.user(3000)).as("no gid: not a record").isEqualTo("3000");
        assertThat(owners.group(1001)).isEqualTo("app");
        var chown = dev.stagesh.context.OwnerIds.parse(PASSWD, "app:x:1001:\n");
        assertThat(chown.resolve("app")).as("the first record of a name wins")
                .isEqualTo(new dev.stagesh.context.Ownership(1000, 1001));
    }
}
