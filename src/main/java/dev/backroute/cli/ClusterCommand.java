package dev.backroute.cli;

import picocli.CommandLine.Command;

/** {@code ./backroute cluster}: what an operator does to the cluster itself, rather than to backups; a group, run through its subcommands. */
@Command(name = "cluster", description = "Look after the cluster of hosts sharing one schedule (the \"cluster\" block of the config).",
        subcommands = {ClusterForgetCommand.class},
        mixinStandardHelpOptions = true, versionProvider = BackrouteCli.Version.class,
        footer = {"", "Examples:",
                "  ./backroute cluster forget host-c         # a member gone for good"})
final class ClusterCommand {
}
