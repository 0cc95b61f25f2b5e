package dev.stagesh.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pattern rules of .dockerignore, with expectations taken from docker's documentation. */
class DockerIgnoreTest {

    private static DockerIgnore rules(String... lines) {
        return DockerIgnore.parse(String.join("\n", lines));
    }

    @Nested
    class Wildcards {
        @Test
        void starStaysWithinOnePathElement() {
            DockerIgnore ignore = rules("*/temp*");
            assertThat(ignore.excluded("somedir/temporary.txt")).isTrue();
            assertThat(ignore.excluded("somedir/temp")).isTrue();
            assertThat(ignore.excluded("temp")).isFalse();
            assertThat(ignore.excluded("a/b/temp.txt")).isFalse();
        }

        @Test
        void twoLevelStar() {
            DockerIgnore ignore = rules("*/*/temp*");
            assertThat(ignore.excluded("a/b/temp.txt")).isTrue();
            assertThat(ignore.excluded("a/temp.txt")).isFalse();
        }

        @Test
        void questionMarkIsExactlyOneCharacter() {
            DockerIgnore ignore = rules("temp?");
            assertThat(ignore.excluded("tempa")).isTrue();
            assertThat(ignore.excluded("temp")).isFalse();
            assertThat(ignore.excluded("tempab")).isFalse();
        }

        @Test
        void characterClassesAndNegation() {
            DockerIgnore ranges = rules("[a-c].txt");
            assertThat(ranges.excluded("a.txt")).isTrue();
            assertThat(ranges.excluded("c.txt")).isTrue();
            assertThat(ranges.excluded("d.txt")).isFalse();
            DockerIgnore negated = rules("[^a].txt");
            assertThat(negated.excluded("a.txt")).isFalse();
            assertThat(negated.excluded("b.txt")).isTrue();
        }

        @Test
        void backslashEscapesAMetaCharacter() {
            DockerIgnore ignore = rules("star\\*");
            assertThat(ignore.excluded("star*")).isTrue();
            assertThat(ignore.excluded("starry")).isFalse();
        }

        @Test
        void regexCharactersAreLiteral() {
            DockerIgnore ignore = rules("a.b+(c)|{d}$");
            assertThat(ignore.excluded("a.b+(c)|{d}$")).isTrue();
            assertThat(ignore.excluded("axb+(c)|{d}$")).isFalse();
        }

        @Test
        void leadingDoubleStarMatchesAnyDepthIncludingNone() {
            DockerIgnore ignore = rules("**/*.go");
            assertThat(ignore.excluded("main.go")).isTrue();
            assertThat(ignore.excluded("cmd/tool/main.go")).isTrue();
            assertThat(ignore.excluded("main.go.txt")).isFalse();
        }

        @Test
        void trailingDoubleStarMatchesEverythingBelow() {
            DockerIgnore ignore = rules("build/**");
            assertThat(ignore.excluded("build/a")).isTrue();
            assertThat(ignore.excluded("build/a/b/c")).isTrue();
            assertThat(ignore.excluded("build")).isFalse();
            assertThat(ignore.excluded("buildx/a")).isFalse();
        }

        @Test
        void middleDoubleStarMatchesZeroOrMoreDirectories() {
            DockerIgnore ignore = rules("a/**/z");
            assertThat(ignore.excluded("a/z")).isTrue();
            assertThat(ignore.excluded("a/b/c/z")).isTrue();
            assertThat(ignore.excluded("b/z")).isFalse();
        }

        @Test
        void doubleStarAloneExcludesEverything() {
            DockerIgnore ignore = rules("**");
            assertThat(ignore.excluded("a")).isTrue();
            assertThat(ignore.excluded("a/b/c")).isTrue();
        }
    }

    @Nested
    class Exceptions {
        @Test
        void lastMatchingLineWins() {
            DockerIgnore ignore = rules("*.md", "!README*.md", "README-secret.md");
            assertThat(ignore.excluded("other.md")).isTrue();
            assertThat(ignore.excluded("README.md")).isFalse();
            assertThat(ignore.excluded("README-secret.md")).isTrue();
        }

        @Test
        void orderMatters() {
            DockerIgnore ignore = rules("*.md", "README-secret.md", "!README*.md");
            assertThat(ignore.excluded("README-secret.md")).isFalse();
            assertThat(ignore.excluded("other.md")).isTrue();
        }

        @Test
        void exceptionReincludesBelowAnExcludedDirectory() {
            DockerIgnore ignore = rules("dir", "!dir/keep");
            assertThat(ignore.excluded("dir")).isTrue();
            assertThat(ignore.excluded("dir/other")).isTrue();
            assertThat(ignore.excluded("dir/keep")).isFalse();
            assertThat(ignore.excluded("dir/keep/deeper")).isFalse();
        }

        @Test
        void bareExclamationMarkIsAnError() {
            assertThatThrownBy(() -> rules("a", "!"))
                    .isInstanceOf(ContextException.class)
                    .hasMessage(".dockerignore:2: illegal exclusion pattern: \"!\"");
        }
    }

    @Nested
    class Directories {
        @Test
        void excludingADirectoryExcludesEverythingBelow() {
            DockerIgnore ignore = rules("node_modules");
            assertThat(ignore.excluded("node_modules")).isTrue();
            assertThat(ignore.excluded("node_modules/a/b.js")).isTrue();
            assertThat(ignore.excluded("src/node_modules")).isFalse();
        }

        @Test
        void wildcardDirectoryExcludesItsContents() {
            DockerIgnore ignore = rules("*/cache");
            assertThat(ignore.excluded("a/cache/x/y")).isTrue();
        }
    }

    @Nested
    class Cleaning {
        @Test
        void leadingSlashDotSlashAndTrailingSlashAreTheSamePattern() {
            for (String spelling : new String[] {"/foo", "./foo", "foo/", "foo//", "bar/../foo", "  foo  "}) {
                DockerIgnore ignore = rules(spelling);
                assertThat(ignore.excluded("foo")).as(spelling).isTrue();
                assertThat(ignore.excluded("foo/x")).as(spelling).isTrue();
                assertThat(ignore.excluded("a/foo")).as(spelling).isFalse();
            }
        }

        @Test
        void callerPathsAreCleanedToo() {
            DockerIgnore ignore = rules("foo");
            assertThat(ignore.excluded("./foo")).isTrue();
            assertThat(ignore.excluded("/foo/")).isTrue();
        }

        @Test
        void commentsAndBlankLinesAreSkipped() {
            DockerIgnore ignore = rules("# comment", "", "   ", "\tfoo\t");
            assertThat(ignore.patterns()).extracting(IgnorePattern::pattern).containsExactly("foo");
            assertThat(ignore.patterns().get(0).line()).isEqualTo(4);
        }

        @Test
        void goWhitespaceIsTrimmed() {
            DockerIgnore ignore = rules("\u00A0foo\u0085", "!\u3000foo/keep");
            assertThat(ignore.excluded("foo/x")).isTrue();
            assertThat(ignore.excluded("foo/keep")).isFalse();
        }

        @Test
        void leadingDoubleStarBeforeAPlainNameIsASuffixTest() {
            DockerIgnore ignore = rules("**.log");
            assertThat(ignore.excluded("a.log")).isTrue();
            assertThat(ignore.excluded("deep/dir/b.log")).isTrue();
            assertThat(ignore.excluded("a.log.gz")).isFalse();
        }

        @Test
        void onlyAHashInTheFirstColumnStartsAComment() {
            DockerIgnore ignore = rules(" # not a comment");
            assertThat(ignore.excluded("# not a comment")).isTrue();
        }

        @Test
        void byteOrderMarkAndCarriageReturnsAreDropped() {
            DockerIgnore ignore = DockerIgnore.parse("\uFEFFfoo\r\nbar\r\n");
            assertThat(ignore.excluded("foo")).isTrue();
            assertThat(ignore.excluded("bar")).isTrue();
        }

        @Test
        void dockerfileAndDockerignoreCanBeListed() {
            DockerIgnore ignore = rules("Dockerfile", ".dockerignore");
            assertThat(ignore.excluded("Dockerfile")).isTrue();
            assertThat(ignore.excluded(".dockerignore")).isTrue();
            assertThat(ignore.excluded("Dockerfile.dev")).isFalse();
        }

        @Test
        void nothingIsExcludedWithoutRules() {
            assertThat(DockerIgnore.none().excluded("anything")).isFalse();
            assertThat(rules("").isEmpty()).isTrue();
        }
    }

    @Nested
    class Errors {
        @Test
        void unclosedClassNamesFileAndLine() {
            assertThatThrownBy(() -> rules("ok", "# c", "bad[")).isInstanceOf(ContextException.class)
                    .hasMessageStartingWith(".dockerignore:3:")
                    .hasMessageContaining("bad[");
        }

        @Test
        void otherGoSyntaxErrors() {
            for (String bad : new String[] {"a[]", "a[-z]", "a[a-]", "trailing\\", "[\\"}) {
                assertThatThrownBy(() -> rules(bad)).as(bad).isInstanceOf(ContextException.class)
                        .hasMessageContaining("syntax error in pattern");
            }
        }

        @Test
        void validClassesAreAccepted() {
            rules("]a]", "[a\\]]", "[z-a]", "x]");
        }
    }

    @Nested
    class Loading {
        @Test
        void missingFileExcludesNothing(@TempDir Path dir) {
            assertThat(DockerIgnore.load(dir).isEmpty()).isTrue();
        }

        @Test
        void dockerfileSpecificIgnoreFileWins(@TempDir Path dir) {
            new Tree(dir).ignore("*.log").file("build/app.Dockerfile", "FROM x\n")
                    .file("build/app.Dockerfile.dockerignore", "*.tmp\n[bad");
            assertThat(DockerIgnore.loadFor(dir, dir.resolve("Dockerfile")).excluded("x.log")).isTrue();
            assertThatThrownBy(() -> DockerIgnore.loadFor(dir, dir.resolve("build/app.Dockerfile")))
                    .hasMessageStartingWith("app.Dockerfile.dockerignore:2:");
        }

        @Test
        void loadsTheContextsFile(@TempDir Path dir) {
            new Tree(dir).ignore("*.log");
            assertThat(DockerIgnore.load(dir).excluded("x.log")).isTrue();
        }
    }
}
