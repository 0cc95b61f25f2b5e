package dev.stagesh.fs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TreeViewTest {

    private final TreeView tree = new TreeView(new PathResolver(new Tars()
            .dir("app").dir("app/bin").file("app/bin/run", 0755, "x").file("app/bin/.env", "")
            .dir("app/lib").dir("app/lib/deep").file("app/lib/deep/x.so", "")
            .file("app/README", "").symlink("app/current", "lib").symlink("app/broken", "nowhere")
            .tree()));

    @Test
    void drawsBranchesAndCountsLikeTheTreeUtility() {
        assertThat(tree.render("/app", TreeOptions.DEFAULT)).containsExactly(
                "/app",
                "├── README",
                "├── bin",
                "│   └── run",
                "├── broken -> nowhere",
                "├── current -> lib",
                "└── lib",
                "    └── deep",
                "        └── x.so",
                "",
                "4 directories, 4 files");
    }

    @Test
    void limitsDepthAndShowsDotFilesWhenAsked() {
        assertThat(tree.render("/app", new TreeOptions(1, true))).containsExactly(
                "/app",
                "├── README",
                "├── bin",
                "├── broken -> nowhere",
                "├── current -> lib",
                "└── lib",
                "",
                "3 directories, 2 files");
        assertThat(tree.render("/app/bin", new TreeOptions(0, true))).containsExactly(
                "/app/bin", "├── .env", "└── run", "", "0 directories, 2 files");
    }

    @Test
    void singularCountsAndNonDirectories() {
        assertThat(tree.render("/app/lib", TreeOptions.DEFAULT))
                .endsWith("1 directory, 1 file");
        assertThat(tree.render("/app/README", TreeOptions.DEFAULT))
                .containsExactly("/app/README  [error opening dir]", "", "0 directories, 0 files");
        assertThatThrownBy(() -> tree.render("/nope", TreeOptions.DEFAULT))
                .hasMessage("/nope: No such file or directory");
    }

    @Test
    void listingIsNestedDataForJson() {
        TreeView.Listing listing = tree.list("/app/lib", TreeOptions.DEFAULT);
        assertThat(listing.root().contents()).singleElement().satisfies(deep -> {
            assertThat(deep.type()).isEqualTo("directory");
            assertThat(deep.contents()).extracting(TreeNode::name).containsExactly("x.so");
        });
    }
}
