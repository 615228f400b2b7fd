package dev.backroute.alert;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backroute.Errors;
import dev.backroute.storage.OwnerOnly;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;

/**
 * Decides which alerts are sent. A series is the failures of one (type, kind): its first failure is sent,
 * further ones within the window are only counted, the first one after the window is sent as a reminder
 * with that count, and the next success of the type closes every series of the type that a success
 * ends (not {@link Alert.Kind#FUTURE_DATED}, {@link Alert.Kind#UNTRUSTED_MANIFEST}, nor the kinds a kind of its own
 * {@linkplain Alert.Kind#ends ends}: a drill's, the cluster database's) with one RECOVERED notice.
 *
 * <p>The series live in {@code backup_dir/.alerts/state.json} (owner-only, replaced atomically), read and
 * written under a file lock for each decision, so CLI runs and the {@code run} runtime share them and they
 * survive restarts. When the state cannot be read or written the alert is sent anyway: a lost reminder
 * count is better than a lost alert.
 */
public final class AlertThrottle {
    private static final Logger LOG = LoggerFactory.getLogger(AlertThrottle.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    /** One lock for every throttle of this JVM: file locks are per process, and alerts are rare. */
    private static final ReentrantLock JVM_LOCK = new ReentrantLock();
    static final String STATE_FILE = "state.json";

    private final Path dir;
    private final Duration window;
    private final Clock clock;

    public AlertThrottle(Path backupDir, Duration window, Clock clock) {
        this.dir = backupDir.resolve(".alerts");
        this.window = window;
        this.clock = clock;
    }

    public Path stateFile() {
        return dir.resolve(STATE_FILE);
    }

    public Duration window() {
        return window;
    }

    /** The notice to send for a failure, or empty when it is suppressed. A RECOVERED alert counts as a success. */
    public Optional<AlertNotice> onFailure(Alert alert) {
        if (alert.kind() == Alert.Kind.RECOVERED) {
            return onSuccess(alert.type());
        }
        Alert.Kind ended = alert.kind().ends();
        if (ended != null) {
            return close(alert.type(), ended.name()::equals, alert.kind());
        }
        return locked(state -> {
            Instant now = clock.instant();
            Map<String, Series> series = state.computeIfAbsent(alert.type(), t -> new TreeMap<>());
            Series s = series.get(alert.kind().name());
            if (s == null) {
                series.put(alert.kind().name(), new Series(now, now, 1, 0));
                return Optional.of(AlertNotice.first(alert));
            }
            if (now.isBefore(s.lastAlertAt.plus(window))) {
                series.put(alert.kind().name(), new Series(s.firstFailureAt, s.lastAlertAt, s.failures + 1, s.suppressed + 1));
                LOG.info("alert {} for {} suppressed: {} failure(s) since the last alert at {}; next reminder from {}",
                        alert.kind(), alert.type(), s.suppressed + 1, s.lastAlertAt, s.lastAlertAt.plus(window));
                return Optional.empty();
            }
            series.put(alert.kind().name(), new Series(s.firstFailureAt, now, s.failures + 1, 0));
            return Optional.of(new AlertNotice(alert, true, s.suppressed + 1, s.lastAlertAt, s.firstFailureAt, ""));
        });
    }

    /** The RECOVERED notice to send after a success of {@code type}, or empty when nothing was outstanding. */
    public Optional<AlertNotice> onSuccess(String type) {
        return close(type, AlertThrottle::endedBySuccess, Alert.Kind.RECOVERED);
    }

    /** Ends the type's series of the kinds {@code ends} accepts; the notice, of kind {@code recovery}, when one was open. */
    private Optional<AlertNotice> close(String type, Predicate<String> ends, Alert.Kind recovery) {
        return locked(state -> {
            Map<String, Series> open = state.getOrDefault(type, new TreeMap<>());
            Map<String, Series> series = new TreeMap<>(open);
            series.keySet().removeIf(ends.negate());
            open.keySet().removeAll(series.keySet());
            if (open.isEmpty()) {
                state.remove(type);
            }
            if (series.isEmpty()) {
                return Optional.empty();
            }
            Instant now = clock.instant();
            Instant first = series.values().stream().map(s -> s.firstFailureAt).min(Instant::compareTo).orElse(now);
            int failures = series.values().stream().mapToInt(s -> s.failures).sum();
            List<String> kinds = new ArrayList<>();
            for (String kind : series.keySet()) {
                kinds.add(describe(kind));
            }
            Alert recovered = Alert.of(recovery, type, "", now, null, now, null);
            return Optional.of(new AlertNotice(recovered, false, failures, null, first, String.join(", ", kinds)));
        });
    }

    private static boolean endedBySuccess(String kind) {
        try {
            return Alert.Kind.valueOf(kind).endedBySuccess();
        } catch (IllegalArgumentException e) {
            return true;
        }
    }

    private static String describe(String kind) {
        try {
            Alert.Kind k = Alert.Kind.valueOf(kind);
            return k.activity() + " " + k.state();
        } catch (IllegalArgumentException e) {
            return kind;
        }
    }

    private record Series(Instant firstFailureAt, Instant lastAlertAt, int failures, int suppressed) {}

    private interface Decision {
        Optional<AlertNotice> decide(Map<String, Map<String, Series>> state);
    }

    private Optional<AlertNotice> locked(Decision decision) {
        JVM_LOCK.lock();
        try {
            FileChannel lockChannel = null;
            FileLock lock = null;
            try {
                OwnerOnly.createDirectories(dir);
                lockChannel = FileChannel.open(dir.resolve("state.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                lock = lockChannel.lock();
            } catch (IOException | RuntimeException e) {
                LOG.warn("alert throttle state in {} cannot be locked ({}); deciding without other processes' view", dir, Errors.describe(e));
            }
            try {
                Map<String, Map<String, Series>> state = read();
                Optional<AlertNotice> notice = decision.decide(state);
                write(state);
                return notice;
            } finally {
                closeQuietly(lock, lockChannel);
            }
        } finally {
            JVM_LOCK.unlock();
        }
    }

    private static void closeQuietly(FileLock lock, FileChannel channel) {
        try {
            if (lock != null) {
                lock.release();
            }
            if (channel != null) {
                channel.close();
            }
        } catch (IOException e) {
            LOG.debug("closing the alert state lock failed", e);
        }
    }

    private Map<String, Map<String, Series>> read() {
        Map<String, Map<String, Series>> state = new TreeMap<>();
        Path file = stateFile();
        JsonNode root;
        try {
            root = JSON.readTree(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return state;
        } catch (IOException | RuntimeException e) {
            LOG.warn("alert throttle state {} is unreadable ({}); starting afresh", file, Errors.describe(e));
            return state;
        }
        try {
            JsonNode types = root.path("open");
            for (Iterator<Map.Entry<String, JsonNode>> t = types.fields(); t.hasNext(); ) {
                Map.Entry<String, JsonNode> type = t.next();
                Map<String, Series> series = new TreeMap<>();
                for (Iterator<Map.Entry<String, JsonNode>> k = type.getValue().fields(); k.hasNext(); ) {
                    Map.Entry<String, JsonNode> kind = k.next();
                    JsonNode s = kind.getValue();
                    series.put(kind.getKey(), new Series(Instant.parse(s.path("first_failure_at").asText()),
                            Instant.parse(s.path("last_alert_at").asText()), s.path("failures").asInt(1),
                            s.path("failures_since_last_alert").asInt(0)));
                }
                if (!series.isEmpty()) {
                    state.put(type.getKey(), series);
                }
            }
        } catch (RuntimeException e) {
            LOG.warn("alert throttle state {} is malformed ({}); starting afresh", file, Errors.describe(e));
            state.clear();
        }
        return state;
    }

    private void write(Map<String, Map<String, Series>> state) {
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("throttle_minutes", window.toMinutes());
        ObjectNode open = root.putObject("open");
        state.forEach((type, series) -> {
            if (series.isEmpty()) {
                return;
            }
            ObjectNode t = open.putObject(type);
            series.forEach((kind, s) -> {
                ObjectNode k = t.putObject(kind);
                k.put("first_failure_at", s.firstFailureAt.toString());
                k.put("last_alert_at", s.lastAlertAt.toString());
                k.put("failures", s.failures);
                k.put("failures_since_last_alert", s.suppressed);
            });
        });
        Path file = stateFile();
        Path temp = null;
        try {
            OwnerOnly.createDirectories(dir);
            temp = Files.createTempFile(dir, STATE_FILE + ".", ".tmp", OwnerOnly.fileAttribute());
            Files.write(temp, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root));
            OwnerOnly.restrict(temp);
            try {
                Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException | RuntimeException e) {
            LOG.warn("alert throttle state {} cannot be written ({}); throttling may repeat alerts", file, Errors.describe(e));
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException ignored) {
                    // best effort
                }
            }
        }
    }
}
