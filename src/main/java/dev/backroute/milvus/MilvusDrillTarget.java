package dev.backroute.milvus;

import dev.backroute.config.SourceConfig;

/**
 * Where a drill's recover restores: the server and its credentials (the source's, or {@code drill.uri}'s), and the mark
 * the restorer sets on every collection it creates there, as the collection property {@value MilvusRestorer#DRILL_MARK}.
 * Set at creation, the mark is on a collection from its first moment, so a drill killed midway leaves nothing unmarked.
 *
 * @param mark which drills made the collection: {@link MilvusScratch}'s sweep drops only collections carrying its own
 */
record MilvusDrillTarget(MilvusSource server, String mark) implements SourceConfig {
}
