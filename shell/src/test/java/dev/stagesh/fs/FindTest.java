package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FindTest {

    private final Find find = new Find(new PathResolver(new Tars()
            .dir("etc").file("etc/hosts", "").dir("etc/ssl").file("etc/ssl/cert.pem", "")
            .symlink("etc/ssl/ca.pem", "cert.pem").file("etc/.pwd.lock", "")
            .symlink("conf", "etc").charDevice("etc/null", 0666, 1, 3)
            .tree()));

    @Test
    void printsEverythingFromTheStartingPointAsGiven() {
        assertThat(find.render("/etc", FindOptions.ALL).lines()).containsExactly(
                "/etc", "/etc/.pwd.lock", "/etc/hosts", "/etc/null", "/etc/ssl", "/etc/ssl/ca.pem", "/etc/ssl/cert.pem");
        assertThat(find.render("/etc/", FindOptions.ALL.withMaxDepth(1)).lines()).containsExactly(
                "/etc/", "/etc/.pwd.lock", "/etc/hosts", "/etc/null", "/etc/ssl");
    }

    @Test
    void filtersByNameAndType() {
        assertThat(find.render("/", FindOptions.ALL.withName("*.pem")).lines())
                .containsExactly("/etc/ssl/ca.pem", "/etc/ssl/cert.pem");
        assertThat(find.render("/", FindOptions.ALL.withName("*.pem").withType("f")).lines())
                .containsExactly("/etc/ssl/cert.pem");
        assertThat(find.render("/", FindOptions.ALL.withType("l")).lines())
                .containsExactly("/conf", "/etc/ssl/ca.pem");
        assertThat(find.render("/", FindOptions.ALL.withType("d")).lines()).containsExactly("/", "/etc", "/etc/ssl");
        assertThat(find.render("/", FindOptions.ALL.withType("c,p")).lines()).containsExactly("/etc/null");
        assertThat(find.render("/etc", FindOptions.ALL.withName("etc")).lines()).containsExactly("/etc");
    }

    @Test
    void doesNotFollowASymlinkedStartingPointUnlessWrittenWithASlash() {
        assertThat(find.render("/conf", FindOptions.ALL).lines()).containsExactly("/conf");
        assertThat(find.render("/conf/", FindOptions.ALL.withName("hosts")).lines()).containsExactly("/conf/hosts");
    }

    @Test
    void reportsAMissingStartingPoint() {
        CommandOutput out = find.render("/nope", FindOptions.ALL);
        assertThat(out.lines()).isEmpty();
        assertThat(out.errors()).containsExactly("'/nope': No such file or directory");
    }
}
