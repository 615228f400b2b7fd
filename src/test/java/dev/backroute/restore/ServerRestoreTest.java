package dev.backroute.restore;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ServerRestoreTest {

    /** What an interrupted load names goes to stderr: never the user or password a URI may carry. */
    @Test
    void theDestinationNamedAfterAnInterruptCarriesNoUserInformation() {
        assertThat(ServerRestore.where("bolt://neo4j:s3cret@graph.internal:7687")).isEqualTo("bolt://graph.internal:7687");
        assertThat(ServerRestore.where("http://root:Milvus@vectors:19530/db")).isEqualTo("http://vectors:19530/db");
        assertThat(ServerRestore.where("neo4j://graph")).isEqualTo("neo4j://graph");
        assertThat(ServerRestore.where("not a uri")).isEqualTo("the destination");
    }
}
