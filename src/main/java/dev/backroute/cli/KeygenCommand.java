package dev.backroute.cli;

import dev.backroute.crypto.Keyset;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.nio.file.Path;

@Command(name = "keygen", description = "Create an encryption keyset, or add a new primary key to one.",
        footer = {"", "Examples:",
                "  ./backroute keygen --out /etc/backroute/keyset.json",
                "  ./backroute keygen --rotate /etc/backroute/keyset.json"})
final class KeygenCommand extends CommandBase {

    @ArgGroup(exclusive = true, multiplicity = "1")
    Target target;

    static final class Target {
        @Option(names = "--out", paramLabel = "FILE", description = "write a new keyset here (must not exist)")
        Path out;

        @Option(names = "--rotate", paramLabel = "FILE", description = "add a new primary key to this keyset; old keys stay for reading older backups")
        Path rotate;
    }

    @Override
    public Integer call() {
        boolean rotating = target.rotate != null;
        Path file = rotating ? target.rotate : target.out;
        long keyId = rotating ? Keyset.rotate(file) : Keyset.generate(file);
        print(new JsonObject().with("keyset_file", file.toAbsolutePath().toString()).with("key_id", keyId).with("rotated", rotating), () -> {
            out().println((rotating ? "added new primary key " : "wrote new keyset with key ") + keyId + " to " + file);
            out().println("keep a copy of " + file + " somewhere safe and separate from the backups: without it,"
                    + " encrypted backups cannot be restored");
        });
        return ExitCodes.OK;
    }
}
