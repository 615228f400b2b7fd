package dev.backroute.repository;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.backroute.Hosts;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/**
 * A lock object in the repository's {@code locks/} folder, as restic keeps them: backups hold shared locks, prune
 * an exclusive one, so prune never deletes a chunk that a backup in flight (on any host) is about to reference,
 * and never runs while a backup's packs are not yet indexed. The per-host type lock cannot see other hosts; the
 * store can.
 *
 * <p>Taking a lock writes it, then lists the others: a conflicting live lock makes the writer remove its own and
 * try again until {@code wait} is over (two writers that meet both back off, with random pauses). A holder
 * rewrites its lock every {@link #REFRESH}; a lock not rewritten for {@link #STALE} (its holder was killed, or
 * lost the store) no longer counts, nor does one from this host whose process is gone, so a kill -9 never blocks
 * the next run for long. A backup checks before committing that its lock stayed fresh: if it could not be
 * rewritten for that long, a prune elsewhere may have gone ahead.
 *
 * <p>Locks are sealed like every object: in an encrypted repository a lock that does not open (planted, or
 * another key's) is ignored. In a clear one anyone who can write the store can plant a lock that blocks prune
 * until it is stale; that is a delay, not a loss (docs/security.md).
 */
public final class RepositoryLock implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(RepositoryLock.class);
    static final Duration REFRESH = Duration.ofMinutes(5);
    static final Duration STALE = Duration.ofMinutes(30);
    private static final byte[] ASSOCIATED = "backroute lock v1".getBytes(StandardCharsets.US_ASCII);
    private static final int MAX_BYTES = 4096;
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final SecureRandom RANDOM = new SecureRandom();

    /** Who may hold a lock alongside whom. */
    public enum Kind {
        /** A backup: any number at once. */
        SHARED,
        /** Prune: alone. */
        EXCLUSIVE;

        boolean conflictsWith(Kind other) {
            return this == EXCLUSIVE || other == EXCLUSIVE;
        }
    }

    /** What a lock object says: kind, holder and when it was last written. */
    record Holder(Kind kind, String host, long pid, Instant time) {
        @Override
        public String toString() {
            return (kind == Kind.EXCLUSIVE ? "a prune" : "a backup") + " on host " + host + " (pid " + pid + ", lock written "
                    + time + ")";
        }
    }

    private final BlobStore store;
    private final Sealer sealer;
    private final Kind kind;
    private final Clock clock;
    private final ScheduledExecutorService refresher;
    private volatile String name;
    private volatile Instant written;
    private boolean closed;

    private RepositoryLock(BlobStore store, Sealer sealer, Kind kind, Clock clock, String name, Instant written) {
        this.store = store;
        this.sealer = sealer;
        this.kind = kind;
        this.clock = clock;
        this.name = name;
        this.written = written;
        this.refresher = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "backroute-lock-refresh");
            t.setDaemon(true);
            return t;
        });
        refresher.scheduleWithFixedDelay(this::refresh, REFRESH.toMillis(), REFRESH.toMillis(), TimeUnit.MILLISECONDS);
    }

    /**
     * Takes a lock of {@code kind}, waiting up to {@code wait} for conflicting holders to finish.
     *
     * @throws RepositoryLockedException naming the holder when the wait is over
     */
    static RepositoryLock acquire(BlobStore store, Sealer sealer, Kind kind, Duration wait, Clock clock) throws IOException {
        Instant deadline = clock.instant().plus(wait);
        while (true) {
            Instant now = clock.instant();
            String own = write(store, sealer, kind, now);
            Holder conflict = conflict(store, sealer, kind, own, clock);
            if (conflict == null) {
                return new RepositoryLock(store, sealer, kind, clock, own, now);
            }
            store.delete(own);
            LOG.info("waiting for the repository lock held by {}", conflict);
            if (!clock.instant().isBefore(deadline)) {
                throw new RepositoryLockedException("the repository is locked by " + conflict + "; wait for it to finish"
                        + " and try again (a lock not renewed for " + STALE.toMinutes() + " minutes is ignored)");
            }
            pause(Duration.between(clock.instant(), deadline));
        }
    }

    /** Rewrites the lock now; also what the refresh thread does every {@link #REFRESH}. */
    synchronized void refresh() {
        if (closed) {
            return;
        }
        try {
            Instant now = clock.instant();
            String renewed = write(store, sealer, kind, now);
            String old = name;
            name = renewed;
            written = now;
            store.delete(old);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not renew the repository lock: {}", e.toString());
        }
    }

    /**
     * Throws when the lock has not been rewritten for so long that other hosts may have taken it for stale: what
     * this holder did under it (a backup's new snapshot) may no longer be safe to commit.
     */
    void checkHeld() throws RepositoryLockedException {
        if (Duration.between(written, clock.instant()).compareTo(STALE.minus(REFRESH)) > 0) {
            throw new RepositoryLockedException("the repository lock could not be renewed since " + written
                    + " (the store was unreachable?): a prune may have run meanwhile, so this backup is not committed; run it again");
        }
    }

    /** Lock objects not renewed for {@link #STALE}, or left by a process of this host that is gone: prune removes them. */
    static void removeStale(BlobStore store, Sealer sealer, String own, Clock clock) throws IOException {
        for (BlobStore.Blob blob : store.list(BlobName.LOCKS)) {
            if (!blob.name().equals(own)) {
                Holder holder = read(store, sealer, blob.name());
                if (holder != null && !live(holder, clock)) {
                    LOG.info("removing the stale repository lock of {}", holder);
                    store.delete(blob.name());
                }
            }
        }
    }

    String name() {
        return name;
    }

    @Override
    public synchronized void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        refresher.shutdownNow();
        store.delete(name);
    }

    private static Holder conflict(BlobStore store, Sealer sealer, Kind kind, String own, Clock clock) throws IOException {
        for (BlobStore.Blob blob : store.list(BlobName.LOCKS)) {
            if (blob.name().equals(own)) {
                continue;
            }
            Holder holder = read(store, sealer, blob.name());
            if (holder != null && kind.conflictsWith(holder.kind()) && live(holder, clock)) {
                return holder;
            }
        }
        return null;
    }

    static boolean live(Holder holder, Clock clock) {
        if (Duration.between(holder.time(), clock.instant()).compareTo(STALE) > 0) {
            return false;
        }
        if (holder.host().equals(Hosts.localHost()) && holder.pid() != ProcessHandle.current().pid()) {
            return ProcessHandle.of(holder.pid()).map(ProcessHandle::isAlive).orElse(false);
        }
        return true;
    }

    private static String write(BlobStore store, Sealer sealer, Kind kind, Instant now) throws IOException {
        byte[] nonce = new byte[16];
        RANDOM.nextBytes(nonce);
        ObjectNode root = JSON.createObjectNode();
        root.put("version", 1);
        root.put("kind", kind.name());
        root.put("host", Hosts.localHost());
        root.put("pid", ProcessHandle.current().pid());
        root.put("time", now.toString());
        // Two locks written in the same instant by one process would otherwise be one object in a clear repository.
        root.put("nonce", HexFormat.of().formatHex(nonce));
        byte[] sealed = sealer.seal(JSON.writeValueAsBytes(root), ASSOCIATED);
        String name = BlobName.lock(ContentAddress.of(sealed));
        store.put(name, sealed);
        return name;
    }

    /** The holder a lock object names, or null (logged) for one that is gone, damaged, forged or malformed. */
    static Holder read(BlobStore store, Sealer sealer, String name) throws IOException {
        try {
            JsonNode root = JSON.readTree(sealer.open(ContentAddress.readVerified(store, name, MAX_BYTES, "lock"), ASSOCIATED));
            String host = root.path("host").asText("");
            long pid = root.path("pid").asLong(0);
            if (root.path("version").asInt() != 1 || host.isEmpty() || host.length() > 255 || !host.matches("[\\x21-\\x7e]+")
                    || pid <= 0) {
                throw new RepositoryCorruptException("lock " + name + " is malformed");
            }
            return new Holder(Kind.valueOf(root.path("kind").asText()), host, pid, Instant.parse(root.path("time").asText()));
        } catch (java.nio.file.NoSuchFileException e) {
            return null; // released since the listing
        } catch (RepositoryCorruptException | Sealer.SealBrokenException | IllegalArgumentException | DateTimeParseException
                 | com.fasterxml.jackson.core.JsonProcessingException e) {
            LOG.warn("ignoring repository lock {}: it is damaged, forged or made with another key", name);
            return null;
        }
    }

    private static void pause(Duration left) throws InterruptedIOException {
        long millis = Math.min(left.toMillis(), ThreadLocalRandom.current().nextLong(300, 1500));
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the repository lock");
        }
    }
}
