package dev.backroute.testsupport;

import com.sun.security.auth.module.UnixSystem;
import org.apache.commons.io.IOUtils;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compares two directory trees as a restore must reproduce them: the same relative paths with the
 * same types, file contents, permission bits, modification times (to the second), symbolic link
 * targets and, when running as root, owners. The two given directories themselves are not
 * compared, only what lies below them.
 */
public final class TreeAssert {

    private TreeAssert() {
    }

    public static boolean runningAsRoot() {
        return new UnixSystem().getUid() == 0;
    }

    public static void assertSameTree(Path expected, Path actual) throws IOException {
        Map<Path, Node> expectedNodes = nodes(expected);
        Map<Path, Node> actualNodes = nodes(actual);
        assertThat(actualNodes.keySet()).as("paths below %s", actual).containsExactlyElementsOf(expectedNodes.keySet());
        for (Path relative : expectedNodes.keySet()) {
            assertThat(actualNodes.get(relative)).as("metadata of %s", relative).isEqualTo(expectedNodes.get(relative));
            if (expectedNodes.get(relative).type == Type.FILE) {
                assertSameContent(expected.resolve(relative), actual.resolve(relative), relative);
            }
        }
    }

    private enum Type { FILE, DIRECTORY, SYMLINK, OTHER }

    /** What is compared besides file content; ownership only where it can be restored. */
    private record Node(Type type, String permissions, FileTime modified, String linkTarget, Integer uid, Integer gid) {}

    private static Map<Path, Node> nodes(Path root) throws IOException {
        Map<Path, Node> nodes = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path path : (Iterable<Path>) walk.filter(p -> !p.equals(root))::iterator) {
                nodes.put(root.relativize(path), node(path));
            }
        }
        return nodes;
    }

    private static Node node(Path path) throws IOException {
        Map<String, Object> a = Files.readAttributes(path, "unix:mode,uid,gid,lastModifiedTime", LinkOption.NOFOLLOW_LINKS);
        int mode = (Integer) a.get("mode");
        Type type = switch (mode & 0170000) {
            case 0100000 -> Type.FILE;
            case 0040000 -> Type.DIRECTORY;
            case 0120000 -> Type.SYMLINK;
            default -> Type.OTHER;
        };
        boolean link = type == Type.SYMLINK;
        boolean root = runningAsRoot();
        return new Node(type,
                link ? null : Integer.toOctalString(mode & 07777),
                FileTime.from(((FileTime) a.get("lastModifiedTime")).toInstant().truncatedTo(ChronoUnit.SECONDS)),
                link ? Files.readSymbolicLink(path).toString() : null,
                root ? (Integer) a.get("uid") : null,
                root ? (Integer) a.get("gid") : null);
    }

    private static void assertSameContent(Path expected, Path actual, Path relative) throws IOException {
        try (InputStream e = new BufferedInputStream(Files.newInputStream(expected));
             InputStream a = new BufferedInputStream(Files.newInputStream(actual))) {
            assertThat(IOUtils.contentEquals(e, a)).as("content of %s", relative).isTrue();
        }
    }
}
