package dev.backroute.postgres;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.Fields;
import dev.backroute.config.SecretRef;
import dev.backroute.config.SourceConfig;
import dev.backroute.restore.ArtifactDecoder;
import dev.backroute.restore.ArtifactForm;
import dev.backroute.restore.DatabaseKind;
import dev.backroute.restore.ServerRestore;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/** The postgresql kind: its source block, the dump check of validate and recover, and {@link PgRecovery}. */
public final class PostgresKind implements DatabaseKind {

    @Override
    public String name() {
        return "postgresql";
    }

    @Override
    public List<String> artifactBases() {
        return List.of("sql", "dump");
    }

    @Override
    public SourceConfig readSource(String type, Fields f) {
        String host = f.nonEmpty("host", "localhost");
        int port = f.integer("port", 5432, 1, 65535);
        String user = f.required("user", "for a postgresql source");
        SecretRef password = f.secret("password");
        List<String> databases = List.copyOf(f.requiredStrings("databases", "for a postgresql source").keySet());
        // A name starting with ':' would be taken for the globals marker (PgDumpCommand.GLOBALS).
        f.check("databases", databases.stream().noneMatch(d -> d.startsWith(":")), "a database name starting with ':' is not"
                + " supported; to back up roles and tablespaces set globals to true");
        String format = f.choice("format", "plain", List.of("plain", "custom"));
        boolean globals = f.bool("globals", false);
        return new PostgresSource(host, port, user, password, databases, format, globals, f.path("bin_dir"));
    }

    @Override
    public ArtifactDecoder.PlaintextReader<String> structureCheck(ArtifactForm form, BackupRecord record) {
        return in -> PgDumpCheck.verify(in, "dump".equals(form.base()), record.id());
    }

    @Override
    public Map<String, Object> toServer(ServerRestore r) throws IOException {
        return new PgRecovery((PostgresSource) r.source(), r.env(), r.decoder(), r.staging(), r.say())
                .toDatabase(r.backup(), r.destination(), r.options().overwrite(), r.options().jobs(), r.options().tables(),
                        r.options().schemas());
    }
}
