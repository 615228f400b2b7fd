package dev.backroute.restore;

import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** How {@code ls} shows an entry's mode and takes the PATH an operator types. */
class BackupEntryTest {

    @Test
    void modeReadsAsLsShowsItWithSetIdAndStickyBitsOverTheExecuteBits() {
        assertThat(entry(BackupEntry.Kind.FILE, 0644).modeString()).isEqualTo("-rw-r--r--");
        assertThat(entry(BackupEntry.Kind.DIRECTORY, 0750).modeString()).isEqualTo("drwxr-x---");
        assertThat(entry(BackupEntry.Kind.SYMLINK, 0777).modeString()).isEqualTo("lrwxrwxrwx");
        assertThat(entry(BackupEntry.Kind.FILE, 04755).modeString()).isEqualTo("-rwsr-xr-x");
        assertThat(entry(BackupEntry.Kind.FILE, 02640).modeString()).isEqualTo("-rw-r-S---");
        assertThat(entry(BackupEntry.Kind.DIRECTORY, 01777).modeString()).isEqualTo("drwxrwxrwt");
        assertThat(entry(BackupEntry.Kind.DIRECTORY, 01770).modeString()).isEqualTo("drwxrwx--T");
    }

    @Test
    void aTypedPathIsTakenAsEntriesNameItAndSelectsItselfAndWhatLiesBelow() {
        assertThat(BackupEntry.pathOf("./src/sub/")).isEqualTo("src/sub");
        assertThat(BackupEntry.pathOf(".")).isNull();
        assertThat(BackupEntry.pathOf("./")).isNull();
        assertThat(BackupEntry.pathOf(null)).isNull();
        BackupEntry sub = new BackupEntry(BackupEntry.Kind.FILE, "src/sub/b.bin", 0600, 0, 0, "", "", 1, Instant.EPOCH, null);
        assertThat(sub.within("src/sub")).isTrue();
        assertThat(sub.within("src/sub/b.bin")).isTrue();
        assertThat(sub.within("src/su")).isFalse();
        assertThat(sub.within(null)).isTrue();
    }

    private static BackupEntry entry(BackupEntry.Kind kind, int mode) {
        return new BackupEntry(kind, "x", mode, 0, 0, "root", "root", 0, Instant.EPOCH, kind == BackupEntry.Kind.SYMLINK ? "y" : null);
    }
}
