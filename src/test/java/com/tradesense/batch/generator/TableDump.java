package com.tradesense.batch.generator;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.tradesense.batch.db.Dialect;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The content of the four generated tables in one engine-independent shape, rows sorted by id: each value read through
 * the {@link Dialect} getter of its column type, decimals at the column's declared scale, JSON with its keys sorted.
 * Two dumps are equal exactly when the tables hold the same values, whichever engine they came from.
 */
final class TableDump {

    private static final ObjectMapper JSON = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private static final Set<String> UUIDS = Set.of("id", "user_id", "challenge_id");
    private static final Set<String> MONEY = Set.of("initial_balance", "current_equity", "max_equity_ever",
            "daily_start_equity", "amount", "refunded_amount", "commission", "swap", "realized_pnl");
    private static final Set<String> PERCENTAGES = Set.of("max_daily_drawdown_pct", "max_total_drawdown_pct",
            "profit_target_pct");
    private static final Set<String> QUANTITIES = Set.of("quantity", "price");
    private static final Set<String> INTEGERS = Set.of("min_trading_days", "version", "sequence_number");
    private static final Set<String> DATES = Set.of("last_daily_reset_date");
    private static final Set<String> JSON_COLUMNS = Set.of("metadata", "webhook_data");

    private TableDump() {
    }

    /** Every row of the four tables, read back from a database. */
    static Map<String, List<List<Object>>> of(DataSource dataSource, Dialect dialect) throws SQLException {
        Map<String, List<List<Object>>> dump = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (Table table : Table.values()) {
                List<List<Object>> rows = new ArrayList<>();
                try (ResultSet rs = statement.executeQuery("SELECT " + String.join(", ", table.columns()) + " FROM "
                        + table.tableName())) {
                    while (rs.next()) {
                        List<Object> row = new ArrayList<>();
                        for (String column : table.columns()) {
                            row.add(normalise(column, read(rs, dialect, column)));
                        }
                        rows.add(row);
                    }
                }
                dump.put(table.tableName(), sorted(rows));
            }
        }
        return dump;
    }

    /** The rows a generator emitted, in the same shape. */
    static Map<String, List<List<Object>>> of(CollectingSink generated) {
        Map<String, List<List<Object>>> dump = new LinkedHashMap<>();
        dump.put(Table.USERS.tableName(), rows(Table.USERS, generated.users.stream().map(Table::values).toList()));
        dump.put(Table.CHALLENGES.tableName(),
                rows(Table.CHALLENGES, generated.challenges.stream().map(Table::values).toList()));
        dump.put(Table.PAYMENTS.tableName(),
                rows(Table.PAYMENTS, generated.payments.stream().map(Table::values).toList()));
        dump.put(Table.TRADES.tableName(), rows(Table.TRADES, generated.trades.stream().map(Table::values).toList()));
        return dump;
    }

    private static List<List<Object>> rows(Table table, List<Object[]> values) {
        List<List<Object>> rows = new ArrayList<>();
        for (Object[] row : values) {
            List<Object> normalised = new ArrayList<>();
            for (int i = 0; i < row.length; i++) {
                normalised.add(normalise(table.columns().get(i), row[i]));
            }
            rows.add(normalised);
        }
        return sorted(rows);
    }

    private static Object read(ResultSet rs, Dialect dialect, String column) throws SQLException {
        if (UUIDS.contains(column)) {
            return dialect.getUuid(rs, column);
        }
        if (MONEY.contains(column) || PERCENTAGES.contains(column) || QUANTITIES.contains(column)) {
            return dialect.getDecimal(rs, column);
        }
        if (column.endsWith("_at")) {
            return dialect.getInstant(rs, column);
        }
        if (DATES.contains(column)) {
            return dialect.getDate(rs, column);
        }
        if (JSON_COLUMNS.contains(column)) {
            return dialect.getJson(rs, column);
        }
        if (INTEGERS.contains(column)) {
            long value = rs.getLong(column);
            return rs.wasNull() ? null : value;
        }
        return rs.getString(column);
    }

    private static Object normalise(String column, Object value) {
        if (value == null) {
            return null;
        }
        if (MONEY.contains(column) || PERCENTAGES.contains(column)) {
            return atScale((BigDecimal) value, 2, column);
        }
        if (QUANTITIES.contains(column)) {
            return atScale((BigDecimal) value, 8, column);
        }
        if (INTEGERS.contains(column)) {
            return ((Number) value).longValue();
        }
        if (JSON_COLUMNS.contains(column)) {
            try {
                return JSON.writeValueAsString(JSON.readValue((String) value, Object.class));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("Column " + column + " holds no JSON: " + value, e);
            }
        }
        if (value instanceof UUID || value instanceof Instant || value instanceof LocalDate) {
            return value.toString();
        }
        return value;
    }

    /** A value with more fraction digits than its column keeps would be rounded by NUMERIC(p,s): that is a failure. */
    private static String atScale(BigDecimal value, int scale, String column) {
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException e) {
            throw new IllegalStateException(column + " = " + value + " does not fit scale " + scale, e);
        }
    }

    private static List<List<Object>> sorted(List<List<Object>> rows) {
        rows.sort(Comparator.comparing(row -> (String) row.get(0)));
        return rows;
    }

    /** A short description of where two dumps first differ, for assertion messages. */
    static String firstDifference(Map<String, List<List<Object>>> left, Map<String, List<List<Object>>> right) {
        for (String table : left.keySet()) {
            List<List<Object>> a = left.get(table);
            List<List<Object>> b = right.getOrDefault(table, List.of());
            if (a.size() != b.size()) {
                return table + ": " + a.size() + " rows vs " + b.size();
            }
            for (int i = 0; i < a.size(); i++) {
                if (!a.get(i).equals(b.get(i))) {
                    return table + " row " + i + ":\n  " + Arrays.toString(a.get(i).toArray()) + "\n  "
                            + Arrays.toString(b.get(i).toArray());
                }
            }
        }
        return "none";
    }
}
