package dev.backroute.cli;

import dev.backroute.config.BackupConfig;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/** What every subcommand shares: the loaded config, and output as text or as one JSON document. */
abstract class CommandBase implements Callable<Integer> {

    @ParentCommand
    BackrouteCli root;

    @Spec
    CommandSpec spec;

    private BackupConfig config;

    BackupConfig config() {
        if (config == null) {
            config = BackupConfig.loadFromFile(root.configPath(), env());
        }
        return config;
    }

    Map<String, String> env() {
        return root.env();
    }

    boolean json() {
        return root.json;
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints {@code document} as JSON with --json, else runs {@code text}. */
    void print(Object document, Runnable text) {
        if (json()) {
            JsonObject.print(out(), document);
        } else {
            text.run();
            out().flush();
        }
    }
}
