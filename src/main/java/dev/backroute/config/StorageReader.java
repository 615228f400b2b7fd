package dev.backroute.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the {@code storage} section: named targets, each read by the {@link StorageKind} its {@code type} names, plus
 * the bandwidth limits every kind accepts ({@link LimitedStorage}).
 */
final class StorageReader {
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_-]+");

    private StorageReader() {}

    static Map<String, StorageConfig> read(Fields f) {
        Map<String, StorageConfig> targets = new LinkedHashMap<>();
        Map<String, Node> entries = f.entries();
        if (entries.isEmpty()) {
            f.problem("define at least one storage target, e.g. \"local\": {\"type\": \"local\", \"path\": \"backups\"}");
        }
        entries.forEach((name, node) -> {
            if (!NAME.matcher(name).matches()) {
                node.problem("storage target names may use only letters, digits, '_' and '-'");
                return;
            }
            StorageConfig target = node.object(t -> target(name, t));
            if (target != null) {
                targets.put(name, target);
            }
        });
        return targets;
    }

    private static StorageConfig target(String name, Fields f) {
        List<String> kinds = StorageKinds.names();
        String type = f.required("type", "(one of " + String.join(", ", kinds) + ")");
        Optional<StorageKind> kind = StorageKinds.find(type);
        if (kind.isPresent()) {
            StorageConfig target = kind.get().read(name, f);
            Bandwidth limits = Bandwidth.read(f);
            return limits.isLimited() ? new LimitedStorage(target, limits) : target;
        }
        f.check("type", type.isEmpty(), "must be one of " + String.join(", ", kinds) + ", got '" + type + "'"
                + DidYouMean.hint(type, kinds));
        f.ignoreOtherKeys();
        return null;
    }
}
