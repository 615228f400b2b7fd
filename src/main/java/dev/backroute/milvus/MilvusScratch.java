package dev.backroute.milvus;

import dev.backroute.archive.PathPatterns;
import dev.backroute.catalog.BackupRecord;
import dev.backroute.config.SourceConfig;
import dev.backroute.drill.Drill;
import dev.backroute.drill.DrillCheck;
import dev.backroute.drill.Scratch;
import dev.backroute.restore.RecoveryService;
import io.milvus.v2.client.MilvusClientV2;
import io.milvus.v2.service.collection.request.DescribeCollectionReq;
import io.milvus.v2.service.collection.request.DropCollectionReq;
import io.milvus.v2.service.collection.request.HasCollectionReq;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A milvus drill's scratch target: the backup's collections restored as {@code <collection>_drill_<stamp>} on the source's
 * server, or on {@code drill.uri}; checked there (entities per collection against the backup's counts, the recorded vector
 * searches against their recorded answers) and dropped.
 *
 * <p>The drill never writes to a source collection. Every name it restores into, checks or drops is
 * {@link Drill#scratchName} of a backed-up collection: the restore gets the drill's suffix as recover's rename suffix, and
 * the restorer refuses a collection that exists already unless told to overwrite, which the drill never does. The sweep of
 * an earlier drill's leftovers drops only names {@link Drill#isScratchOf} a collection of the backup or of the type's
 * source, never a collection the type's source lists by name, and of those only the ones carrying this type's
 * {@link MilvusDrillTarget mark}: two types (or two hosts) drilling the same collection on the same server do not drop
 * each other's copies, and a collection someone else named like a drill's is left alone.
 */
final class MilvusScratch implements Scratch {

    private final Drill drill;
    private final MilvusSource server;
    private final MilvusClients.Target target;
    private final List<String> collections;
    /** {@code _drill_<stamp>}: a collection's name plus this is its {@link Drill#scratchName}. */
    private final String suffix;
    private final List<MilvusSearch> searches;
    /** What the restore marks this drill's collections with, and what the sweep drops collections for. */
    private final String mark;

    private MilvusScratch(Drill drill, MilvusSource server, MilvusClients.Target target, List<String> collections,
                          List<MilvusSearch> searches) {
        this.drill = drill;
        this.server = server;
        this.mark = drill.installation();
        this.target = target;
        this.collections = collections;
        this.suffix = drill.scratchName("");
        this.searches = searches;
    }

    /** Drops the collections earlier drills of the type left on the scratch server, then names this drill's. */
    static MilvusScratch prepare(Drill drill) throws IOException {
        MilvusSource source = (MilvusSource) drill.type().source();
        MilvusDrillSettings settings = drill.settings() != null && drill.settings().settings() instanceof MilvusDrillSettings s ? s : null;
        MilvusSource server = settings == null ? null : settings.server(source);
        MilvusSource reach = server != null ? server : source;
        MilvusClients.Target target = new MilvusClients.Target(reach.uri(), MilvusClients.token(reach.token(), drill.env()),
                reach.database(), MilvusClients.DEFAULT_CONNECT_TIMEOUT, MilvusClients.DEFAULT_RPC_DEADLINE);
        MilvusScratch scratch = new MilvusScratch(drill, reach, target, collectionsOf(drill.backup()),
                settings == null ? List.of() : settings.searches());
        scratch.sweep(source);
        return scratch;
    }

    /** The collections the backup holds, as its manifest recorded them when it was made. */
    private static List<String> collectionsOf(BackupRecord backup) throws IOException {
        List<String> names = new ArrayList<>();
        if (backup.source().get("collections") instanceof List<?> items) {
            for (Object item : items) {
                if (item instanceof Map<?, ?> c && c.get("name") instanceof String name && !name.isEmpty()) {
                    names.add(name);
                } else {
                    throw new IOException("backup " + backup.id() + " records a collection without a name in its source block;"
                            + " it cannot be drilled");
                }
            }
            return names;
        }
        throw new IOException("backup " + backup.id() + " records no collections in its source block; it cannot be drilled");
    }

    /**
     * A backed-up collection that is itself a scratch name (an older backup took in a kept drill's copy) is a base too,
     * and no reason to keep its copy on the server: only a collection the source lists by name is never dropped.
     * Collections named like a drill's but carrying no mark are left and named: drills of this version mark every
     * collection as they create it, so an unmarked one was made by someone else (or by an older version of backroute).
     */
    private void sweep(MilvusSource source) throws IOException {
        Set<String> bases = new TreeSet<>(collections);
        bases.addAll(source.collections());
        MilvusClientV2 client = MilvusClients.open(target);
        try {
            for (String name : client.listCollections().getCollectionNames()) {
                if (source.collections().contains(name) || bases.stream().noneMatch(base -> Drill.isScratchOf(base, name))) {
                    continue;
                }
                Map<String, String> properties = propertiesOf(client, name);
                if (properties == null) {
                    continue;
                }
                String owner = properties.get(MilvusRestorer.DRILL_MARK);
                if (mark.equals(owner)) {
                    drill.say().accept("dropping collection " + name + " on " + target.shownUri() + ", left by an earlier drill of type "
                            + drill.type().name());
                    client.dropCollection(DropCollectionReq.builder().collectionName(name).build());
                } else if (owner == null) {
                    drill.say().accept("leaving collection " + name + " on " + target.shownUri() + ": named like a drill's copy but"
                            + " without the " + MilvusRestorer.DRILL_MARK + " property backroute's drills set; drop it by hand if"
                            + " it is an old drill's leftover");
                }
            }
        } catch (RuntimeException e) {
            throw MilvusClients.failure(target, null, e);
        } finally {
            MilvusClients.close(client);
        }
    }

    /** The collection's properties, or null when it was dropped since it was listed (another type's drill removing its copy). */
    private static Map<String, String> propertiesOf(MilvusClientV2 client, String name) {
        try {
            Map<String, String> properties = client.describeCollection(DescribeCollectionReq.builder().collectionName(name).build())
                    .getProperties();
            return properties == null ? Map.of() : properties;
        } catch (RuntimeException e) {
            if (client.hasCollection(HasCollectionReq.builder().collectionName(name).build())) {
                throw e;
            }
            return null;
        }
    }

    @Override
    public String destination() {
        return target.uri();
    }

    @Override
    public String describe() {
        return "collections " + String.join(", ", collections.stream().map(drill::scratchName).toList()) + " on " + target.shownUri()
                + " (database " + target.database() + ")";
    }

    @Override
    public RecoveryService.Options options() {
        return new RecoveryService.Options(false, 1, suffix, null, PathPatterns.ALL, List.of(), List.of());
    }

    /** Always this drill's target, also on the source's server: the restorer needs the mark. */
    @Override
    public SourceConfig server() {
        return new MilvusDrillTarget(server, mark);
    }

    @Override
    public List<DrillCheck> check() throws IOException {
        MilvusClientV2 client = MilvusClients.open(target);
        try {
            List<DrillCheck> checks = new ArrayList<>(counts(client));
            for (MilvusSearch search : searches) {
                checks.add(new RecordedSearch(search.name(), drill.backup().source().get("searches")).check(client, this));
            }
            return checks;
        } finally {
            MilvusClients.close(client);
        }
    }

    /** One check per collection: the entities a query sees in its restored copy against the count the backup recorded. */
    private List<DrillCheck> counts(MilvusClientV2 client) {
        List<DrillCheck> checks = new ArrayList<>();
        for (Object item : (List<?>) drill.backup().source().get("collections")) {
            Map<?, ?> c = (Map<?, ?>) item;
            String name = (String) c.get("name");
            String check = "entities " + name;
            Object recorded = c.get("entities");
            if (!(recorded instanceof Integer || recorded instanceof Long)) {
                checks.add(DrillCheck.failed(check, "an entity count recorded by the backup",
                        recorded == null ? "none recorded" : "'" + recorded + "' recorded"));
                continue;
            }
            try {
                checks.add(DrillCheck.same(check, ((Number) recorded).longValue(), MilvusVectorSearch.count(client, scratchName(name))));
            } catch (RuntimeException e) {
                checks.add(DrillCheck.failed(check, String.valueOf(recorded), MilvusVectorSearch.failure(target, scratchName(name), e)));
            }
        }
        return checks;
    }

    String scratchName(String collection) {
        return drill.scratchName(collection);
    }

    boolean inBackup(String collection) {
        return collections.contains(collection);
    }

    MilvusClients.Target target() {
        return target;
    }

    @Override
    public void remove() throws IOException {
        MilvusClientV2 client = MilvusClients.open(target);
        try {
            for (String collection : collections) {
                String name = scratchName(collection);
                if (client.hasCollection(HasCollectionReq.builder().collectionName(name).build())) {
                    client.dropCollection(DropCollectionReq.builder().collectionName(name).build());
                }
            }
        } catch (RuntimeException e) {
            throw MilvusClients.failure(target, null, e);
        } finally {
            MilvusClients.close(client);
        }
    }
}
