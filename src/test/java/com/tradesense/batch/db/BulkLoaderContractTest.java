package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** What goes into a bulk load comes out of the table unchanged, on every engine. */
abstract class BulkLoaderContractTest {

    private TestDatabase database;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() {
        database = TestDatabases.empty(engine());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void textWithEscapesNonAsciiAndNullsRoundTripsAcrossManyBuffers() throws SQLException {
        // given: values that need escaping or multi-byte UTF-8, a literal \N, and enough rows to fill many buffers
        List<String[]> rows = new ArrayList<>();
        String[] awkward = {"plain", null, "", "tab\there", "line\nbreak\r\n", "back\\slash", "\\N", "é ü ß",
            "€ 中文", "emoji 😀 and more 🎉", "x".repeat(70_000)};
        for (int i = 0; i < 5_000; i++) {
            rows.add(new String[] {Integer.toString(i), awkward[i % awkward.length],
                awkward[(i * 7 + 3) % awkward.length]});
        }

        // when
        List<String[]> read = new ArrayList<>();
        try (Connection c = database.dataSource().getConnection(); Statement s = c.createStatement()) {
            c.setAutoCommit(false);
            s.execute("CREATE TEMPORARY TABLE loaded (n INTEGER, a TEXT, b TEXT)");
            try (BulkLoader loader = BulkLoader.open(database.dialect(), c, "loaded", List.of("n", "a", "b"))) {
                for (String[] row : rows) {
                    loader.add(row);
                }
            }
            try (ResultSet rs = s.executeQuery("SELECT n, a, b FROM loaded ORDER BY n")) {
                while (rs.next()) {
                    read.add(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)});
                }
            }
            c.commit();
        }

        // then
        assertThat(read).hasSize(rows.size());
        for (int i = 0; i < rows.size(); i++) {
            assertThat(read.get(i)).as("row %d", i).isEqualTo(rows.get(i));
        }
        assertThat(Arrays.asList(read.get(1))).containsNull();
    }
}
