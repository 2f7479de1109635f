package com.tradesense.batch.db;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.configuration.FluentConfiguration;
import org.flywaydb.core.api.output.MigrateOutput;
import org.flywaydb.core.api.output.MigrateResult;

/**
 * Creates or upgrades the schema with the versioned migrations under {@code schema/migrations/<engine>}.
 *
 * <p>A database installed from a canonical schema file has the tables but no Flyway history. Every migration records
 * its version in {@code schema_info}, so such a database is recognised and baselined at that version instead of being
 * refused as "non-empty"; anything newer is then applied as usual.
 */
public final class Migrations {

    public static final String LOCATION_PREFIX = "classpath:schema/migrations/";
    public static final String HISTORY_TABLE = "flyway_schema_history";
    public static final String SCHEMA_INFO_TABLE = "schema_info";
    static final String SCHEMA_VERSION_KEY = "schema_version";

    /**
     * What one {@link #migrate} call did.
     *
     * @param baselineVersion the version a canonical-file install was recognised at, or {@code null}
     * @param appliedVersions the migrations applied by this call, in order (empty when already up to date)
     * @param currentVersion the schema version afterwards
     */
    public record Result(String baselineVersion, List<String> appliedVersions, String currentVersion) {

        public boolean changedSomething() {
            return baselineVersion != null || !appliedVersions.isEmpty();
        }
    }

    private Migrations() {
    }

    public static Result migrate(DataSource dataSource) {
        Dialect dialect = Dialect.of(dataSource);
        FluentConfiguration configuration = configuration(dataSource, dialect);
        String baselineVersion = null;
        if (!tableExists(dataSource, HISTORY_TABLE)) {
            Optional<String> installed = recordedVersion(dataSource);
            if (installed.isPresent()) {
                baselineVersion = installed.get();
                configuration.baselineOnMigrate(true)
                        .baselineVersion(baselineVersion)
                        .baselineDescription("installed from the canonical schema file at version " + baselineVersion);
            }
        }
        MigrateResult result = configuration.load().migrate();
        List<String> applied = result.migrations.stream().map(Migrations::version).toList();
        String current = currentVersion(dataSource)
                .orElseThrow(() -> new IllegalStateException("No schema version after migrating"));
        return new Result(baselineVersion, applied, current);
    }

    /** The schema version of the database, or empty when it holds no TradeSense schema at all. */
    public static Optional<String> currentVersion(DataSource dataSource) {
        if (tableExists(dataSource, HISTORY_TABLE)) {
            MigrationInfo current = configuration(dataSource, Dialect.of(dataSource)).load().info().current();
            if (current != null && current.getVersion() != null) {
                return Optional.of(current.getVersion().getVersion());
            }
        }
        return recordedVersion(dataSource);
    }

    /** The Flyway location of an engine's migrations. */
    public static String location(Dialect dialect) {
        return LOCATION_PREFIX + dialect.migrationFolder();
    }

    private static FluentConfiguration configuration(DataSource dataSource, Dialect dialect) {
        return Flyway.configure()
                .dataSource(dataSource)
                .locations(location(dialect))
                .table(HISTORY_TABLE)
                .failOnMissingLocations(true);
    }

    private static String version(MigrateOutput output) {
        return output.version;
    }

    private static Optional<String> recordedVersion(DataSource dataSource) {
        if (!tableExists(dataSource, SCHEMA_INFO_TABLE)) {
            return Optional.empty();
        }
        try (Connection connection = dataSource.getConnection();
                PreparedStatement select = connection.prepareStatement(
                        "SELECT value FROM " + SCHEMA_INFO_TABLE + " WHERE name = ?")) {
            select.setString(1, SCHEMA_VERSION_KEY);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the recorded schema version", e);
        }
    }

    private static boolean tableExists(DataSource dataSource, String table) {
        try (Connection connection = dataSource.getConnection()) {
            DatabaseMetaData metaData = connection.getMetaData();
            try (ResultSet tables = metaData.getTables(null, null, table, new String[] {"TABLE"})) {
                while (tables.next()) {
                    String name = tables.getString("TABLE_NAME");
                    String schema = tables.getString("TABLE_SCHEM");
                    boolean visible = schema == null || schema.equals(connection.getSchema());
                    if (visible && name.toLowerCase(Locale.ROOT).equals(table)) {
                        return true;
                    }
                }
                return false;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot inspect the database catalog", e);
        }
    }
}
