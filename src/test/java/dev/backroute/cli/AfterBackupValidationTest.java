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
