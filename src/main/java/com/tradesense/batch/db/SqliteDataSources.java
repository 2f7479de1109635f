package com.tradesense.batch.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.sql.SQLException;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteConnection;
import org.sqlite.SQLiteDataSource;

/**
 * SQLite connections as every part of the application must open them: write-ahead log so readers never block the
 * writer, foreign keys enforced, a busy timeout instead of instant "database is locked" errors, and IMMEDIATE
 * transactions so a write transaction takes the single writer lock at BEGIN rather than failing mid-way when it
 * upgrades from a read lock.
 */
public final class SqliteDataSources {

    public static final int BUSY_TIMEOUT_MILLIS = 60_000;

    private SqliteDataSources() {
    }

    public static String url(Path file) {
        return "jdbc:sqlite:" + file.toAbsolutePath();
    }

    public static SQLiteConfig config() {
        SQLiteConfig config = new SQLiteConfig();
        config.setJournalMode(SQLiteConfig.JournalMode.WAL);
        config.setSynchronous(SQLiteConfig.SynchronousMode.NORMAL);
        config.enforceForeignKeys(true);
        config.setBusyTimeout(BUSY_TIMEOUT_MILLIS);
        config.setTransactionMode(SQLiteConfig.TransactionMode.IMMEDIATE);
        return config;
    }

    /** A small pool over one database file; SQLite serialises writers, so more connections only add contention. */
    public static HikariDataSource pooled(String jdbcUrl, int maximumPoolSize) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("sqlite");
        hikari.setDataSource(new DecimalAwareDataSource(jdbcUrl));
        hikari.setMaximumPoolSize(maximumPoolSize);
        hikari.setMinimumIdle(1);
        return new HikariDataSource(hikari);
    }

    /** Opens connections with our settings and the exact decimal functions of {@link SqliteDecimalFunctions}. */
    static final class DecimalAwareDataSource extends SQLiteDataSource {

        DecimalAwareDataSource(String jdbcUrl) {
            super(config());
            setUrl(jdbcUrl);
        }

        @Override
        public SQLiteConnection getConnection(String username, String password) throws SQLException {
            SQLiteConnection connection = super.getConnection(username, password);
            SqliteDecimalFunctions.register(connection);
            return connection;
        }
    }

    public static HikariDataSource pooled(Path file) {
        return pooled(url(file), 4);
    }
}
