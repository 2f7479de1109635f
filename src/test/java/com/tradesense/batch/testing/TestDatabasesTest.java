package com.tradesense.batch.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class TestDatabasesTest {

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void eachDatabaseIsIsolatedFromTheOthers(TestEngine engine) throws SQLException {
        try (TestDatabase first = TestDatabases.empty(engine); TestDatabase second = TestDatabases.empty(engine)) {
            // given
            execute(first, "CREATE TABLE only_in_first (id INTEGER)");

            // when / then
            assertThat(first.url()).isNotEqualTo(second.url());
            assertThatThrownBy(() -> execute(second, "SELECT * FROM only_in_first")).isInstanceOf(SQLException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void migratedDatabasesHaveTheContractTablesAndCanBeChangedIndependently(TestEngine engine) throws SQLException {
        try (TestDatabase first = TestDatabases.migrated(engine); TestDatabase second = TestDatabases.migrated(engine)) {
            // given
            execute(first, "INSERT INTO schema_info (name, value) VALUES ('marker', 'first')");

            // when
            long inSecond = count(second, "SELECT count(*) FROM schema_info WHERE name = 'marker'");

            // then
            assertThat(inSecond).isZero();
            assertThat(count(second, "SELECT count(*) FROM challenge_performance_analytics")).isZero();
            assertThat(first.dialect().engine()).isEqualTo(engine.dialect().engine());
        }
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void closingADatabaseRemovesIt(TestEngine engine) throws SQLException {
        // given
        TestDatabase database = TestDatabases.empty(engine);
        execute(database, "CREATE TABLE marker (id INTEGER)");
        String url = database.url();

        // when
        database.close();

        // then
        if (engine == TestEngine.SQLITE) {
            assertThat(java.nio.file.Path.of(url.substring("jdbc:sqlite:".length()))).doesNotExist();
        } else {
            assertThatThrownBy(() -> DriverManager.getConnection(url, database.username(), database.password())
                    .close()).isInstanceOf(SQLException.class).hasMessageContaining("does not exist");
        }
    }

    @ParameterizedTest
    @EnumSource(TestEngine.class)
    void theUrlOpensTheSameDatabaseAsThePool(TestEngine engine) throws SQLException {
        try (TestDatabase database = TestDatabases.empty(engine)) {
            execute(database, "CREATE TABLE marker (id INTEGER)");
            try (Connection direct = DriverManager.getConnection(database.url(), database.username(),
                    database.password()); Statement statement = direct.createStatement()) {
                statement.executeQuery("SELECT count(*) FROM marker").close();
            }
        }
    }

    private static void execute(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }

    private static long count(TestDatabase database, String sql) throws SQLException {
        try (Connection connection = database.dataSource().getConnection();
                Statement statement = connection.createStatement();
                ResultSet rs = statement.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }
}
