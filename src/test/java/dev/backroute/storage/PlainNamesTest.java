package dev.backroute.storage;

import dev.backroute.storage.local.LocalStorage;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Whatever reaches a target, a name that is a path never becomes a read or delete outside its type folder. */
class PlainNamesTest {

    @TempDir
    Path dir;

    @Test
    void aLocalTargetRefusesToDeleteOrOpenThroughAPathName() throws Exception {
        Path victim = Files.writeString(dir.resolve("victim.txt"), "keep me");
        StorageTarget target = StorageTargets.create(new LocalStorage("local", dir.resolve("backups")));
        for (String name : new String[] {"../../victim.txt", "..", "a/b", "x\ny"}) {
            assertThatThrownBy(() -> target.delete("data_files", name)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("one plain path element");
            assertThatThrownBy(() -> target.open("data_files", name)).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> target.delete("..", "victim.txt")).isInstanceOf(IllegalArgumentException.class);
        assertThat(victim).hasContent("keep me");
    }

    @Test
    void objectKeysRefuseAPathName() {
        ObjectKeys keys = new ObjectKeys("prefix");
        assertThat(keys.key("logs", "logs_20260101_000000.tar.gz")).isEqualTo("prefix/logs/logs_20260101_000000.tar.gz");
        assertThatThrownBy(() -> keys.key("logs", "../postgresql/x")).isInstanceOf(IllegalArgumentException.class);
    }
}
