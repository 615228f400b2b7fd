package dev.backroute.cli;

import dev.backroute.Hosts;

import dev.backroute.crypto.GcmWarmup;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;

/** {@code ./backroute}: the operator's command line. */
@Command(name = "backroute", mixinStandardHelpOptions = true, versionProvider = BackrouteCli.Version.class,
        description = "Backup and recovery for the movie recommendation platform.",
        subcommands = {BackupCommand.class, RecoverCommand.class, StatusCommand.class, ListCommand.class,
                LsCommand.class, DumpCommand.class,
                ValidateCommand.class, RunCommand.class, CleanupCommand.class, PruneCommand.class, CopyCommand.class, DrillCommand.class,
                KeygenCommand.class, ClusterCommand.class,
                CommandLine.HelpCommand.class},
        footer = {"", "Every command takes --config, --json and --verbose, and shows its own options with --help.",
                "Exit status: 0 success, 1 a backup, validation or recovery failed, 2 bad usage or configuration.",
                "", "Examples:",
                "  ./backroute status",
                "  ./backroute backup --type all",
                "  ./backroute help backup"},
        exitCodeOnInvalidInput = ExitCodes.USAGE, exitCodeOnExecutionException = ExitCodes.FAILED)
public final class BackrouteCli {

    @Option(names = "--config", scope = ScopeType.INHERIT, paramLabel = "FILE",
            description = "configuration file (default: $BACKROUTE_CONFIG or backup_config.json)")
    String config;

    @Option(names = "--json", scope = ScopeType.INHERIT, description = "print one JSON document on stdout instead of text")
    boolean json;

    @Option(names = "--verbose", scope = ScopeType.INHERIT, description = "log progress and show stack traces on errors")
    boolean verbose;

    /** Where commands read secrets and $BACKROUTE_CONFIG; the process's environment outside tests. */
    private final Map<String, String> env;

    private BackrouteCli(Map<String, String> env) {
        this.env = env;
    }

    public static void main(String[] args) {
        String command = commandOf(args);
        // Before anything logs: the first logger configures logback from these properties.
        prepareLogging(args, command);
        // No command at all (--version, --help, nothing) is a command line too.
        if (command != null && Set.of("backup", "recover", "validate", "run").contains(command)) {
            GcmWarmup.start(); // AES-GCM on its fast path before the first backup's bytes reach it
        }
        // run stops through Camel's graceful shutdown (RunCommand); every other command through InterruptHook.
        InterruptHook interrupt = "run".equals(command) ? null : InterruptHook.install(command);
        int status;
        try {
            status = run(args);
        } finally {
            if (interrupt != null) {
                interrupt.finished();
            }
        }
        System.exit(status);
    }

    public static int run(String... args) {
        return run(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args);
    }

    /** Runs a command line with the given output streams and returns its exit status; tests call this directly. */
    public static int run(PrintWriter out, PrintWriter err, String... args) {
        return run(out, err, System.getenv(), args);
    }

    /** As {@link #run(PrintWriter, PrintWriter, String...)}, with {@code env} standing for the process's environment. */
    public static int run(PrintWriter out, PrintWriter err, Map<String, String> env, String... args) {
        CommandLine cli = commandLine(env);
        cli.setOut(out);
        cli.setErr(err);
        try {
            return cli.execute(args);
        } finally {
            // A cluster member's name (Hosts.nameAsMember) is its config's, for this command only: a JVM that runs
            // several commands (the tests) must not lend one config's member name to the next command.
            Hosts.forgetMemberName();
        }
    }

    /** The command line with every subcommand and its error handling; tests walk its subcommands. */
    static CommandLine commandLine(Map<String, String> env) {
        CommandLine cli = new CommandLine(new BackrouteCli(env));
        cli.setExecutionExceptionHandler(new ErrorReporter());
        cli.setParameterExceptionHandler(ErrorReporter::usage);
        return cli;
    }

    Map<String, String> env() {
        return env;
    }

    Path configPath() {
        if (config != null) {
            return Path.of(config);
        }
        String fromEnv = env.get("BACKROUTE_CONFIG");
        return Path.of(fromEnv != null && !fromEnv.isBlank() ? fromEnv : "backup_config.json");
    }

    /** The subcommand's name: the first argument that is neither an option nor --config's value; null for none. */
    static String commandOf(String[] args) {
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--config")) {
                i++;
            } else if (!args[i].startsWith("-")) {
                return args[i];
            }
        }
        return null;
    }

    /**
     * Must run before the first logger is created: logback reads these properties when it starts. The log
     * file always gets INFO and up. The console gets DEBUG with --verbose; else the long-running run
     * shows warnings and errors as they happen, and a one-shot command shows no log lines at all: its
     * result and its one-line error say what happened, and the log file has the detail.
     */
    private static void prepareLogging(String[] args, String command) {
        if (Arrays.asList(args).contains("--verbose")) {
            System.setProperty("backroute.console.level", "DEBUG");
        } else if (System.getProperty("backroute.console.level") == null) {
            System.setProperty("backroute.console.level", "run".equals(command) ? "WARN" : "OFF");
        }
        if (System.getProperty("backroute.log.dir") == null) {
            String home = System.getProperty("backroute.home");
            System.setProperty("backroute.log.dir", home == null ? "logs" : Path.of(home, "logs").toString());
        }
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = BackrouteCli.class.getPackage().getImplementationVersion();
            return new String[] {"backroute " + (v == null ? "dev" : v)};
        }
    }
}
