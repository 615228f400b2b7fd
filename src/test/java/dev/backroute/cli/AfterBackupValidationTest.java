package dev.backroute.cli;

import ch.qos.logback.classic.Level;
import dev.backroute.alert.Alert;
import dev.backroute.alert.LogCapture;
import dev.backroute.camel.BackrouteRuntime;
import dev.backroute.catalog.BackupManager;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.catalog.LocatedBackup;
import dev.backroute.config.BackupConfig;
import dev.backroute.crypto.Keyset;
import dev.backroute.pipeline.ProgressListener;
import dev.backroute.restore.BackupValidator;
import dev.backroute.restore.ValidationResult;
import dev.backroute.testsupport.Cli;
import dev.backroute.testsupport.Installation;
import dev.backroute.testsupport.SampleTree;
import org.apache.camel.spi.CamelEvent;
import org.apache.camel.support.EventNotifierSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Every backup run checks the copies it stored against their manifest (size and SHA-256 of the stored
 * bytes) unless operations.validate_after_backup is false; decrypting and decompressing them is left to
 * {@code validate} and the scheduled validation.
 */
class AfterBackupValidationTest {

    @TempDir
    Path dir;

    @Test
    void aBackupRunValidatesWhatItStoredByDefault() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", false);
        SampleTree.create(inst.source());

        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();

        BackupRecord.ValidationInfo validation = latest(inst).validation();
        assertThat(validation).isNotNull();
        assertThat(validation.success()).isTrue();
    }

    @Test
    void withValidateAfterBackupFalseTheRunLeavesValidationToLater() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", false);
        String json = Files.readString(inst.config());
        Files.writeString(inst.config(), json.substring(0, json.lastIndexOf('}'))
                + ", \"operations\": { \"validate_after_backup\": false } }");
        SampleTree.create(inst.source());

        assertThat(Cli.withConfig(inst.config(), "backup", "--type", "data_files").exitCode()).isZero();
        assertThat(latest(inst).validation()).as("not read back after the run").isNull();

        Cli.Result validate = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validate.exitCode()).as(validate.all()).isZero();
        assertThat(latest(inst).validation().success()).isTrue();
    }

    @Test
    void aGoodRunPassesTheCheckAfterTheBackupOnItsStoredBytesAlone() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", true);
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());

        try (LogCapture logs = new LogCapture()) {
            List<Alert> alerts = backUpDamagingTheCopy(inst, UnaryOperator.identity());

            BackupRecord record = latest(inst);
            assertThat(alerts).isEmpty();
            assertThat(record.validation().success()).isTrue();
            assertThat(logs.lines(Level.INFO)).filteredOn(l -> l.startsWith(BackupValidator.class.getName())).containsExactly(
                    BackupValidator.class.getName() + " - backup " + record.id() + " on local passed: " + record.storedBytes()
                            + " stored bytes match the manifest's SHA-256 (not decrypted or decompressed)");
        }
    }

    @Test
    void aCopyGrownRightAfterTheRunFailsTheCheckWithoutBeingReadPastTheManifestsSize() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", true);
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());

        List<Alert> alerts = backUpDamagingTheCopy(inst, bytes -> Arrays.copyOf(bytes, bytes.length + 4 * 1024 * 1024));

        BackupRecord record = latest(inst);
        String expected = "backup " + record.id() + " on local does not match its manifest (more bytes stored than the "
                + record.storedBytes() + " the manifest says): the stored artifact was modified or truncated";
        assertThat(alerts).singleElement().satisfies(a -> assertThat(a.error()).isEqualTo("local: " + expected));
        assertThat(record.validation().success()).isFalse();
    }

    @Test
    void aCopyTruncatedRightAfterTheRunFailsTheCheckAfterTheBackup() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", true);
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());

        List<Alert> alerts = backUpDamagingTheCopy(inst, bytes -> Arrays.copyOf(bytes, bytes.length - 1));

        BackupRecord record = latest(inst);
        String expected = "backup " + record.id() + " on local does not match its manifest (" + (record.storedBytes() - 1)
                + " bytes stored, the manifest says " + record.storedBytes() + "): the stored artifact was modified or truncated";
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(Alert.Kind.VALIDATION_FAILED);
            assertThat(a.error()).isEqualTo("local: " + expected);
        });
        assertThat(record.validation().success()).isFalse();
        assertThat(record.validation().error()).isEqualTo(expected);
    }

    @Test
    void aCopyWithAFlippedByteRightAfterTheRunFailsTheCheckAfterTheBackup() throws Exception {
        Installation inst = Installation.in(dir).write("gzip", false);
        SampleTree.create(inst.source());

        List<Alert> alerts = backUpDamagingTheCopy(inst, bytes -> {
            bytes[bytes.length / 2] ^= 0x01;
            return bytes;
        });

        BackupRecord record = latest(inst);
        String expected = "backup " + record.id() + " on local does not match its manifest (its SHA-256 differs from the"
                + " manifest's): the stored artifact was modified or truncated";
        assertThat(alerts).extracting(Alert::kind, Alert::error)
                .containsExactly(tuple(Alert.Kind.VALIDATION_FAILED, "local: " + expected));
        assertThat(record.validation().success()).isFalse();
        assertThat(record.validation().error()).isEqualTo(expected);
    }

    @Test
    void theCheckAfterABackupReadsTheStoredBytesWithoutDecryptingThem() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", true);
        Keyset.generate(inst.keyset());
        SampleTree.create(inst.source());
        Cli.Result backup = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(backup.exitCode()).as(backup.all()).isZero();
        BackupConfig config = BackupConfig.loadFromFile(inst.config(), Map.of());
        BackupValidator validator = new BackupValidator(config, Map.of(), Clock.systemUTC());
        LocatedBackup stored = validator.catalog().byId("data_files", latest(inst).id());
        // The manifest's seal was checked with the keyset as the catalog read it; from here the data key is gone.
        Files.move(inst.keyset(), dir.resolve("keyset.away.json"));

        ValidationResult check = validator.checkStoredCopies(stored, java.util.Map.of(), ProgressListener.NONE, "read-back");
        ValidationResult full = validator.validate(stored);

        assertThat(check.success()).as(check.errorMessage()).isTrue();
        assertThat(check.copies()).singleElement().satisfies(c -> assertThat(c.detail())
                .isEqualTo(stored.record().storedBytes() + " stored bytes match the manifest's SHA-256 (not decrypted or decompressed)"));
        assertThat(full.success()).as("the full decode needs the keyset").isFalse();
        assertThat(full.errorMessage()).startsWith("local: encryption keyset file ").endsWith(" not found: create one with"
                + " ./backroute keygen --out " + inst.keyset());
    }

    /**
     * Small chunks, so that one random file is many chunks in one pack; a flipped byte in the middle of that pack
     * lands in a chunk of the file that the second backup, which only rewrites the small file after it, shares.
     * Its check still passes: it reads the packs the run uploaded, not the repository. {@code validate} reads the
     * whole snapshot of either backup and names the damaged pack.
     */
    @Test
    void theCheckAfterARepositoryBackupReadsOnlyThePacksTheRunAdded() throws Exception {
        Installation inst = Installation.in(dir).write("zstd", true, "\"format\": \"repository\", \"repository\":"
                + " { \"chunk_min_kib\": 16, \"chunk_avg_kib\": 32, \"chunk_max_kib\": 64 }");
        Keyset.generate(inst.keyset());
        Path source = Files.createDirectories(inst.source());
        Files.write(source.resolve("a.bin"), randomBytes(512 * 1024, 1));
        Files.write(source.resolve("b.bin"), randomBytes(4096, 2));
        Path packs = inst.typeFolder().resolve("repository/data");

        Cli.Result first = Cli.withConfig(inst.config(), "backup", "--type", "data_files");
        assertThat(first.exitCode()).as(first.all()).isZero();
        BackupRecord earlier = latest(inst);
        List<Path> firstPacks = filesUnder(packs);
        assertThat(firstPacks).as("packs of the first backup").hasSize(1);
        Path damaged = firstPacks.get(0);
        byte[] pack = Files.readAllBytes(damaged);
        pack[pack.length / 2] ^= 0x01;
        Files.write(damaged, pack);
        String damagedName = "data/" + damaged.getParent().getFileName() + "/" + damaged.getFileName();

        Files.write(source.resolve("b.bin"), randomBytes(4096, 3));
        try (LogCapture logs = new LogCapture()) {
            Cli.Result second = Cli.withConfig(inst.config(), "backup", "--type", "data_files", "--force");
            assertThat(second.exitCode()).as(second.all()).isZero();

            BackupRecord later = latest(inst);
            List<Path> added = filesUnder(packs).stream().filter(p -> !p.equals(damaged)).toList();
            assertThat(added).as("packs the second backup uploaded").isNotEmpty();
            assertThat(later.validation().success()).as(String.valueOf(later.validation().error())).isTrue();
            assertThat(logs.lines(Level.INFO)).filteredOn(l -> l.startsWith(BackupValidator.class.getName())).containsExactly(
                    BackupValidator.class.getName() + " - backup " + later.id() + " on local passed: snapshot "
                            + later.snapshots().get("local") + " opens as this backup; the " + added.size()
                            + " packs it added match their names (not decrypted or decompressed)");
        }

        Cli.Result validateLater = Cli.withConfig(inst.config(), "validate", "--type", "data_files", "--latest");
        assertThat(validateLater.exitCode()).as("the later snapshot shares a chunk of the damaged pack").isEqualTo(1);
        assertThat(validateLater.out()).contains(" in " + damagedName + " is damaged or was replaced");
        Cli.Result validateEarlier = Cli.withConfig(inst.config(), "validate", "--backup-path", earlier.id());
        assertThat(validateEarlier.exitCode()).as(validateEarlier.all()).isEqualTo(1);
        assertThat(validateEarlier.out()).startsWith(earlier.id() + " on local: INVALID: backup " + earlier.id() + " on local: chunk ")
                .contains(" in " + damagedName + " is damaged or was replaced");
    }

    private static byte[] randomBytes(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static List<Path> filesUnder(Path folder) throws IOException {
        try (Stream<Path> files = Files.walk(folder)) {
            return files.filter(Files::isRegularFile).toList();
        }
    }

    /** Runs one backup as the CLI does, rewriting its stored copy through {@code damage} as the run hands over to after-backup. */
    private static List<Alert> backUpDamagingTheCopy(Installation inst, UnaryOperator<byte[]> damage) throws Exception {
        BackupConfig config = BackupConfig.loadFromFile(inst.config(), Map.of());
        try (BackrouteRuntime runtime = new BackrouteRuntime(config, Map.of(), Clock.systemUTC(), Path.of("routes"))) {
            DamageBeforeTheCheck notifier = new DamageBeforeTheCheck(inst.typeFolder(), damage);
            runtime.context().addService(notifier, false);
            notifier.start();
            runtime.context().getManagementStrategy().addEventNotifier(notifier);

            assertThat(runtime.backup(runtime.newBackupExchange("data_files", null)).error()).isNull();
            assertThat(notifier.damaged).as("the copy was damaged before the check").isTrue();
            return List.copyOf(notifier.alerts);
        }
    }

    private static final class DamageBeforeTheCheck extends EventNotifierSupport {
        private final Path typeFolder;
        private final UnaryOperator<byte[]> damage;
        private final List<Alert> alerts = new CopyOnWriteArrayList<>();
        private volatile boolean damaged;

        DamageBeforeTheCheck(Path typeFolder, UnaryOperator<byte[]> damage) {
            this.typeFolder = typeFolder;
            this.damage = damage;
        }

        @Override
        public void notify(CamelEvent event) {
            if (event instanceof CamelEvent.ExchangeSendingEvent sending) {
                switch (sending.getEndpoint().getEndpointUri()) {
                    case "direct://after-backup" -> damageTheArtifact();
                    case "direct://alert" -> alerts.add((Alert) sending.getExchange().getIn().getBody());
                    default -> { }
                }
            }
        }

        private void damageTheArtifact() {
            try (Stream<Path> files = Files.list(typeFolder)) {
                Path artifact = files.filter(Files::isRegularFile)
                        .filter(f -> !f.getFileName().toString().endsWith(".manifest.json")).findFirst().orElseThrow();
                Files.write(artifact, damage.apply(Files.readAllBytes(artifact)));
                damaged = true;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }

    private static BackupRecord latest(Installation inst) throws Exception {
        BackupManager manager = new BackupManager(BackupConfig.loadFromFile(inst.config().toString()));
        return manager.listBackups("data_files", 1).get(0);
    }
}
