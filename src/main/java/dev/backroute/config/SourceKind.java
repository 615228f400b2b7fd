package dev.backroute.config;

import java.util.List;

/**
 * A kind of source (files, postgresql, neo4j, milvus): what {@code backup_types.<type>.kind} names. Each kind
 * lives in a package of its own and is registered by one line of
 * {@code META-INF/services/dev.backroute.config.SourceKind}, so the config can read every kind's source
 * block while depending on none of them. A database kind also implements {@code restore.DatabaseKind};
 * the Camel routes supply its backup steps (route {@code source-<kind>}).
 */
public interface SourceKind {

    /** The value of {@code kind}: {@code [a-z][a-z0-9_]*}. */
    String name();

    /**
     * Reads {@code backup_types.<type>.source}, reporting each problem on {@code f} (which knows its JSON path);
     * may return a partial result when there were problems, the load fails then anyway.
     */
    SourceConfig readSource(String type, Fields f);

    /**
     * The first extensions its artifacts may carry ({@code tar}; {@code sql} or {@code dump}): a manifest naming any
     * other artifact for a type of this kind is refused before the artifact is opened.
     */
    List<String> artifactBases();

    /**
     * Reads the kind's own keys of {@code backup_types.<type>.drill} (its scratch target and the operator's
     * assertions; {@code enabled} and {@code keep} are read already), reporting problems on {@code f}. A kind without
     * drill settings keeps this default, and any other key in the block is refused.
     */
    default DrillSettings readDrill(String type, SourceConfig source, Fields f) {
        return null;
    }
}
