package dev.backroute.pipeline;

import java.io.OutputStream;

/** Run in a child JVM with a small heap: pushes N bytes through the parallel gzip and prints "ok N". */
public final class GzipMemoryProbe {
    private GzipMemoryProbe() {}

    public static void main(String[] args) throws Exception {
        long size = Long.parseLong(args[0]);
        int threads = Integer.parseInt(args[1]);
        byte[] chunk = TestData.text(1 << 20, 7);
        CountingSink sink = new CountingSink();
        try (OutputStream gz = new ParallelGzipOutputStream(sink, 1, threads)) {
            for (long done = 0; done < size; done += chunk.length) {
                gz.write(chunk, 0, (int) Math.min(chunk.length, size - done));
            }
        }
        System.out.println("ok " + size + " compressed to " + sink.count);
    }

    private static final class CountingSink extends OutputStream {
        long count;

        @Override
        public void write(int b) { count++; }

        @Override
        public void write(byte[] b, int off, int len) { count += len; }
    }
}
