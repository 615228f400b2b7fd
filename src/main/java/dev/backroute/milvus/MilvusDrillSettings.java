package dev.backroute.milvus;

import dev.backroute.config.DrillSettings;
import dev.backroute.config.Fields;
import dev.backroute.config.SecretRef;
import dev.backroute.config.TypeConfig;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code backup_types.<type>.drill} of a milvus type: where the scratch collections go and the vector searches checked.
 *
 * @param uri      the scratch server, or null for the source's own server (the scratch collections' names keep them apart)
 * @param token    its token ({@code token_env}/{@code token_file}); the source's when {@code uri} is not set
 * @param database its database; the source's when not given
 */
public record MilvusDrillSettings(String uri, SecretRef token, String database, List<MilvusSearch> searches) implements DrillSettings {

    public MilvusDrillSettings {
        searches = List.copyOf(searches);
    }

    static MilvusDrillSettings read(MilvusSource source, Fields f) {
        String uri = f.string("uri", "");
        f.checkUri("uri", uri, List.of("http", "https"));
        SecretRef token = f.secret("token");
        f.check(token.env() != null ? "token_env" : "token_file", !uri.isEmpty() || !token.isConfigured(),
                "applies only with drill.uri (a scratch server); on the source's server the drill uses the source's token");
        String database = f.nonEmpty("database", null);
        f.check("database", !uri.isEmpty() || database == null,
                "applies only with drill.uri (a scratch server); on the source's server the drill uses the source's database");
        Set<String> names = new HashSet<>();
        List<MilvusSearch> searches = f.objects("assertions", a -> MilvusSearch.read(a, source, names));
        String sourceDatabase = source == null ? "default" : source.database();
        return new MilvusDrillSettings(uri.isEmpty() ? null : uri, token, database == null ? sourceDatabase : database, searches);
    }

    /** The type's settings; a type read without a drill block has none of its own, hence no searches. */
    static List<MilvusSearch> searchesOf(TypeConfig type) {
        return type.drill() != null && type.drill().settings() instanceof MilvusDrillSettings s ? s.searches() : List.of();
    }

    /** The scratch server as recover reaches it, or null when the drill restores on the source's server. */
    MilvusSource server(MilvusSource source) {
        return uri == null ? null : new MilvusSource(uri, token, database, source.collections());
    }
}
