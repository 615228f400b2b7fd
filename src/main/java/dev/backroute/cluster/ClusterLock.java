package dev.backroute.cluster;

import dev.backroute.Errors;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A lock held across the members of the cluster: a PostgreSQL session-level advisory lock in the cluster database,
 * taken on a connection of its own. The server releases it when that session ends, so a holder that was killed, or
 * whose host vanished (the connection's keepalives notice it, see {@link ClusterDatabase#connect}), never leaves it
 * held. Locks are named as the file locks under {@code backup_dir/.locks} are ({@code data_files},
 * {@code data_files.drill}, {@code data_files.catalog}), so a member's file lock and its cluster lock guard the same
 * thing.
 */
public final class ClusterLock implements AutoCloseable {
    private static final long POLL_MILLIS = 500;
    /** Far beyond the few seconds a catalog change takes, and short enough that a wedged holder is reported. */
    static final Duration LONGEST_CHANGE = Duration.ofMinutes(10);
    private static final int VALID_TIMEOUT_SECONDS = 10;
    /** An advisory lock on one bigint shows in pg_locks as its high half (classid) and low half (objid), objsubid 1. */
    private static final String HOLDER = "SELECT a.pid, a.application_name FROM pg_locks l JOIN pg_stat_activity a ON a.pid = l.pid"
            + " WHERE l.locktype = 'advisory' AND l.granted AND l.objsubid = 1"
            + " AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())"
            + " AND ((l.classid::bigint << 32) | l.objid::bigint) = ?";
    private static final Pattern MEMBER = Pattern.compile("backroute (.+?): .*");

    private final Connection connection;
    private final long key;

    private ClusterLock(Connection connection, long key) {
        this.connection = connection;
        this.key = key;
    }

    /**
     * Takes the lock {@code name} or is refused at once, with a message saying who holds it.
     *
     * @param what what the lock keeps apart, as the refusal names it: "a backup of data_files"
     * @throws Held when another session holds it
     * @throws IOException with {@link ClusterDatabase#unreachable}'s message when the database cannot be used
     */
    public static ClusterLock tryAcquire(ClusterDatabase database, String name, String what) throws IOException {
        return acquire(database, name, what, Duration.ZERO);
    }

    /** As {@link #tryAcquire}, asking again every half second for up to {@code wait} while another session holds it. */
    public static ClusterLock acquire(ClusterDatabase database, String name, String what, Duration wait) throws IOException {
        long key = key(name);
        Connection c = open(database, name);
        try {
            long deadline = System.nanoTime() + wait.toNanos();
            while (!tryLock(c, key)) {
                if (System.nanoTime() - deadline >= 0) {
                    throw new Held(what + " is already running on " + holder(c, key) + " (cluster lock " + name + " in "
                            + database.where() + "); wait for it to finish");
                }
                Thread.sleep(POLL_MILLIS);
            }
            return new ClusterLock(c, key);
        } catch (SQLException e) {
            close(c);
            throw new IOException(database.unreachable(e), e);
        } catch (InterruptedException e) {
            close(c);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("interrupted while waiting for the cluster lock " + name);
        } catch (IOException | RuntimeException e) {
            close(c);
            throw e;
        }
    }

    /**
     * Takes the lock {@code name} for a short, serialized change, waiting while another session holds it, for at most
     * {@link #LONGEST_CHANGE}: a holder stuck that long (a paused process whose session stays open) is named in the
     * failure rather than waited for without end.
     */
    public static ClusterLock acquireWaiting(ClusterDatabase database, String name) throws IOException {
        return acquire(database, name, "a change under the cluster lock " + name, LONGEST_CHANGE);
    }

    /**
     * Whether the lock is still this session's. The lock lives as long as its session, so this asks whether the
     * connection still works (within {@value #VALID_TIMEOUT_SECONDS} seconds): once it broke, the server has
     * released the lock, or will, and another member may take it.
     */
    public boolean held() {
        try {
            return connection.isValid(VALID_TIMEOUT_SECONDS);
        } catch (SQLException e) {
            return false;
        }
    }

    /** Lets the lock go; closing the session alone would release it too, so a broken connection changes nothing. */
    @Override
    public void close() {
        try (PreparedStatement s = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
            s.setLong(1, key);
            s.execute();
        } catch (SQLException e) {
            // The session is gone, and the lock with it.
        } finally {
            close(connection);
        }
    }

    /** The advisory lock key of {@code name}: the first 8 bytes of SHA-256("backroute-lock:" + name). */
    static long key(String name) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(("backroute-lock:" + name).getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.wrap(digest).getLong();
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JVM has no SHA-256", e);
        }
    }

    private static Connection open(ClusterDatabase database, String name) throws IOException {
        try {
            return database.connect("lock of " + name);
        } catch (SQLException e) {
            throw new IOException(database.unreachable(e), e);
        }
    }

    private static boolean tryLock(Connection c, long key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
            s.setLong(1, key);
            try (ResultSet r = s.executeQuery()) {
                r.next();
                return r.getBoolean(1);
            }
        }
    }

    /** "cluster member host-b", from the holder's application_name ({@link ClusterDatabase#connect} sets it). */
    private static String holder(Connection c, long key) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(HOLDER)) {
            s.setLong(1, key);
            try (ResultSet r = s.executeQuery()) {
                if (!r.next()) {
                    return "another cluster member"; // it let go just now
                }
                String application = Errors.inert(r.getString(2));
                Matcher member = MEMBER.matcher(application == null ? "" : application);
                return member.matches() ? "cluster member " + member.group(1)
                        : "another session (pid " + r.getInt(1) + (application == null || application.isEmpty() ? "" : ", " + application) + ")";
            }
        }
    }

    private static void close(Connection c) {
        try {
            c.close();
        } catch (SQLException e) {
            // Closing ends the session whatever the driver says: nothing is left held.
        }
    }

    /** Refused: another session, on another member or this one, holds the lock. */
    public static final class Held extends IOException {
        Held(String message) {
            super(message);
        }
    }
}
