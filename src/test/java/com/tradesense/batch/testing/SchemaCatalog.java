package com.tradesense.batch.testing;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * A comparable description of everything a schema defines (tables, columns with types, nullability and defaults,
 * constraints, indexes, triggers, views, functions, sequences), one line per item, sorted. Flyway's own history table
 * is left out: it exists only in migrated databases.
 */
public final class SchemaCatalog {

    private static final String HISTORY = "flyway_schema_history";

    private SchemaCatalog() {
    }

    public static List<String> describe(TestDatabase database) {
        return describe(database.engine(), database.dataSource());
    }

    public static List<String> describe(TestEngine engine, DataSource dataSource) {
        try (Connection connection = dataSource.getConnection()) {
            List<String> lines = engine == TestEngine.POSTGRESQL ? postgres(connection) : sqlite(connection);
            lines.sort(null);
            return lines;
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot read the catalog", e);
        }
    }

    private static List<String> postgres(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        query(connection, lines, "column", """
                SELECT table_name, column_name, ordinal_position, data_type, character_maximum_length,
                       numeric_precision, numeric_scale, is_nullable, column_default
                FROM information_schema.columns
                WHERE table_schema = current_schema() AND table_name <> '%s'""".formatted(HISTORY));
        query(connection, lines, "constraint", """
                SELECT cl.relname, co.conname, co.contype, pg_get_constraintdef(co.oid)
                FROM pg_constraint co JOIN pg_class cl ON cl.oid = co.conrelid
                WHERE co.connamespace = current_schema()::regnamespace AND cl.relname <> '%s'""".formatted(HISTORY));
        query(connection, lines, "index", """
                SELECT tablename, indexname, indexdef FROM pg_indexes
                WHERE schemaname = current_schema() AND tablename <> '%s'""".formatted(HISTORY));
        query(connection, lines, "trigger", """
                SELECT cl.relname, t.tgname, pg_get_triggerdef(t.oid)
                FROM pg_trigger t JOIN pg_class cl ON cl.oid = t.tgrelid
                WHERE NOT t.tgisinternal AND cl.relnamespace = current_schema()::regnamespace""");
        query(connection, lines, "view", """
                SELECT c.relname, pg_get_viewdef(c.oid) FROM pg_class c
                WHERE c.relkind IN ('v', 'm') AND c.relnamespace = current_schema()::regnamespace""");
        query(connection, lines, "function", """
                SELECT p.proname, pg_get_functiondef(p.oid) FROM pg_proc p
                WHERE p.pronamespace = current_schema()::regnamespace""");
        query(connection, lines, "sequence", """
                SELECT sequence_name, data_type, start_value, maximum_value, increment, cycle_option
                FROM information_schema.sequences WHERE sequence_schema = current_schema()""");
        return lines;
    }

    private static List<String> sqlite(Connection connection) throws SQLException {
        List<String> lines = new ArrayList<>();
        List<String> tables = new ArrayList<>();
        try (Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery("""
                        SELECT type, name, tbl_name, sql FROM sqlite_master
                        WHERE name NOT LIKE 'sqlite_%%' AND tbl_name <> '%s'""".formatted(HISTORY))) {
            while (rs.next()) {
                lines.add("object|" + rs.getString("type") + "|" + rs.getString("name") + "|"
                        + rs.getString("tbl_name") + "|" + normalise(rs.getString("sql")));
                if ("table".equals(rs.getString("type"))) {
                    tables.add(rs.getString("name"));
                }
            }
        }
        for (String table : tables) {
            query(connection, lines, "column|" + table, "SELECT * FROM pragma_table_info('" + table + "')");
            query(connection, lines, "foreign_key|" + table, "SELECT * FROM pragma_foreign_key_list('" + table + "')");
            List<String> indexes = new ArrayList<>();
            try (Statement statement = connection.createStatement();
                    ResultSet rs = statement.executeQuery("SELECT name FROM pragma_index_list('" + table + "')")) {
                while (rs.next()) {
                    indexes.add(rs.getString(1));
                }
            }
            query(connection, lines, "index|" + table, "SELECT * FROM pragma_index_list('" + table + "')");
            for (String index : indexes) {
                query(connection, lines, "index_column|" + index, "SELECT * FROM pragma_index_xinfo('" + index + "')");
            }
        }
        return lines;
    }

    /** SQLite keeps each CREATE statement's text as written; only layout and comments may differ between installs. */
    private static String normalise(String sql) {
        if (sql == null) {
            return "";
        }
        return sql.replaceAll("--[^\\n]*", " ").replaceAll("\\s+", " ").trim();
    }

    private static void query(Connection connection, List<String> lines, String kind, String sql) throws SQLException {
        try (Statement statement = connection.createStatement(); ResultSet rs = statement.executeQuery(sql)) {
            ResultSetMetaData meta = rs.getMetaData();
            while (rs.next()) {
                StringBuilder line = new StringBuilder(kind);
                for (int i = 1; i <= meta.getColumnCount(); i++) {
                    line.append('|').append(rs.getString(i));
                }
                lines.add(line.toString());
            }
        }
    }
}
