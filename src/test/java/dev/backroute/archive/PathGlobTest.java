package dev.backroute.archive;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The glob syntax of recover --include/--exclude, as docs/recovery.md states it. */
class PathGlobTest {

    @ParameterizedTest(name = "{0} ~ {1}: {2}")
    @CsvSource(delimiter = '|', value = {
            "src/*.txt          | src/a.txt               | true",
            "src/*.txt          | src/sub/a.txt           | false",
            "*                  | src                     | true",
            "*                  | src/a.txt               | false",
            "src/**             | src/sub/deeper/a.txt    | true",
            "src/**             | src                     | true",
            "src/**             | srcx/a                  | false",
            "**/a.txt           | a.txt                   | true",
            "**/a.txt           | src/sub/a.txt           | true",
            "**/a.txt           | src/ba.txt              | false",
            "src/**/a.txt       | src/a.txt               | true",
            "src/**/a.txt       | src/x/y/a.txt           | true",
            "src/**/**/a.txt    | src/a.txt               | true",
            "**                 | any/depth/at/all        | true",
            "src/a**            | src/abc/def             | true",
            "src/?.txt          | src/a.txt               | true",
            "src/?.txt          | src/ab.txt              | false",
            "src/?              | src//                   | false",
            "src/[ab].txt       | src/b.txt               | true",
            "src/[ab].txt       | src/c.txt               | false",
            "src/[a-c].txt      | src/c.txt               | true",
            "src/[!a-c].txt     | src/d.txt               | true",
            "src/[!a-c].txt     | src/b.txt               | false",
            "src/[]x].txt       | src/].txt               | true",
            "src/\\*.txt        | src/*.txt               | true",
            "src/\\*.txt        | src/a.txt               | false",
            "src/a.txt          | src/aXtxt               | false",
            "src/(1)+$.txt      | src/(1)+$.txt           | true",
            "src/nested/        | src/nested              | true",
            "Amélie*/résumé.txt | Amélie (2001)/résumé.txt | true",
            "😀*                | 😀.txt                   | true",
            "[😀].txt           | 😀.txt                   | true",
    })
    void matchesTheWholePath(String glob, String path, boolean matches) {
        assertThat(PathGlob.of(glob).matches(path)).isEqualTo(matches);
    }

    @Test
    void matchesAPathBelowAMatchedDirectory() {
        PathGlob glob = PathGlob.of("src/nes*");
        assertThat(glob.matchesOrAbove("src/nested/deeper/leaf.txt")).isTrue();
        assertThat(glob.matchesOrAbove("src/other/nested.txt")).isFalse();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "/src/a.txt | paths in a backup are relative, as backroute ls shows them: drop the leading '/'",
            "/          | paths in a backup are relative, as backroute ls shows them: drop the leading '/'",
            "src/[ab    | it has a '[' without its ']' (a set cannot hold '/'; escape a literal '[' as '\\[')",
            "src/[a/b]  | it has a '[' without its ']' (a set cannot hold '/'; escape a literal '[' as '\\[')",
            "src\\      | it ends in a lone '\\' (escape it as '\\\\')",
    })
    void aMalformedPatternIsRefusedSayingWhy(String glob, String why) {
        assertThatThrownBy(() -> PathGlob.of(glob)).isInstanceOf(IllegalArgumentException.class).hasMessage(why);
    }

    @Test
    void anEmptyPatternIsRefused() {
        assertThatThrownBy(() -> PathGlob.of("")).hasMessage("a pattern cannot be empty");
    }

    @Test
    void anExcludeWinsOverAnIncludeAndCoversWhatIsBelowIt() {
        PathPatterns patterns = new PathPatterns(List.of(PathGlob.of("src")), List.of(PathGlob.of("src/private")));
        assertThat(patterns.selects("src/a.txt")).isTrue();
        assertThat(patterns.selects("src/private")).isFalse();
        assertThat(patterns.selects("src/private/secret.txt")).isFalse();
        assertThat(patterns.selects("other")).isFalse();
        assertThat(new PathPatterns(List.of(), List.of(PathGlob.of("**/*.tmp"))).selects("src/x.txt")).isTrue();
    }
}
