package dev.backroute.drill;

import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.catalog.ManifestCheck;
import dev.backroute.catalog.Manifests;
import dev.backroute.config.BackupConfig;
import dev.backroute.storage.StorageTarget;
import dev.backroute.storage.StorageTargets;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.security.SecureRandom;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * Drill records in each type's folder on its storage targets, beside the backups:
 * {@code drill-<yyyyMMdd_HHmmss>-<6 letters>.json}. The name can never be taken for a backup's (a type name has no
 * '-'), so retention and the orphan sweep leave it alone. A record is believed only when its seal checks (with a
 * keyset configured), its type is the folder's, its backup ids are the type's and its times are sane: storage is not
 * trusted to say a drill passed.
 */
public final class DrillRecords {
    private static final Logger LOG = LoggerFactory.getLogger(DrillRecords.class);
    private static final Pattern NAME = Pattern.compile("drill-\\d{8}_\\d{6}-[a-z]{6}\\.json");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd_HHmmss").withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    static final int KEPT = 24;

    private final BackupConfig config;
    private final ManifestAuthority authority;

    public DrillRecords(BackupConfig config, ManifestAuthority authority) {
        this.config = config;
        this.authority = authority;
    }

    /** Writes the record to every target of its type; a target that fails is logged, and the error returned for the caller to report. */
    public String write(DrillRecord record) {
        byte[] json = authority.sealedJson(record);
        StringBuilder name = new StringBuilder("drill-").append(STAMP.format(record.startedAt())).append('-');
        RANDOM.ints(6, 'a', 'z' + 1).forEach(c -> name.append((char) c));
        name.append(".json");
        String errors = null;
        for (StorageTarget target : StorageTargets.forType(config, config.type(record.type()))) {
            try {
                target.putManifest(record.type(), name.toString(), json);
            } catch (IOException | RuntimeException e) {
                String problem = "could not write drill record " + name + " to storage target '" + target.name() + "': " + e.getMessage();
                LOG.warn("{}", problem);
                errors = errors == null ? problem : errors + "; " + problem;
                continue;
            }
            try {
                forgetOld(target, record.type());
            } catch (IOException | RuntimeException e) {
                LOG.warn("could not remove old drill records of {} from storage target '{}': {}", record.type(), target.name(), e.getMessage());
            }
        }
        return errors;
    }

    /**
     * Keeps the {@value #KEPT} newest believable records of the target (two years of monthly drills), so that reading
     * the last drill stays cheap. Only records that are believed are counted and deleted, by their sealed start: with a
     * keyset, a planted record, however it is named or dated, can neither push a genuine one out nor be removed as one
     * (without a keyset nothing is sealed, and a planted record dated ahead counts like any other). Called under the
     * type's drill lock, after the new record is stored.
     */
    private void forgetOld(StorageTarget target, String type) throws IOException {
        Map<String, DrillRecord> believed = new HashMap<>();
        for (String name : target.list(type)) {
            if (NAME.matcher(name).matches()) {
                DrillRecord read = read(target, type, name);
                if (read != null) {
                    believed.put(name, read);
                }
            }
        }
        List<String> newestFirst = believed.keySet().stream()
                .sorted(Comparator.comparing((String n) -> believed.get(n).startedAt()).reversed()).toList();
        for (String old : newestFirst.subList(Math.min(KEPT, newestFirst.size()), newestFirst.size())) {
            target.delete(type, old);
        }
    }

    /** The newest believable drill record of the type on any of its targets, by when the drill started. */
    public Optional<DrillRecord> latest(String type) throws IOException {
        return newest(type, r -> true);
    }

    /** The newest believable record of a drill of the type that passed. */
    public Optional<DrillRecord> latestPassed(String type) throws IOException {
        return newest(type, DrillRecord::success);
    }

    private Optional<DrillRecord> newest(String type, Predicate<DrillRecord> which) throws IOException {
        DrillRecord newest = null;
        for (StorageTarget target : StorageTargets.forType(config, config.type(type))) {
            for (String name : target.list(type)) {
                if (!NAME.matcher(name).matches()) {
                    continue;
                }
                DrillRecord read = read(target, type, name);
                if (read != null && which.test(read) && (newest == null || BY_START.compare(read, newest) > 0)) {
                    newest = read;
                }
            }
        }
        return Optional.ofNullable(newest);
    }

    private static final Comparator<DrillRecord> BY_START = Comparator.comparing(DrillRecord::startedAt);

    /** The record, or null (logged) when it is unreadable or not to be believed. */
    private DrillRecord read(StorageTarget target, String type, String name) {
        String where = target.uri(type, name);
        try {
            Manifests.Sealed sealed = Manifests.readSealed(target.open(type, name), "drill record", where);
            String distrust = authority.distrust(sealed, "drill record", where);
            if (distrust != null) {
                LOG.warn("{}", distrust);
                return null;
            }
            DrillRecord record = Manifests.mapper().treeToValue(sealed.tree(), DrillRecord.class);
            String problem = problem(type, record, Instant.now().plus(config.operations().maxClockSkew()));
            if (problem != null) {
                LOG.warn("drill record {} is not used: {}", where, problem);
                return null;
            }
            return record;
        } catch (IOException | RuntimeException e) {
            LOG.warn("drill record {} is not readable: {}", where, e.getMessage());
            return null;
        }
    }

    /** Null when the record's fields are what a drill of {@code type} writes. */
    /** {@code latest}: the latest start believable (now and the clock skew allowed, as for manifests). */
    static String problem(String type, DrillRecord r, Instant latest) {
        if (!DrillRecord.KIND.equals(r.record()) || !type.equals(r.type())) {
            return "it is not a drill record of " + type;
        }
        if (r.startedAt() == null || r.finishedAt() == null || r.finishedAt().isBefore(r.startedAt())) {
            return "its started_at/finished_at are missing or out of order";
        }
        if (r.startedAt().isAfter(latest)) {
            // Else a record dated ahead would stay "the last drill", whatever drills ran since.
            return "it says the drill started at " + r.startedAt() + ", beyond operations.max_clock_skew_minutes in the future";
        }
        if (r.runId() != null && !ManifestCheck.isIdOf(type, r.runId())) {
            return "run_id is not a backup id of " + type;
        }
        for (DrillRecord.Backup b : r.backups()) {
            if (!ManifestCheck.isIdOf(type, b.backupId())) {
                return "backup_id is not a backup id of " + type;
            }
        }
        if (r.success() && (r.backups().isEmpty() || r.backups().stream().anyMatch(b -> b.checks().isEmpty()
                || b.checks().stream().anyMatch(c -> !c.passed())))) {
            return "it says success but a check failed or none ran";
        }
        return null;
    }

    /** The drill's stamp: what scratch names end with. */
    public static String stamp(Instant at) {
        return STAMP.format(at);
    }
}
