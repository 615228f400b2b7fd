package dev.backroute.cli;

import dev.backroute.restore.RecoveryService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.LinkedHashMap;
import java.util.Map;

@Command(name = "recover", description = "Verify a backup and restore it into a destination.")
final class RecoverCommand extends CommandBase {

    @Option(names = "--backup-path", required = true, paramLabel = "P",
            description = "an artifact or manifest path, a backup id, TYPE:latest, or <type folder>/latest")
    String backupPath;

    @Option(names = "--destination", required = true, paramLabel = "D", description = "the directory to restore into")
    String destination;

    @Option(names = "--overwrite", description = "replace the backup's top-level entries in a non-empty destination")
    boolean overwrite;

    @Override
    public Integer call() throws Exception {
        RecoveryService.Recovered r = new RecoveryService(config(), env()).recover(backupPath, destination, overwrite);
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("id", r.backupId());
        doc.put("type", r.type());
        doc.put("destination", r.destination().toString());
        doc.put("files", r.summary().files());
        doc.put("directories", r.summary().directories());
        doc.put("symlinks", r.summary().symlinks());
        doc.put("content_bytes", r.summary().contentBytes());
        print(doc, () -> out().println("recovered " + r.backupId() + " into " + r.destination() + " ("
                + r.summary().files() + " files, " + r.summary().directories() + " directories, "
                + r.summary().symlinks() + " symlinks, " + Sizes.human(r.summary().contentBytes()) + "), checksums verified"));
        return ExitCodes.OK;
    }
}
