package dev.backroute.backup;

/**
 * One stage of a backup run, in plain Java: a source that sets the run's content, or a pipeline stage that
 * wraps, writes, stores or commits it. Package camel binds each as a route step ({@code camel.RunStep}); tests
 * and other callers run them on a {@link BackupRun} directly.
 */
@FunctionalInterface
public interface RunStage {
    void apply(BackupRun run) throws Exception;
}
