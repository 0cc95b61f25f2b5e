package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ImageArchiveTest {

    private static final String CONFIG = """
            {"architecture":"amd64","history":[
              {"created_by":"/bin/sh -c #(nop) ADD file:1234 in / "},
              {"created_by":"/bin/sh -c #(nop)  CMD [\\"sh\\"]","empty_layer":true},
              {"created_by":"RUN |1 V=2 /bin/sh -c apk add curl # buildkit"},
              {"created_by":"COPY app /app # buildkit"}
            ]}""";

    private static byte[] layer(Tars t) {
        return t.bytes();
    }

    @Test
    void readsTheOciLayoutInManifestOrderWithInstructionsAsLabels() {
        // layers arrive before the manifest that orders them, and not in image order
        byte[] save = new Tars()
                .file("blobs/sha256/ccc", 0644, layer(new Tars().dir("app").sized("app/app", 300)))
                .file("blobs/sha256/aaa", 0644, layer(new Tars().dir("etc").file("etc/os-release", "alpine")
                        .dir("tmp").sized("tmp/junk", 50)))
                .file("blobs/sha256/bbb", 0644, layer(new Tars().dir("usr/bin").sized("usr/bin/curl", 200)
                        .dir("tmp").file("tmp/.wh.junk", "")))
                .file("blobs/sha256/cfg", CONFIG)
                .file("index.json", "{\"schemaVersion\":2}")
                .file("manifest.json", "[{\"Config\":\"blobs/sha256/cfg\",\"RepoTags\":[\"x:1\"],"
                        + "\"Layers\":[\"blobs/sha256/aaa\",\"blobs/sha256/bbb\",\"blobs/sha256/ccc\"]}]")
                .bytes();

        List<Layer> layers = ImageArchive.read(new java.io.ByteArrayInputStream(save));

        assertThat(layers).extracting(Layer::label)
                .containsExactly("ADD file:1234 in /", "RUN apk add curl", "COPY app /app");
        assertThat(layers.get(1).changes().deletions()).containsExactly("/tmp/junk");
        FileTree atStep2 = LayerStack.tree(layers.subList(0, 2).stream().map(Layer::changes).toList());
        assertThat(atStep2.entry("/usr/bin/curl")).isPresent();
        assertThat(atStep2.entry("/tmp/junk")).isEmpty();
        assertThat(atStep2.entry("/app")).isEmpty();
        assertThat(LayerReport.of(layers, 1).wastedBytes()).isEqualTo(50);
    }

    @Test
    void readsAnOciLayoutWithoutManifestJsonThroughItsIndex() {
        // Podman and skopeo write the OCI layout alone; an index may point to a further index
        String cfg = "c".repeat(64);
        byte[] save = new Tars()
                .file("blobs/sha256/" + "a".repeat(64), 0644, layer(new Tars().file("etc/os-release", "debian")))
                .file("blobs/sha256/" + "b".repeat(64), 0644, layer(new Tars().sized("usr/bin/curl", 200)))
                .file("blobs/sha256/" + cfg, CONFIG.replace("{\"created_by\":\"COPY app /app # buildkit\"}", "{\"created_by\":\"x\",\"empty_layer\":true}"))
                .file("blobs/sha256/" + "d".repeat(64), "{\"schemaVersion\":2,\"config\":{\"digest\":\"sha256:" + cfg + "\"},"
                        + "\"layers\":[{\"digest\":\"sha256:" + "a".repeat(64) + "\"},{\"digest\":\"sha256:" + "b".repeat(64) + "\"}]}")
                .file("blobs/sha256/" + "e".repeat(64), "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:" + "d".repeat(64) + "\"}]}")
                .file("index.json", "{\"schemaVersion\":2,\"manifests\":[{\"digest\":\"sha256:" + "e".repeat(64) + "\"}]}")
                .bytes();

        ImageArchive.SavedImage saved = ImageArchive.readSaved(new java.io.ByteArrayInputStream(save));

        assertThat(saved.layers()).extracting(Layer::label).containsExactly("ADD file:1234 in /", "RUN apk add curl");
        assertThat(saved.layerFiles()).containsExactly("/blobs/sha256/" + "a".repeat(64), "/blobs/sha256/" + "b".repeat(64));
        assertThat(saved.layers().get(1).changes().bytes()).isEqualTo(200);
    }

    @Test
    void readsTheLegacyLayoutWithSymlinkedRepeatedLayers() {
        byte[] save = new Tars()
                .dir("l1").file("l1/layer.tar", 0644, layer(new Tars().sized("a", 10)))
                .dir("l2").symlink("l2/layer.tar", "../l1/layer.tar")
                .file("manifest.json", "[{\"Config\":\"none.json\",\"Layers\":[\"l1/layer.tar\",\"l2/layer.tar\"]}]")
                .bytes();
        List<Layer> layers = ImageArchive.read(new java.io.ByteArrayInputStream(save));
        assertThat(layers).extracting(Layer::label).containsExactly("layer 1", "layer 2");
        assertThat(layers.get(1).changes().bytes()).isEqualTo(10);
    }

    @Test
    void readsPodmansSaveWhoseLayersAreDigestNamedTarsAtTheTop() {
        byte[] save = new Tars()
                .file("aaa.tar", 0644, layer(new Tars().sized("a", 10)))
                .file("bbb.tar", 0644, layer(new Tars().sized("b", 20)))
                .file("cfg.json", CONFIG.replace("{\"created_by\":\"COPY app /app # buildkit\"}", "{\"created_by\":\"x\",\"empty_layer\":true}"))
                .file("manifest.json", "[{\"Config\":\"cfg.json\",\"Layers\":[\"aaa.tar\",\"bbb.tar\"]}]")
                .file("repositories", "{}")
                .bytes();
        List<Layer> layers = ImageArchive.read(new java.io.ByteArrayInputStream(save));
        assertThat(layers).extracting(Layer::label).containsExactly("ADD file:1234 in /", "RUN apk add curl");
        assertThat(layers.get(1).changes().bytes()).isEqualTo(20);
    }

    @Test
    void rejectsWhatIsNotADockerSave() {
        assertThatThrownBy(() -> ImageArchive.read(new Tars().file("x", "y").stream()))
                .hasMessage("not a docker save archive: no manifest.json");
    }

    @Test
    void recoversInstructionsFromHistory() {
        assertThat(ImageArchive.instruction("/bin/sh -c apt-get update && apt-get install -y x"))
                .isEqualTo("RUN apt-get update && apt-get install -y x");
        assertThat(ImageArchive.instruction("WORKDIR /app")).isEqualTo("WORKDIR /app");
    }
}
