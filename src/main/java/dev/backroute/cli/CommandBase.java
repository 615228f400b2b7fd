package dev.backroute.cli;

import dev.backroute.Hosts;
import dev.backroute.catalog.BackupCatalog;
import dev.backroute.catalog.Locks;
import dev.backroute.catalog.ManifestAuthority;
import dev.backroute.config.BackupConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * What every subcommand shares: {@code --help}/{@code -h} and {@code --version}/{@code -V} (picocli applies a
 * superclass's {@code @Command} attributes to its subclasses), the loaded config, and output as text or as
 * one JSON document.
 */
@Command(mixinStandardHelpOptions = true, versionProvider = BackrouteCli.Version.class)
abstract class CommandBase implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    private BackupConfig config;

    BackupConfig config() {
        if (config == null) {
            config = BackupConfig.loadFromFile(root().configPath(), env());
            if (config.cluster().enabled()) {
                Hosts.nameAsMember(config.cluster().instance());
            }
        }
        return config;
    }

    Map<String, String> env() {
        return root().env();
    }

    /** The command line's own options and environment; a subcommand of a group ({@code cluster forget}) is two levels down. */
    private BackrouteCli root() {
        return (BackrouteCli) spec.root().userObject();
    }

    /** The catalog as this command's environment lets it trust: the keyset that seals manifests comes from it. */
    BackupCatalog catalog() {
        return new BackupCatalog(config(), ManifestAuthority.of(config(), env()));
    }

    /** Where this command's locks are held: with the cluster enabled, its password comes from this environment. */
    Locks locks() {
        return Locks.of(config(), env());
    }

    boolean json() {
        return root().json;
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
