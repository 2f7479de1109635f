package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.zaxxer.hikari.HikariDataSource;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Set-based SQL on SQLite stays exact: sums of decimal text never pass through a double. */
class SqliteDecimalFunctionsTest {

    @TempDir
    Path folder;

    private HikariDataSource dataSource;

    @BeforeEach
    void open() throws SQLException {
        dataSource = SqliteDataSources.pooled(folder.resolve("decimal.db"));
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.executeUpdate("CREATE TABLE amounts (grp TEXT, amount TEXT)");
            for (int i = 0; i < 1000; i++) {
                s.executeUpdate("INSERT INTO amounts VALUES ('a', '0.10')");
            }
            s.executeUpdate("INSERT INTO amounts VALUES ('b', '12345678901234.57'), ('b', '0.01'), ('b', NULL)");
        }
    }

    @AfterEach
    void close() {
        dataSource.close();
    }

    private String query(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }

    @Test
    void sumIsExactWhereSqliteSumIsNot() throws SQLException {
        assertThat(new BigDecimal(query("SELECT dec_sum(amount) FROM amounts WHERE grp = 'a'")))
                .isEqualByComparingTo("100.00");
        // SQLite's own SUM turns the text into binary doubles; ours never does
        assertThat(query("SELECT typeof(SUM(amount)) FROM amounts WHERE grp = 'b'")).isEqualTo("real");
        assertThat(query("SELECT typeof(dec_sum(amount)) FROM amounts WHERE grp = 'b'")).isEqualTo("text");
    }

    @Test
    void sumKeepsFifteenPlusSignificantDigitsAndIgnoresNulls() throws SQLException {
        assertThat(query("SELECT dec_sum(amount) FROM amounts WHERE grp = 'b'")).isEqualTo("12345678901234.58");
    }

    @Test
    void sumOfNoRowsIsNullLikeSum() throws SQLException {
        assertThat(query("SELECT dec_sum(amount) FROM amounts WHERE grp = 'none'")).isNull();
    }

    @Test
    void sumWorksPerGroup() throws SQLException {
        assertThat(query("SELECT group_concat(s, '|') FROM (SELECT grp, dec_sum(amount) AS s FROM amounts GROUP BY grp ORDER BY grp)"))
                .isEqualTo("100.00|12345678901234.58");
    }

    @Test
    void scalarArithmeticRoundingAndComparison() throws SQLException {
        assertThat(query("SELECT dec_add('100000.00', '-1234.56', '0.01')")).isEqualTo("98765.45");
        assertThat(query("SELECT dec_sub('0.30', '0.1')")).isEqualTo("0.20");
        assertThat(query("SELECT dec_mul('4.00', '1000.50')")).isEqualTo("4002.0000");
        assertThat(query("SELECT dec_round('2.345', 2)")).isEqualTo("2.34");
        assertThat(query("SELECT dec_cmp('10.0', '9.99')")).isEqualTo("1");
        assertThat(query("SELECT dec_add('1.00', NULL)")).isNull();
    }

    @Test
    void textThatIsNotADecimalIsAnErrorNotAZero() {
        assertThatThrownBy(() -> query("SELECT dec_add('1.00', 'abc')")).isInstanceOf(SQLException.class)
                .hasMessageContaining("not a decimal");
    }
}
