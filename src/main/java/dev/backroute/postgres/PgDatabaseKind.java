package dev.backroute.postgres;

import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.PostgresSource;
import dev.backroute.restore.ArtifactDecoder;
import dev.backroute.restore.ArtifactForm;
import dev.backroute.restore.DatabaseKind;
import dev.backroute.restore.ServerRestore;

import java.io.IOException;
import java.util.Map;

/** PostgreSQL's part in validate and recover: the dump check and {@link PgRecovery}. */
public final class PgDatabaseKind implements DatabaseKind {

    @Override
    public String kind() {
        return "postgresql";
    }

    @Override
    public ArtifactDecoder.PlaintextReader<String> structureCheck(ArtifactForm form, BackupRecord record) {
        return in -> PgDumpCheck.verify(in, "dump".equals(form.base()), record.id());
    }

    @Override
    public Map<String, Object> toServer(ServerRestore r) throws IOException {
        return new PgRecovery((PostgresSource) r.source(), r.env(), r.decoder(), r.staging(), r.say())
                .toDatabase(r.backup(), r.destination(), r.options().overwrite(), r.options().jobs());
    }
}
