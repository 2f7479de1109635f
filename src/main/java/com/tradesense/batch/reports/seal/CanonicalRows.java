package com.tradesense.batch.reports.seal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.CanonicalJson;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The canonical form of a trade or an event, the text both engines hash to the same digest: canonical JSON (RFC 8785
 * member order) of every contract column, money at scale 2, quantity and price at scale 8, instants as
 * {@code 2026-11-25T13:45:10.123Z}, ids as lowercase UUID text, and {@code event_data} parsed and written again
 * canonically, because JSONB reorders keys and normalises whitespace while SQLite keeps the text as it came.
 *
 * <p>Limits, by design: instants are compared to the millisecond (the contract's precision), and a JSON number in
 * {@code event_data} is written as its plain decimal text, the same as a string holding it.
 */
public final class CanonicalRows {

    /** The columns read for a trade, prefixed {@code t_} in the verifier's query. */
    public static final List<String> TRADE_COLUMNS = List.of("id", "challenge_id", "sequence_number", "provider",
            "provider_trade_id", "symbol", "side", "quantity", "price", "commission", "swap", "realized_pnl",
            "executed_at", "created_at");

    /** The columns read for an event, prefixed {@code e_}. */
    public static final List<String> EVENT_COLUMNS = List.of("id", "challenge_id", "sequence_number", "event_type",
            "event_data", "description", "occurred_at", "created_at", "correlation_id", "causation_id",
            "idempotency_key");

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Dialect dialect;

    public CanonicalRows(Dialect dialect) {
        this.dialect = dialect;
    }

    public String trade(ResultSet rs, String prefix) throws SQLException {
        Map<String, Object> row = new TreeMap<>();
        row.put("table", "trades");
        row.put("id", rs.getString(prefix + "id"));
        row.put("challenge_id", rs.getString(prefix + "challenge_id"));
        row.put("sequence_number", rs.getLong(prefix + "sequence_number"));
        row.put("provider", rs.getString(prefix + "provider"));
        row.put("provider_trade_id", rs.getString(prefix + "provider_trade_id"));
        row.put("symbol", rs.getString(prefix + "symbol"));
        row.put("side", rs.getString(prefix + "side"));
        row.put("quantity", fixed(dialect.getDecimal(rs, prefix + "quantity"), 8));
        row.put("price", fixed(dialect.getDecimal(rs, prefix + "price"), 8));
        row.put("commission", fixed(dialect.getDecimal(rs, prefix + "commission"), 2));
        row.put("swap", fixed(dialect.getDecimal(rs, prefix + "swap"), 2));
        row.put("realized_pnl", fixed(dialect.getDecimal(rs, prefix + "realized_pnl"), 2));
        row.put("executed_at", instant(dialect.getInstant(rs, prefix + "executed_at")));
        row.put("created_at", instant(dialect.getInstant(rs, prefix + "created_at")));
        return CanonicalJson.write(row);
    }

    public String event(ResultSet rs, String prefix) throws SQLException {
        Map<String, Object> row = new TreeMap<>();
        row.put("table", "challenge_events");
        row.put("id", rs.getString(prefix + "id"));
        row.put("challenge_id", rs.getString(prefix + "challenge_id"));
        row.put("sequence_number", rs.getLong(prefix + "sequence_number"));
        row.put("event_type", rs.getString(prefix + "event_type"));
        row.put("event_data", json(dialect.getJson(rs, prefix + "event_data")));
        row.put("description", rs.getString(prefix + "description"));
        row.put("occurred_at", instant(dialect.getInstant(rs, prefix + "occurred_at")));
        row.put("created_at", instant(dialect.getInstant(rs, prefix + "created_at")));
        row.put("correlation_id", rs.getString(prefix + "correlation_id"));
        row.put("causation_id", rs.getString(prefix + "causation_id"));
        row.put("idempotency_key", rs.getString(prefix + "idempotency_key"));
        return CanonicalJson.write(row);
    }

    public static String sha256Hex(String text) {
        return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Fixed scale when the value fits it; otherwise the exact text, so an over-precise tampered value still shows. */
    static String fixed(BigDecimal value, int scale) {
        if (value == null) {
            return null;
        }
        try {
            return value.setScale(scale, RoundingMode.UNNECESSARY).toPlainString();
        } catch (ArithmeticException e) {
            return value.toPlainString();
        }
    }

    private static String instant(Instant value) {
        return value == null ? null : CanonicalJson.formatInstant(value);
    }

    static Object json(String text) {
        if (text == null) {
            return null;
        }
        try {
            return plain(JSON.readTree(text));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Not JSON any more (only possible behind the schema's back): hash the text itself.
            return "invalid JSON: " + text;
        }
    }

    private static Object plain(JsonNode node) {
        if (node.isObject()) {
            Map<String, Object> map = new TreeMap<>();
            Iterator<Map.Entry<String, JsonNode>> fields = node.fields();
            while (fields.hasNext()) {
                Map.Entry<String, JsonNode> field = fields.next();
                map.put(field.getKey(), plain(field.getValue()));
            }
            return map;
        }
        if (node.isArray()) {
            List<Object> items = new ArrayList<>();
            node.forEach(item -> items.add(plain(item)));
            return items;
        }
        if (node.isNull()) {
            return null;
        }
        if (node.isBoolean()) {
            return node.booleanValue();
        }
        if (node.isIntegralNumber()) {
            return node.bigIntegerValue();
        }
        if (node.isNumber()) {
            // JSONB keeps a number's digits but not its spelling (1.0e2): the plain decimal text is the same on both.
            BigDecimal exact = node.decimalValue().stripTrailingZeros();
            return exact.scale() < 0 ? exact.setScale(0).toPlainString() : exact.toPlainString();
        }
        return node.asText();
    }
}
