package dev.backroute.cluster;

import org.quartz.utils.ConnectionProvider;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Quartz's connections to the cluster database, one per transaction it runs. Handed to Quartz as an object rather
 * than as {@code org.quartz.dataSource.*} properties, so the password never sits in Quartz's properties (which its
 * factory logs at debug level).
 */
final class ClusterConnections implements ConnectionProvider {
    private final ClusterDatabase database;

    ClusterConnections(ClusterDatabase database) {
        this.database = database;
    }

    @Override
    public Connection getConnection() throws SQLException {
        return database.connect("scheduler");
    }

    @Override
    public void shutdown() {
        // nothing pooled: each connection is closed by Quartz when its transaction ends
    }

    @Override
    public void initialize() {
        // connections are made on demand
    }
}
