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
 * lost the store) no longer counts, nor does one from this machine whose process is gone, so a kill -9 never
 * blocks the next run for long. A holder checks that its lock is still held (renewed in time on its monotonic
 * clock, and still in the store) before it indexes, commits or deletes: if not, others may have taken it for stale.
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

    /**
     * What a lock object says: kind, holder and when it was last written. {@code machine} tells this host's processes
     * apart from those of another machine or container that shares its name (boot id and pid namespace; empty when
     * unknown): only a holder on this very machine can be found dead by its pid.
     */
    record Holder(Kind kind, String host, long pid, String machine, Instant time, String unreadable) {
        /** A lock that opens with the key but that this Backroute cannot read (a newer version's): taken as a prune's. */
        static Holder unreadable(String name, Instant now) {
            return new Holder(Kind.EXCLUSIVE, "", 0, "", now, name);
        }

        @Override
        public String toString() {
            if (unreadable != null) {
                return "a lock this Backroute cannot read (" + unreadable + ", written by a newer version?); upgrade, or remove"
                        + " that object if no Backroute is running";
            }
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
    /** When the lock was last known to be in the store, on this process's monotonic clock: a pause or a jump of the wall clock does not hide a gap. */
    private volatile long renewedNanos;
    private volatile boolean lost;
    private boolean closed;

    private RepositoryLock(BlobStore store, Sealer sealer, Kind kind, Clock clock, String name) {
        this.store = store;
        this.sealer = sealer;
        this.kind = kind;
        this.clock = clock;
        this.name = name;
        this.renewedNanos = System.nanoTime();
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
        Duration pause = Duration.ofMillis(500);
        Holder announced = null;
        while (true) {
            String own = write(store, sealer, kind, clock.instant());
            Holder conflict;
            try {
                conflict = conflict(store, sealer, kind, own, clock);
            } catch (IOException | RuntimeException e) {
                store.delete(own); // a lock left behind would block every other host until it is stale
                throw e;
            }
            if (conflict == null) {
                return new RepositoryLock(store, sealer, kind, clock, own);
            }
            store.delete(own);
            if (!clock.instant().isBefore(deadline)) {
                throw new RepositoryLockedException("the repository is locked by " + conflict + "; wait for it to finish"
                        + " and try again (a lock not renewed for " + STALE.toMinutes() + " minutes is ignored)");
            }
            if (announced == null || announced.kind() != conflict.kind() || !announced.host().equals(conflict.host())) {
                LOG.info("waiting for the repository lock held by {}", conflict);
                announced = conflict;
            }
            pause(pause, Duration.between(clock.instant(), deadline));
            // Each try lists and reads every lock: on an object store, back off to one every half minute.
            pause = pause.multipliedBy(2).compareTo(Duration.ofSeconds(30)) > 0 ? Duration.ofSeconds(30) : pause.multipliedBy(2);
        }
    }

    /**
     * Rewrites the lock; what the refresh thread does every {@link #REFRESH}. A lock that was gone from the store, or
     * not renewed for so long that others may have taken it for stale, is lost for good: renewing it then would hide
     * that a prune may have run meanwhile.
     */
    synchronized void refresh() {
        if (closed || lost) {
            return;
        }
        try {
            if (overdue() || !store.exists(name)) {
                lost = true;
                LOG.warn("the repository lock {} was lost (not renewed in time, or removed)", name);
                return;
            }
            String renewed = write(store, sealer, kind, clock.instant());
            String old = name;
            name = renewed;
            renewedNanos = System.nanoTime();
            store.delete(old);
        } catch (IOException | RuntimeException e) {
            LOG.warn("could not renew the repository lock: {}", e.toString());
        }
    }

    /**
     * Throws unless the lock is still held: renewed in time and still in the store. A backup checks before it indexes
     * its packs and before its snapshot, a prune before it rewrites the index and deletes: what they did under it may
     * no longer be safe to commit if others took it for stale.
     */
    void checkHeld() throws IOException {
        if (lost || overdue() || !store.exists(name)) {
            lost = true;
            throw new RepositoryLockedException("the repository lock was lost (not renewed for " + (STALE.minus(REFRESH)).toMinutes()
                    + " minutes, or removed): a prune or backup elsewhere may have gone ahead, so this is not committed; run it again");
        }
    }

    /** Whether the lock is still held, as far as this process knows without asking the store. */
    boolean held() {
        return !lost && !overdue();
    }

    private boolean overdue() {
        return System.nanoTime() - renewedNanos > STALE.minus(REFRESH).toNanos();
    }

    /** Lock objects not renewed for {@link #STALE}, or left by a process of this machine that is gone: prune removes them. */
    static void removeStale(BlobStore store, Sealer sealer, String own, Clock clock) throws IOException {
        for (BlobStore.Blob blob : store.list(BlobName.LOCKS)) {
            if (!blob.name().equals(own)) {
                Holder holder = read(store, sealer, blob.name(), clock);
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

    /** This machine's id as locks record it. */
    static String machine() {
        return Machine.ID;
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
            Holder holder = read(store, sealer, blob.name(), clock);
            if (holder != null && kind.conflictsWith(holder.kind()) && live(holder, clock)) {
                return holder;
            }
        }
        return null;
    }

    /**
     * Live unless not renewed for {@link #STALE} by the observer's clock (hosts' clocks must agree within
     * STALE - REFRESH), dated further ahead than that (a clock far off, or a planted lock, would else block forever),
     * or held by a process of this machine that is gone.
     */
    static boolean live(Holder holder, Clock clock) {
        Instant now = clock.instant();
        if (Duration.between(holder.time(), now).compareTo(STALE) > 0 || holder.time().isAfter(now.plus(STALE))) {
            return false;
        }
        if (!holder.machine().isEmpty() && holder.machine().equals(Machine.ID) && holder.host().equals(Hosts.localHost())
                && holder.pid() != ProcessHandle.current().pid()) {
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
        root.put("machine", Machine.ID);
        root.put("time", now.toString());
        // Two locks written in the same instant by one process would otherwise be one object in a clear repository.
        root.put("nonce", HexFormat.of().formatHex(nonce));
        byte[] sealed = sealer.seal(JSON.writeValueAsBytes(root), ASSOCIATED);
        String name = BlobName.lock(ContentAddress.of(sealed));
        store.put(name, sealed);
        return name;
    }

    /**
     * The holder a lock object names; null (logged) for one that is gone, damaged, forged or made with another key.
     * One that opens with the key but does not parse is another version's: it counts, as a prune's lock.
     */
    static Holder read(BlobStore store, Sealer sealer, String name, Clock clock) throws IOException {
        byte[] plain;
        try {
            plain = sealer.open(ContentAddress.readVerified(store, name, MAX_BYTES, "lock"), ASSOCIATED);
        } catch (java.nio.file.NoSuchFileException e) {
            return null; // released since the listing
        } catch (RepositoryCorruptException | Sealer.SealBrokenException e) {
            LOG.warn("ignoring repository lock {}: it is damaged, forged or made with another key", name);
            return null;
        }
        try {
            JsonNode root = JSON.readTree(plain);
            String host = root.path("host").asText("");
            long pid = root.path("pid").asLong(0);
            String machine = root.path("machine").asText("");
            if (root.path("version").asInt() != 1 || host.isEmpty() || host.length() > 255 || !host.matches("[\\x21-\\x7e]+")
                    || pid <= 0 || machine.length() > 200) {
                return Holder.unreadable(name, clock.instant());
            }
            return new Holder(Kind.valueOf(root.path("kind").asText()), host, pid, machine, Instant.parse(root.path("time").asText()),
                    null);
        } catch (IllegalArgumentException | DateTimeParseException | com.fasterxml.jackson.core.JsonProcessingException e) {
            return Holder.unreadable(name, clock.instant());
        }
    }

    private static void pause(Duration pause, Duration left) throws InterruptedIOException {
        long millis = Math.min(left.toMillis(), pause.toMillis() / 2 + ThreadLocalRandom.current().nextLong(pause.toMillis()));
        try {
            Thread.sleep(Math.max(1, millis));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the repository lock");
        }
    }

    /** This machine's boot id and pid namespace: a pid means the same process only where both are the same. */
    private static final class Machine {
        static final String ID = read();

        private static String read() {
            try {
                return java.nio.file.Files.readString(java.nio.file.Path.of("/proc/sys/kernel/random/boot_id")).trim() + "/"
                        + java.nio.file.Files.readSymbolicLink(java.nio.file.Path.of("/proc/self/ns/pid"));
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                return "";
            }
        }
    }
}
