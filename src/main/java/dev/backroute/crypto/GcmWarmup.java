package dev.backroute.crypto;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gets the JDK's AES-GCM onto its hardware (AES-NI, CLMUL) path before a backup's data reaches it.
 *
 * <p>HotSpot uses the GHASH and AES-CTR intrinsics only from C2-compiled callers, and a compile
 * needs thousands of calls. Tink encrypts 1 MB segments, one {@code doFinal} each: a 1 GB backup makes
 * only ~1000 calls, so the callers stay interpreted/C1 and GCM runs its pure-Java GHASH at ~80 MB/s
 * instead of several GB/s (measured on JDK 17: 12 s for 1 GB instead of 0.25 s). Encrypting and
 * decrypting 16,000 small messages (64 bytes and 2 KiB, the latter long enough for GCM's chunked path)
 * with a throwaway key on a background thread (~0.5–1.2 s of one core) compiles the same call paths, and
 * from then on every segment takes the fast path. It changes no byte of output.
 *
 * <p>The {@code ./backroute} launcher gets the same result for free with a JIT hint,
 * {@value #JIT_HINT}, which lowers the compile thresholds of the JDK's crypto provider only: the first
 * segments compile the fast path, with no warm-up thread competing with start-up for the CPU. The
 * warm-up runs only in JVMs started without that hint (tests, embedding applications).
 */
public final class GcmWarmup {
    private static final Logger LOG = LoggerFactory.getLogger(GcmWarmup.class);
    private static final AtomicBoolean STARTED = new AtomicBoolean();
    private static final int ROUNDS = 16_000;
    private static final CountDownLatch DONE = new CountDownLatch(1);

    /** The {@code -XX:CompileCommand} argument the launcher passes; see the class comment. */
    static final String JIT_HINT = "CompileThresholdScaling,com.sun.crypto.provider.*::*,0.01";

    private GcmWarmup() {}

    /** Starts the warm-up once per JVM, in the background, unless the JIT hint made it needless; returns at once. */
    public static void start() {
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        if (hinted(ManagementFactory.getRuntimeMXBean().getInputArguments())) {
            DONE.countDown();
            return;
        }
        Thread t = new Thread(GcmWarmup::run, "backroute-gcm-warmup");
        t.setDaemon(true);
        t.setPriority(Thread.MIN_PRIORITY);
        t.start();
    }

    /**
     * Starts the warm-up if needed and waits for it, at most {@code maxMillis}: a second of the slow
     * path costs more than the wait (a restore starts decrypting right after the JVM starts).
     */
    static void await(long maxMillis) {
        start();
        try {
            DONE.await(maxMillis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static boolean hinted(List<String> jvmArguments) {
        return jvmArguments.contains("-XX:CompileCommand=" + JIT_HINT);
    }

    private static void run() {
        long start = System.nanoTime();
        try {
            SecretKeySpec key = new SecretKeySpec(new byte[32], "AES");
            ByteBuffer plain = ByteBuffer.allocate(2048);
            ByteBuffer sealed = ByteBuffer.allocate(2048 + 16);
            ByteBuffer opened = ByteBuffer.allocate(2048);
            byte[] iv = new byte[12];
            for (int i = 0; i < ROUNDS; i++) {
                iv[0] = (byte) i;
                iv[1] = (byte) (i >>> 8);
                GCMParameterSpec spec = new GCMParameterSpec(128, iv);
                Cipher enc = Cipher.getInstance("AES/GCM/NoPadding");
                enc.init(Cipher.ENCRYPT_MODE, key, spec);
                plain.clear().limit(i % 2 == 0 ? 64 : 2048);
                sealed.clear();
                enc.doFinal(plain, sealed);
                sealed.flip();
                Cipher dec = Cipher.getInstance("AES/GCM/NoPadding");
                dec.init(Cipher.DECRYPT_MODE, key, spec);
                opened.clear();
                dec.doFinal(sealed, opened);
            }
            LOG.debug("AES-GCM warm-up took {} ms", (System.nanoTime() - start) / 1_000_000);
        } catch (Exception e) {
            LOG.debug("AES-GCM warm-up skipped: {}", e.toString());
        } finally {
            DONE.countDown();
        }
    }
}
