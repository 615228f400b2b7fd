package dev.backroute.backup;

import dev.backroute.Interruption;
import dev.backroute.pipeline.DigestingOutputStream;
import dev.backroute.storage.OwnerOnly;

import java.io.BufferedOutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Set;

/**
 * Runs the pipeline the earlier stages assembled, in one pass, into a file under
 * {@code backup_dir/.staging}, measuring what is stored ({@code sha256}, {@code stored_bytes}). The run
 * keeps that file ({@link BackupRun#staged()}), which {@link Store} hands to every target with its known length.
 */
public final class Stage implements RunStage {
    private static final int BUFFER = 1 << 20;

    @Override
    public void apply(BackupRun run) throws Exception {
        Path file = run.stagingDir().resolve(run.artifactName());
        // Not created once an interrupt has cleared staging: it would be left behind.
        try (FileChannel channel = Interruption.unlessInterrupted(() -> FileChannel.open(file,
                Set.of(StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE), OwnerOnly.fileAttribute()))) {
            DigestingOutputStream stored = new DigestingOutputStream(
                    new BufferedOutputStream(Channels.newOutputStream(channel), BUFFER));
            run.content().writeTo(stored);
            stored.flush();
            channel.force(true);
            run.staged(file, stored.count(), stored.sha256Hex());
        } catch (Exception e) {
            Files.deleteIfExists(file);
            throw e;
        }
    }

}
