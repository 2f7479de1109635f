package com.tradesense.batch.db;

import static com.tradesense.batch.db.TableRow.aChallenge;
import static com.tradesense.batch.db.TableRow.aTrade;
import static com.tradesense.batch.db.TableRow.aUser;
import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.db.TableRow.Raw;
import com.tradesense.batch.testing.TestEngine;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** SQLite stores decimals, instants, dates and JSON as text; these checks keep that text in its one exact shape. */
class SqliteSchemaContractTest extends SchemaContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.SQLITE;
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-01-05 10:00:00", "2026-01-05T10:00:00Z", "2026-01-05T10:00:00.12Z",
        "2026-01-05T10:00:00.123+00:00", "2026-01-05T10:00:00.123", "2026-02-30T10:00:00.000Z",
        "2026-01-05T24:00:00.000Z", "1767607200000"})
    void rejectsInstantsNotInTheExactUtcMillisecondShape(String executedAt) throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> aTrade(challengeId, 1).with("executed_at", new Raw(executedAt))
                .insert(connection, dialect), "trades_executed_at_instant");
    }

    @Test
    void acceptsTheExactInstantShapeIncludingALeapDay() throws SQLException {
        UUID challengeId = aChallengeId();
        aTrade(challengeId, 1).with("executed_at", new Raw("2024-02-29T23:59:59.999Z")).insert(connection, dialect);
        assertThat(count("SELECT count(*) FROM trades")).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-1-5", "2026-01-05T00:00:00.000Z", "20260105", "2026-02-29"})
    void rejectsDatesNotInTheYearMonthDayShape(String date) throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> update("UPDATE challenges SET last_daily_reset_date = ? WHERE id = ?", new Raw(date),
                challengeId), "challenges_last_daily_reset_date_date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e5", "1,000.00", "1.234", "--1", "1.2.3", ".5", "5.", "-.5", "1-2", "", " 1",
        "12345678901234567890.00", "0x10", "NaN"})
    void rejectsMoneyThatIsNotAPlainDecimalOfScaleTwo(String amount) throws SQLException {
        UUID userId = aUser().insert(connection, dialect);
        assertRejected(() -> aChallenge(userId).with("current_equity", new Raw(amount)).insert(connection, dialect),
                "challenges_current_equity_decimal");
    }

    @Test
    void rejectsMoneyBoundAsABinaryDouble() throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> aTrade(challengeId, 1).with("realized_pnl", 0.1 + 0.2).insert(connection, dialect),
                "trades_realized_pnl_decimal");
    }

    @Test
    void acceptsPlainDecimalsUpToTheColumnsScale() throws SQLException {
        UUID challengeId = aChallengeId();
        aTrade(challengeId, 1).with("quantity", new Raw("0.00000001")).with("realized_pnl", new Raw("-7"))
                .with("swap", new Raw("-0.5")).insert(connection, dialect);
        assertThat(text("SELECT quantity || ' ' || realized_pnl || ' ' || swap FROM trades"))
                .isEqualTo("0.00000001 -7 -0.5");
    }

    @Test
    void rejectsAQuantityWithMoreThanEightDecimals() throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> aTrade(challengeId, 1).with("quantity", new Raw("0.000000001"))
                .insert(connection, dialect), "trades_quantity_decimal");
    }

    @Test
    void rejectsInvalidJson() throws SQLException {
        assertRejected(() -> aUser().with("metadata", new Raw("{not json")).insert(connection, dialect),
                "users_metadata_json");
        UUID challengeId = aChallengeId();
        assertRejected(() -> TableRow.anEvent(challengeId, 1).with("event_data", new Raw("{\"a\":"))
                .insert(connection, dialect), "challenge_events_event_data_object");
    }

    @Test
    void rejectsIdsThatAreNotCanonicalLowercaseUuids() {
        assertRejected(() -> aUser().with("id", new Raw("3F1C0D2E-0000-4000-8000-000000000001"))
                .insert(connection, dialect), "users_id_uuid");
        assertRejected(() -> aUser().with("id", new Raw("user-1")).insert(connection, dialect), "users_id_uuid");
    }

    @Test
    void rejectsASequenceNumberStoredAsText() throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> aTrade(challengeId, 1).with("sequence_number", new Raw("first"))
                .insert(connection, dialect), "trades_sequence_number_positive");
    }
}
