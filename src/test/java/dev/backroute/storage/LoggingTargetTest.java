package dev.backroute.storage;

import ch.qos.logback.classic.Level;
import dev.backroute.alert.LogCapture;
import dev.backroute.repository.BlobStore;
import dev.backroute.repository.MemoryBlobStore;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class LoggingTargetTest {

    @Test
    void eachRemovedLeftoverIsLoggedWithItsTypeAndTarget() throws Exception {
        FakeTarget fake = new FakeTarget();
        fake.leftovers.addAll(List.of(".a.partial-1", "b.tar.gz"));
        StorageTarget target = new LoggingTarget(fake);

        try (LogCapture log = new LogCapture()) {
            assertThat(target.removeLeftovers("logs")).containsExactly(".a.partial-1", "b.tar.gz");
            assertThat(target.removeLeftovers("logs")).isEmpty();
            assertThat(log.lines(Level.INFO)).containsExactly(
                    LoggingTarget.class.getName() + " - removed logs/.a.partial-1 from storage target 'fake': left by an interrupted backup",
                    LoggingTarget.class.getName() + " - removed logs/b.tar.gz from storage target 'fake': left by an interrupted backup");
        }
    }

    @Test
    void everythingElsePassesThrough() throws Exception {
        FakeTarget fake = new FakeTarget();
        StorageTarget target = new LoggingTarget(fake);
        byte[] manifest = "{}".getBytes(StandardCharsets.UTF_8);

        target.putManifest("logs", "m.json", manifest);

        assertThat(target.name()).isEqualTo("fake");
        assertThat(target.uri("logs", "m.json")).isEqualTo("fake://logs/m.json");
        assertThat(target.list("logs")).containsExactly("m.json");
        assertThat(target.size("logs", "m.json")).isEqualTo(2);
        assertThat(target.open("logs", "m.json").readAllBytes()).isEqualTo(manifest);
        target.delete("logs", "m.json");
        assertThat(target.size("logs", "m.json")).isEqualTo(-1);
        assertThat(target.repository("logs")).isSameAs(fake.repositories.get("logs"));
    }

    /** Objects in memory by "type/file"; removeLeftovers hands out the names queued in {@link #leftovers} once. */
    private static final class FakeTarget implements StorageTarget {
        final Map<String, byte[]> objects = new LinkedHashMap<>();
        final List<String> leftovers = new ArrayList<>();
        final Map<String, BlobStore> repositories = new LinkedHashMap<>();

        @Override
        public String name() { return "fake"; }

        @Override
        public String uri(String type, String fileName) { return "fake://" + type + "/" + fileName; }

        @Override
        public void putArtifact(String type, String fileName, Path staged) throws IOException {
            objects.put(type + "/" + fileName, Files.readAllBytes(staged));
        }

        @Override
        public void putManifest(String type, String fileName, byte[] json) { objects.put(type + "/" + fileName, json); }

        @Override
        public InputStream open(String type, String fileName) {
            return new ByteArrayInputStream(objects.get(type + "/" + fileName));
        }

        @Override
        public List<String> list(String type) {
            return objects.keySet().stream().filter(k -> k.startsWith(type + "/")).map(k -> k.substring(type.length() + 1)).toList();
        }

        @Override
        public long size(String type, String fileName) {
            byte[] o = objects.get(type + "/" + fileName);
            return o == null ? -1 : o.length;
        }

        @Override
        public void delete(String type, String fileName) { objects.remove(type + "/" + fileName); }

        @Override
        public BlobStore repository(String type) {
            return repositories.computeIfAbsent(type, t -> new MemoryBlobStore());
        }

        @Override
        public List<String> removeLeftovers(String type) {
            List<String> removed = List.copyOf(leftovers);
            leftovers.clear();
            return removed;
        }
    }
}
