package dev.backroute.backup;

import dev.backroute.storage.StorageTarget;

import java.io.IOException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** Backup ids are {@code <type>_<yyyyMMdd_HHmmss>} in UTC, with {@code _N} added when that second is taken. */
public final class BackupIds {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);

    private BackupIds() {}

    public static String allocate(String type, Instant at, List<StorageTarget> targets) throws IOException {
        Set<String> taken = new HashSet<>();
        for (StorageTarget t : targets) {
            for (String name : t.list(type)) {
                int dot = name.indexOf('.');
                taken.add(dot < 0 ? name : name.substring(0, dot));
            }
        }
        String base = type + "_" + STAMP.format(at);
        String id = base;
        for (int n = 1; taken.contains(id); n++) {
            id = base + "_" + n;
        }
        return id;
    }
}
