package com.tradesense.batch.db;

import static com.tradesense.batch.db.TableRow.aChallenge;
import static com.tradesense.batch.db.TableRow.aPayment;
import static com.tradesense.batch.db.TableRow.aTrade;
import static com.tradesense.batch.db.TableRow.aUser;
import static com.tradesense.batch.db.TableRow.anAlert;
import static com.tradesense.batch.db.TableRow.anEvent;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * What the schema itself guarantees, on every engine: the contract's tables accept what the platform writes and
 * reject what must never be stored, whoever writes it. One subclass per engine.
 */
abstract class SchemaContractTest {

    private static final UUID UNKNOWN_ID = UUID.fromString("00000000-0000-4000-8000-000000000000");

    protected TestDatabase database;
    protected Dialect dialect;
    protected Connection connection;

    protected abstract TestEngine engine();

    @BeforeEach
    void createDatabase() throws SQLException {
        database = TestDatabases.migrated(engine());
        dialect = database.dialect();
        connection = database.dataSource().getConnection();
    }

    @AfterEach
    void dropDatabase() throws SQLException {
        connection.close();
        database.close();
    }

    // ---- required columns and defaults

    @Test
    void acceptsRowsWithOnlyTheContractsRequiredColumnsAndFillsTheDefaults() throws SQLException {
        // given
        UUID userId = aUser().insert(connection, dialect);
        UUID challengeId = aChallenge(userId).insert(connection, dialect);

        // when
        UUID tradeId = aTrade(challengeId, 1).insert(connection, dialect);
        UUID eventId = anEvent(challengeId, 1).insert(connection, dialect);
        UUID paymentId = aPayment(userId).insert(connection, dialect);
        UUID alertId = anAlert(challengeId).insert(connection, dialect);

        // then
        assertThat(List.of(userId, challengeId, tradeId, eventId, paymentId, alertId)).doesNotHaveDuplicates();
        assertThat(text("SELECT role || ' ' || status || ' ' || version FROM users WHERE id = ?", userId))
                .isEqualTo("USER PENDING_VERIFICATION 0");
        assertThat(text("SELECT status || ' ' || currency || ' ' || min_trading_days || ' ' || version"
                + " FROM challenges WHERE id = ?", challengeId)).isEqualTo("PENDING USD 0 0");
        assertThat(decimal("SELECT swap FROM trades WHERE id = ?", tradeId)).isEqualByComparingTo("0");
        assertThat(decimal("SELECT commission FROM trades WHERE id = ?", tradeId)).isEqualByComparingTo("0");
        assertThat(text("SELECT status || ' ' || currency FROM payments WHERE id = ?", paymentId))
                .isEqualTo("PENDING USD");
        assertThat(decimal("SELECT refunded_amount FROM payments WHERE id = ?", paymentId)).isEqualByComparingTo("0");
        assertThat(text("SELECT status FROM risk_alerts WHERE id = ?", alertId)).isEqualTo("ACTIVE");
        for (String table : List.of("users", "challenges", "trades", "challenge_events", "payments", "risk_alerts")) {
            assertThat(instant("SELECT created_at FROM " + table + " LIMIT 1"))
                    .isBetween(Instant.now().minusSeconds(600), Instant.now().plusSeconds(600));
        }
    }

    @Test
    void generatesCanonicalLowercaseUuidIds() throws SQLException {
        // when
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            ids.add(aUser().insert(connection, dialect).toString());
        }

        // then
        assertThat(ids).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}"));
    }

    // ---- enums

    @ParameterizedTest
    @CsvSource({
        "users, role, users_role_valid",
        "users, status, users_status_valid",
        "challenges, status, challenges_status_valid",
        "trades, side, trades_side_valid",
        "challenge_events, event_type, challenge_events_event_type_valid",
        "payments, provider, payments_provider_valid",
        "payments, status, payments_status_valid",
        "risk_alerts, alert_type, risk_alerts_alert_type_valid",
        "risk_alerts, severity, risk_alerts_severity_valid",
        "risk_alerts, status, risk_alerts_status_valid"})
    void rejectsValuesOutsideAnEnumeration(String table, String column, String constraint) throws SQLException {
        // given
        TableRow row = validRow(table).with(column, "NOT_A_VALUE");

        // when / then
        assertRejected(() -> row.insert(connection, dialect), constraint);
    }

    @Test
    void acceptsEveryEnumeratedValueOfTheContract() throws SQLException {
        UUID userId = aUser().insert(connection, dialect);
        UUID challengeId = aChallenge(userId).insert(connection, dialect);
        for (String role : List.of("USER", "ADMIN", "SUPERADMIN")) {
            for (String status : List.of("PENDING_VERIFICATION", "ACTIVE", "SUSPENDED", "CLOSED")) {
                aUser().with("role", role).with("status", status).insert(connection, dialect);
            }
        }
        for (String status : List.of("PENDING", "ACTIVE", "FAILED", "FUNDED")) {
            aChallenge(userId).with("status", status).insert(connection, dialect);
        }
        aTrade(challengeId, 1).with("side", "SELL").insert(connection, dialect);
        long sequence = 1;
        for (String type : List.of("TRADE_EXECUTED", "CHALLENGE_STATUS_CHANGED", "CHALLENGE_FAILED",
                "CHALLENGE_FUNDED", "RISK_VIOLATION_DETECTED", "DAILY_PNL_CALCULATED", "DAILY_RESET_PERFORMED",
                "DAILY_PNL_RESTATED")) {
            anEvent(challengeId, sequence++).with("event_type", type).insert(connection, dialect);
        }
        for (String provider : List.of("STRIPE", "PAYPAL", "BANK_TRANSFER", "MOCK")) {
            for (String status : List.of("PENDING", "PROCESSING", "SUCCESS", "FAILED", "REFUNDED", "CANCELLED")) {
                aPayment(userId).with("provider", provider).with("status", status).insert(connection, dialect);
            }
        }
        for (String type : List.of("HIGH_DRAWDOWN", "TOTAL_DRAWDOWN_EXCEEDED", "PROFIT_TARGET_REACHED",
                "INACTIVE_TRADING", "UNUSUAL_ACTIVITY", "RISK_SCORE_SPIKE")) {
            for (String severity : List.of("LOW", "MEDIUM", "HIGH", "CRITICAL")) {
                for (String status : List.of("ACTIVE", "ACKNOWLEDGED", "RESOLVED")) {
                    anAlert(challengeId).with("alert_type", type).with("severity", severity).with("status", status)
                            .insert(connection, dialect);
                }
            }
        }
        assertThat(count("SELECT count(*) FROM risk_alerts")).isEqualTo(72);
    }

    // ---- signs and ranges

    @ParameterizedTest
    @CsvSource({
        "challenges, initial_balance, 0.00, challenges_initial_balance_positive",
        "challenges, initial_balance, -1.00, challenges_initial_balance_positive",
        "challenges, max_daily_drawdown_pct, 0.00, challenges_max_daily_drawdown_pct_range",
        "challenges, max_daily_drawdown_pct, 100.01, challenges_max_daily_drawdown_pct_range",
        "challenges, max_total_drawdown_pct, 0.00, challenges_max_total_drawdown_pct_range",
        "challenges, max_total_drawdown_pct, 100.50, challenges_max_total_drawdown_pct_range",
        "challenges, profit_target_pct, -5.00, challenges_profit_target_pct_range",
        "challenges, profit_target_pct, 101.00, challenges_profit_target_pct_range",
        "challenges, max_equity_ever, 0.00, challenges_max_equity_ever_positive",
        "challenges, daily_start_equity, -0.01, challenges_daily_start_equity_not_negative",
        "trades, quantity, 0.00000000, trades_quantity_positive",
        "trades, quantity, -1.00000000, trades_quantity_positive",
        "trades, price, 0.00000000, trades_price_positive",
        "trades, commission, -0.01, trades_commission_not_negative",
        "payments, amount, -0.01, payments_amount_not_negative",
        "payments, refunded_amount, -1.00, payments_refunded_amount_range",
        "payments, refunded_amount, 99.01, payments_refunded_amount_range"})
    void rejectsAmountsWithTheWrongSignOrOutOfRange(String table, String column, String value, String constraint)
            throws SQLException {
        // given
        TableRow row = validRow(table).with(column, new BigDecimal(value));

        // when / then
        assertRejected(() -> row.insert(connection, dialect), constraint);
    }

    @Test
    void acceptsTheBoundariesOfEachRange() throws SQLException {
        UUID userId = aUser().insert(connection, dialect);
        UUID challengeId = aChallenge(userId)
                .with("max_daily_drawdown_pct", new BigDecimal("100.00"))
                .with("max_total_drawdown_pct", new BigDecimal("0.01"))
                .with("profit_target_pct", new BigDecimal("100.00"))
                .with("min_trading_days", 0)
                .insert(connection, dialect);
        aTrade(challengeId, 1).with("commission", new BigDecimal("0.00"))
                .with("swap", new BigDecimal("-3.25")).with("realized_pnl", new BigDecimal("-150.00"))
                .insert(connection, dialect);
        aPayment(userId).with("amount", new BigDecimal("0.00")).insert(connection, dialect);
        aPayment(userId).with("refunded_amount", new BigDecimal("99.00")).insert(connection, dialect);
        assertThat(count("SELECT count(*) FROM payments")).isEqualTo(2);
    }

    @Test
    void rejectsNegativeMinimumTradingDays() throws SQLException {
        UUID userId = aUser().insert(connection, dialect);
        assertRejected(() -> aChallenge(userId).with("min_trading_days", -1).insert(connection, dialect),
                "challenges_min_trading_days_not_negative");
    }

    @Test
    void rejectsNonPositiveSequenceNumbers() throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> aTrade(challengeId, 0).insert(connection, dialect), "trades_sequence_number_positive");
        assertRejected(() -> anEvent(challengeId, 0).insert(connection, dialect),
                "challenge_events_sequence_number_positive");
    }

    @ParameterizedTest
    @ValueSource(strings = {"usd", "US", "E1R"})
    void rejectsCurrenciesThatAreNotThreeUppercaseLetters(String currency) throws SQLException {
        UUID userId = aUser().insert(connection, dialect);
        assertRejected(() -> aChallenge(userId).with("currency", currency).insert(connection, dialect),
                "challenges_currency_format");
        assertRejected(() -> aPayment(userId).with("currency", currency).insert(connection, dialect),
                "payments_currency_format");
    }

    @ParameterizedTest
    @ValueSource(strings = {"correct horse battery staple", "5f4dcc3b5aa765d61d8327deb882cf99", "$2b$10$short"})
    void rejectsPasswordsThatAreNotAHash(String passwordHash) {
        assertRejected(() -> aUser().with("password_hash", passwordHash).insert(connection, dialect),
                "users_password_hash_format");
    }

    @ParameterizedTest
    @ValueSource(strings = {
        "$argon2id$v=19$m=65536,t=3,p=4$c29tZXNhbHQ$RdescudvJCsgt3ub+b+dWRWJTmaaJObG",
        "$scrypt$ln=16,r=8,p=1$aM15713r3Xsvxbi31lqr1Q$nFNh2CVHVjNldFVKDHDlm4CbdRSCdEBsjjJxD+iCs5E",
        "{bcrypt}$2a$10$dXJ3SW6G7P50lGmMkkmwe.20cQQubK3.HZWzG3YB1tlRy.fqvM/BG"})
    void acceptsArgon2ScryptAndPrefixedHashes(String passwordHash) throws SQLException {
        aUser().with("password_hash", passwordHash).insert(connection, dialect);
        assertThat(count("SELECT count(*) FROM users")).isEqualTo(1);
    }

    @Test
    void rejectsEventPayloadsThatAreNotJsonObjects() throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> anEvent(challengeId, 1).with("event_data", new TableRow.Json("[1, 2]"))
                .insert(connection, dialect), "challenge_events_event_data_object");
    }

    // ---- uniqueness and references

    @Test
    void rejectsASecondTradeWithTheSameSequenceNumberInAChallenge() throws SQLException {
        UUID challengeId = aChallengeId();
        aTrade(challengeId, 7).insert(connection, dialect);
        assertUniqueViolation(() -> aTrade(challengeId, 7).insert(connection, dialect),
                "trades_challenge_sequence_key", "trades.challenge_id, trades.sequence_number");
        aTrade(aChallengeId(), 7).insert(connection, dialect);
    }

    @Test
    void rejectsTheSameProviderTradeIdTwiceOnOneProviderButNotAcrossProviders() throws SQLException {
        UUID challengeId = aChallengeId();
        aTrade(challengeId, 1).with("provider_trade_id", "90001").insert(connection, dialect);
        assertUniqueViolation(() -> aTrade(challengeId, 2).with("provider_trade_id", "90001")
                        .insert(connection, dialect),
                "trades_provider_trade_key", "trades.provider, trades.provider_trade_id");
        aTrade(challengeId, 3).with("provider_trade_id", "90001").with("provider", "CTRADER-EU")
                .insert(connection, dialect);
        assertThat(count("SELECT count(*) FROM trades")).isEqualTo(2);
    }

    @Test
    void rejectsASecondEventWithTheSameSequenceNumberOrIdempotencyKey() throws SQLException {
        UUID challengeId = aChallengeId();
        anEvent(challengeId, 1).with("idempotency_key", "DAILY_PNL:x:2026-01-05").insert(connection, dialect);
        assertUniqueViolation(() -> anEvent(challengeId, 1).insert(connection, dialect),
                "challenge_events_challenge_sequence_key",
                "challenge_events.challenge_id, challenge_events.sequence_number");
        assertUniqueViolation(() -> anEvent(challengeId, 2).with("idempotency_key", "DAILY_PNL:x:2026-01-05")
                .insert(connection, dialect), "challenge_events_idempotency_key_key",
                "challenge_events.idempotency_key");
        anEvent(challengeId, 2).insert(connection, dialect);
        anEvent(challengeId, 3).insert(connection, dialect);
    }

    @Test
    void rejectsDuplicatePaymentsAndAlertsAndProviderAccounts() throws SQLException {
        UUID userId = aUser().insert(connection, dialect);
        UUID challengeId = aChallenge(userId).with("provider", "MT5-LIVE-1").with("provider_account_id", "5001")
                .insert(connection, dialect);
        aPayment(userId).with("provider_payment_id", "pi_1").insert(connection, dialect);
        anAlert(challengeId).with("dedup_key", "DD:1").insert(connection, dialect);

        assertUniqueViolation(() -> aPayment(userId).with("provider_payment_id", "pi_1").insert(connection, dialect),
                "payments_provider_payment_key", "payments.provider, payments.provider_payment_id");
        assertUniqueViolation(() -> anAlert(challengeId).with("dedup_key", "DD:1").insert(connection, dialect),
                "risk_alerts_dedup_key_key", "risk_alerts.dedup_key");
        assertUniqueViolation(() -> aChallenge(userId).with("provider", "MT5-LIVE-1")
                        .with("provider_account_id", "5001").insert(connection, dialect),
                "challenges_provider_account_key", "challenges.provider, challenges.provider_account_id");
        // Unlinked challenges, alerts without a cause key and events without an idempotency key are not duplicates.
        aChallenge(userId).insert(connection, dialect);
        aChallenge(userId).insert(connection, dialect);
        anAlert(challengeId).insert(connection, dialect);
        anAlert(challengeId).insert(connection, dialect);
        assertThat(count("SELECT count(*) FROM challenges")).isEqualTo(3);
    }

    @Test
    void rejectsAnEmailThatDiffersOnlyInCaseFromALiveAccount() throws SQLException {
        aUser().with("email", "Alice@Example.com").insert(connection, dialect);
        assertUniqueViolation(() -> aUser().with("email", "alice@example.COM").insert(connection, dialect),
                "users_email_live_key", "users_email_live_key");
    }

    @Test
    void letsASoftDeletedAccountsEmailBeUsedAgain() throws SQLException {
        // given
        UUID first = aUser().with("email", "bob@example.com").insert(connection, dialect);
        update("UPDATE users SET deleted_at = ? WHERE id = ?", Instant.parse("2026-01-05T10:00:00.000Z"), first);

        // when
        UUID second = aUser().with("email", "BOB@example.com").insert(connection, dialect);

        // then
        assertThat(second).isNotEqualTo(first);
        assertThat(count("SELECT count(*) FROM users WHERE lower(email) = 'bob@example.com'")).isEqualTo(2);
    }

    @Test
    void rejectsReferencesToRowsThatDoNotExist() throws SQLException {
        UUID userId = aUser().insert(connection, dialect);
        assertRejected(() -> aChallenge(UNKNOWN_ID).insert(connection, dialect), "challenges_user_fk", "FOREIGN KEY");
        assertRejected(() -> aTrade(UNKNOWN_ID, 1).insert(connection, dialect), "trades_challenge_fk", "FOREIGN KEY");
        assertRejected(() -> anEvent(UNKNOWN_ID, 1).insert(connection, dialect), "challenge_events_challenge_fk",
                "FOREIGN KEY");
        assertRejected(() -> aPayment(UNKNOWN_ID).insert(connection, dialect), "payments_user_fk", "FOREIGN KEY");
        assertRejected(() -> aPayment(userId).with("challenge_id", UNKNOWN_ID).insert(connection, dialect),
                "payments_challenge_fk", "FOREIGN KEY");
        assertRejected(() -> anAlert(UNKNOWN_ID).insert(connection, dialect), "risk_alerts_challenge_fk",
                "FOREIGN KEY");
    }

    // ---- immutability triggers

    @Test
    void rejectsAnyUpdateOrDeleteOfATrade() throws SQLException {
        UUID tradeId = aTrade(aChallengeId(), 1).insert(connection, dialect);
        assertRejected(() -> update("UPDATE trades SET realized_pnl = realized_pnl WHERE id = ?", tradeId),
                "trades: UPDATE is not allowed (append-only table)");
        assertRejected(() -> update("DELETE FROM trades WHERE id = ?", tradeId),
                "trades: DELETE is not allowed (append-only table)");
        assertThat(count("SELECT count(*) FROM trades")).isEqualTo(1);
    }

    @Test
    void rejectsAnyUpdateOrDeleteOfAnEvent() throws SQLException {
        UUID eventId = anEvent(aChallengeId(), 1).insert(connection, dialect);
        assertRejected(() -> update("UPDATE challenge_events SET description = 'edited' WHERE id = ?", eventId),
                "challenge_events: UPDATE is not allowed (append-only table)");
        assertRejected(() -> update("DELETE FROM challenge_events WHERE id = ?", eventId),
                "challenge_events: DELETE is not allowed (append-only table)");
        assertThat(count("SELECT count(*) FROM challenge_events")).isEqualTo(1);
    }

    @Test
    void rejectsDeletingAChallenge() throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> update("DELETE FROM challenges WHERE id = ?", challengeId),
                "challenges: DELETE is not allowed (set deleted_at instead)");
    }

    @ParameterizedTest
    @CsvSource({
        "initial_balance, 200000.00",
        "max_daily_drawdown_pct, 4.00",
        "max_total_drawdown_pct, 12.00",
        "profit_target_pct, 10.00"})
    void rejectsChangingAConfiguredLimit(String column, String value) throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> update("UPDATE challenges SET " + column + " = ? WHERE id = ?", new BigDecimal(value),
                challengeId), "challenges: configuration column " + column + " cannot be changed");
    }

    @Test
    void rejectsChangingTheOwnerTheDeadlineTheMinimumDaysOrTheCurrency() throws SQLException {
        UUID challengeId = aChallengeId();
        UUID otherUser = aUser().insert(connection, dialect);
        assertRejected(() -> update("UPDATE challenges SET user_id = ? WHERE id = ?", otherUser, challengeId),
                "challenges: configuration column user_id cannot be changed");
        assertRejected(() -> update("UPDATE challenges SET expires_at = ? WHERE id = ?",
                Instant.parse("2027-01-01T00:00:00.000Z"), challengeId),
                "challenges: configuration column expires_at cannot be changed");
        assertRejected(() -> update("UPDATE challenges SET min_trading_days = 3 WHERE id = ?", challengeId),
                "challenges: configuration column min_trading_days cannot be changed");
        assertRejected(() -> update("UPDATE challenges SET currency = 'EUR' WHERE id = ?", challengeId),
                "challenges: configuration column currency cannot be changed");
    }

    @ParameterizedTest
    @CsvSource({
        "PENDING, FAILED", "PENDING, FUNDED", "ACTIVE, PENDING",
        "FAILED, PENDING", "FAILED, ACTIVE", "FAILED, FUNDED",
        "FUNDED, PENDING", "FUNDED, ACTIVE", "FUNDED, FAILED"})
    void rejectsStatusTransitionsOutsideTheStateMachine(String from, String to) throws SQLException {
        UUID challengeId = aChallenge(aUser().insert(connection, dialect)).with("status", from)
                .insert(connection, dialect);
        assertRejected(() -> update("UPDATE challenges SET status = '" + to + "' WHERE id = ?", challengeId),
                "challenges: status transition " + from + " -> " + to + " is not allowed");
        assertThat(text("SELECT status FROM challenges WHERE id = ?", challengeId)).isEqualTo(from);
    }

    @ParameterizedTest
    @CsvSource({
        "PENDING, ACTIVE", "ACTIVE, FUNDED", "ACTIVE, FAILED",
        "PENDING, PENDING", "ACTIVE, ACTIVE", "FUNDED, FUNDED", "FAILED, FAILED"})
    void allowsTheStateMachinesTransitionsAndLiveFigureUpdates(String from, String to) throws SQLException {
        // given
        UUID challengeId = aChallenge(aUser().insert(connection, dialect)).with("status", from)
                .insert(connection, dialect);

        // when
        int updated = update("UPDATE challenges SET status = '" + to + "', current_equity = ?, max_equity_ever = ?,"
                        + " daily_start_equity = ?, ended_at = ?, failure_reason = 'x', version = version + 1"
                        + " WHERE id = ?", new BigDecimal("101000.00"), new BigDecimal("101000.00"),
                new BigDecimal("100500.00"), Instant.parse("2026-01-05T10:00:00.000Z"), challengeId);

        // then
        assertThat(updated).isEqualTo(1);
        assertThat(text("SELECT status FROM challenges WHERE id = ?", challengeId)).isEqualTo(to);
    }

    @Test
    void anUnknownStatusIsReportedByTheStatusCheck() throws SQLException {
        UUID challengeId = aChallengeId();
        assertRejected(() -> update("UPDATE challenges SET status = 'PAUSED' WHERE id = ?", challengeId),
                "challenges_status_valid");
    }

    // ---- optimistic locking

    @Test
    void anUpdateWithAStaleVersionChangesNothing() throws SQLException {
        // given
        UUID challengeId = aChallengeId();
        String sql = "UPDATE challenges SET current_equity = ?, version = version + 1 WHERE id = ? AND version = ?";
        assertThat(update(sql, new BigDecimal("100100.00"), challengeId, 0L)).isEqualTo(1);

        // when
        int stale = update(sql, new BigDecimal("99900.00"), challengeId, 0L);

        // then
        assertThat(stale).isZero();
        assertThat(decimal("SELECT current_equity FROM challenges WHERE id = ?", challengeId))
                .isEqualByComparingTo("100100.00");
        assertThat(count("SELECT version FROM challenges")).isEqualTo(1);
    }

    // ---- exact values

    @Test
    void storesMoneyQuantitiesAndPricesExactly() throws SQLException {
        // given
        UUID userId = aUser().insert(connection, dialect);
        UUID challengeId = aChallenge(userId)
                .with("initial_balance", new BigDecimal("12345678901234.57"))
                .with("current_equity", new BigDecimal("9999999999999999.99"))
                .with("max_equity_ever", new BigDecimal("12345678901234.57"))
                .with("daily_start_equity", new BigDecimal("0.01"))
                .insert(connection, dialect);

        // when
        UUID tradeId = aTrade(challengeId, 1)
                .with("quantity", new BigDecimal("123456789012.12345678"))
                .with("price", new BigDecimal("0.00000001"))
                .with("realized_pnl", new BigDecimal("-12345678901234.57"))
                .with("swap", new BigDecimal("-0.10"))
                .insert(connection, dialect);
        UUID alertId = anAlert(challengeId).with("threshold_value", new BigDecimal("4.0000"))
                .with("actual_value", new BigDecimal("4.3333")).insert(connection, dialect);

        // then
        assertThat(decimal("SELECT initial_balance FROM challenges WHERE id = ?", challengeId))
                .isEqualTo(new BigDecimal("12345678901234.57"));
        assertThat(decimal("SELECT current_equity FROM challenges WHERE id = ?", challengeId))
                .isEqualTo(new BigDecimal("9999999999999999.99"));
        assertThat(decimal("SELECT quantity FROM trades WHERE id = ?", tradeId))
                .isEqualTo(new BigDecimal("123456789012.12345678"));
        assertThat(decimal("SELECT price FROM trades WHERE id = ?", tradeId)).isEqualTo(new BigDecimal("0.00000001"));
        assertThat(decimal("SELECT realized_pnl FROM trades WHERE id = ?", tradeId))
                .isEqualTo(new BigDecimal("-12345678901234.57"));
        assertThat(decimal("SELECT swap FROM trades WHERE id = ?", tradeId)).isEqualTo(new BigDecimal("-0.10"));
        assertThat(decimal("SELECT actual_value FROM risk_alerts WHERE id = ?", alertId))
                .isEqualTo(new BigDecimal("4.3333"));
    }

    @Test
    void storesInstantsAsTheSameUtcInstantWhateverTheSessionZone() throws SQLException {
        // given
        Instant executedAt = Instant.parse("2026-03-29T00:59:59.999Z");

        // when
        UUID tradeId = aTrade(aChallengeId(), 1).with("executed_at", executedAt).insert(connection, dialect);

        // then
        assertThat(instant("SELECT executed_at FROM trades WHERE id = '" + tradeId + "'")).isEqualTo(executedAt);
    }

    // ---- analytics view

    @Test
    void analyticsViewComputesEachChallengesFigures() throws SQLException {
        // given: profit (110000 - 100000) / 100000 = 10 %, drawdown (137500 - 110000) / 137500 = 20 %,
        // daily drawdown (125000 - 110000) / 125000 = 12 %; pnl +100 -50 0 +25 +10 wins 3 of 4 non-zero = 75 %;
        // quantities 1.5 + 0.5 + 2 + 1 + 0.25 = 5.25, average 1.05; first to last trade 26.75 hours.
        UUID userId = aUser().insert(connection, dialect);
        UUID trading = aChallenge(userId).with("status", "ACTIVE")
                .with("current_equity", new BigDecimal("110000.00"))
                .with("max_equity_ever", new BigDecimal("137500.00"))
                .with("daily_start_equity", new BigDecimal("125000.00"))
                .insert(connection, dialect);
        String[][] trades = {
            {"1.50000000", "100.00", "2026-01-05T10:00:00.000Z"},
            {"0.50000000", "-50.00", "2026-01-05T11:00:00.000Z"},
            {"2.00000000", "0.00", "2026-01-05T23:59:59.999Z"},
            {"1.00000000", "25.00", "2026-01-06T12:45:00.000Z"},
            {"0.25000000", "10.00", "2026-01-06T03:00:00.000Z"}};
        long sequence = 1;
        for (String[] trade : trades) {
            aTrade(trading, sequence++).with("quantity", new BigDecimal(trade[0]))
                    .with("realized_pnl", new BigDecimal(trade[1])).with("executed_at", Instant.parse(trade[2]))
                    .insert(connection, dialect);
        }
        UUID idle = aChallenge(userId).with("current_equity", new BigDecimal("95000.00"))
                .with("max_equity_ever", new BigDecimal("100000.00"))
                .with("daily_start_equity", new BigDecimal("94000.00"))
                .insert(connection, dialect);
        UUID deleted = aChallenge(userId).with("deleted_at", Instant.parse("2026-01-04T00:00:00.000Z"))
                .insert(connection, dialect);

        // when
        Map<String, String> tradingRow = analyticsRow(trading);
        Map<String, String> idleRow = analyticsRow(idle);

        // then
        assertThat(tradingRow.get("user_id")).isEqualTo(userId.toString());
        assertThat(tradingRow.get("status")).isEqualTo("ACTIVE");
        assertThat(new BigDecimal(tradingRow.get("profit_pct"))).isEqualByComparingTo("10");
        assertThat(new BigDecimal(tradingRow.get("drawdown_pct"))).isEqualByComparingTo("20");
        assertThat(new BigDecimal(tradingRow.get("daily_drawdown_used_pct"))).isEqualByComparingTo("12");
        assertThat(new BigDecimal(tradingRow.get("trading_hours"))).isEqualByComparingTo("26.75");
        assertThat(new BigDecimal(tradingRow.get("win_rate"))).isEqualByComparingTo("75");
        assertThat(new BigDecimal(tradingRow.get("avg_trade_size"))).isEqualByComparingTo("1.05");
        assertThat(new BigDecimal(tradingRow.get("total_volume"))).isEqualByComparingTo("5.25");
        assertThat(new BigDecimal(tradingRow.get("total_trades"))).isEqualByComparingTo("5");

        assertThat(new BigDecimal(idleRow.get("profit_pct"))).isEqualByComparingTo("-5");
        assertThat(new BigDecimal(idleRow.get("drawdown_pct"))).isEqualByComparingTo("5");
        assertThat(new BigDecimal(idleRow.get("daily_drawdown_used_pct"))).isEqualByComparingTo("0");
        assertThat(idleRow.get("win_rate")).isNull();
        assertThat(new BigDecimal(idleRow.get("total_trades"))).isEqualByComparingTo("0");
        assertThat(new BigDecimal(idleRow.get("trading_hours"))).isEqualByComparingTo("0");

        assertThat(count("SELECT count(*) FROM challenge_performance_analytics")).isEqualTo(2);
        assertThat(count("SELECT count(*) FROM challenge_performance_analytics WHERE challenge_id = '"
                + deleted + "'")).isZero();
    }

    @Test
    void analyticsWinRateIsNullWhenEveryTradeBrokeEven() throws SQLException {
        UUID challengeId = aChallengeId();
        aTrade(challengeId, 1).with("realized_pnl", new BigDecimal("0.00")).insert(connection, dialect);
        assertThat(analyticsRow(challengeId).get("win_rate")).isNull();
        assertThat(new BigDecimal(analyticsRow(challengeId).get("total_trades"))).isEqualByComparingTo("1");
    }

    // ---- migrations

    @Test
    void migratingAnUpToDateDatabaseAppliesNothing() {
        // when
        Migrations.Result again = Migrations.migrate(database.dataSource());

        // then
        assertThat(again.appliedVersions()).isEmpty();
        assertThat(again.baselineVersion()).isNull();
        assertThat(again.changedSomething()).isFalse();
        assertThat(again.currentVersion()).isEqualTo(latestVersion());
    }

    @Test
    void migratingAnEmptyDatabaseAppliesEveryMigrationInOrderThenNothing() {
        try (TestDatabase empty = TestDatabases.empty(engine())) {
            // given
            assertThat(Migrations.currentVersion(empty.dataSource())).isEmpty();

            // when
            Migrations.Result first = Migrations.migrate(empty.dataSource());
            Migrations.Result second = Migrations.migrate(empty.dataSource());

            // then
            assertThat(first.appliedVersions()).containsExactlyElementsOf(allVersions());
            assertThat(first.currentVersion()).isEqualTo(latestVersion());
            assertThat(second.appliedVersions()).isEmpty();
            assertThat(Migrations.currentVersion(empty.dataSource())).contains(latestVersion());
        }
    }

    @Test
    void recognisesADatabaseInstalledFromTheCanonicalFileAndBaselinesIt() throws SQLException {
        try (TestDatabase installed = TestDatabases.fromCanonicalFile(engine())) {
            // given
            assertThat(Migrations.currentVersion(installed.dataSource())).contains(latestVersion());

            // when
            Migrations.Result result = Migrations.migrate(installed.dataSource());
            Migrations.Result again = Migrations.migrate(installed.dataSource());

            // then
            assertThat(result.baselineVersion()).isEqualTo(latestVersion());
            assertThat(result.appliedVersions()).isEmpty();
            assertThat(result.currentVersion()).isEqualTo(latestVersion());
            assertThat(again.changedSomething()).isFalse();
            try (Connection other = installed.dataSource().getConnection();
                    ResultSet rs = other.createStatement().executeQuery(
                            "SELECT count(*) FROM flyway_schema_history WHERE type = 'BASELINE'")) {
                rs.next();
                assertThat(rs.getInt(1)).isEqualTo(1);
            }
        }
    }

    @Test
    void upgradesADatabaseInstalledFromAnOlderCanonicalFile() throws Exception {
        try (TestDatabase installed = TestDatabases.empty(engine())) {
            // given: only version 1, as a canonical file of that version would have installed it
            java.nio.file.Path firstMigration = CanonicalSchema.migrations(java.nio.file.Path.of("schema/migrations")
                    .resolve(dialect.migrationFolder())).get(0);
            TestDatabases.executeScript(installed.dataSource(), java.nio.file.Files.readString(firstMigration));

            // when
            Migrations.Result result = Migrations.migrate(installed.dataSource());

            // then
            assertThat(result.baselineVersion()).isEqualTo("1");
            assertThat(result.appliedVersions()).containsExactlyElementsOf(allVersions().subList(1, allVersions().size()));
            assertThat(Migrations.currentVersion(installed.dataSource())).contains(latestVersion());
        }
    }

    // ---- building rows and reading values

    protected List<String> allVersions() {
        return CanonicalSchema.migrations(java.nio.file.Path.of("schema/migrations").resolve(dialect.migrationFolder()))
                .stream().map(CanonicalSchema::versionOf).toList();
    }

    protected String latestVersion() {
        List<String> versions = allVersions();
        return versions.get(versions.size() - 1);
    }

    protected UUID aChallengeId() throws SQLException {
        return aChallenge(aUser().insert(connection, dialect)).insert(connection, dialect);
    }

    protected TableRow validRow(String table) throws SQLException {
        return switch (table) {
            case "users" -> aUser();
            case "challenges" -> aChallenge(aUser().insert(connection, dialect));
            case "trades" -> aTrade(aChallengeId(), 1);
            case "challenge_events" -> anEvent(aChallengeId(), 1);
            case "payments" -> aPayment(aUser().insert(connection, dialect));
            case "risk_alerts" -> anAlert(aChallengeId());
            default -> throw new IllegalArgumentException(table);
        };
    }

    @FunctionalInterface
    protected interface SqlAction {
        void run() throws SQLException;
    }

    /** The statement fails and the database's message names the rule (a constraint name or trigger message). */
    protected void assertRejected(SqlAction action, String expected) {
        assertThatThrownBy(action::run).isInstanceOf(SQLException.class).hasMessageContaining(expected);
    }

    /** As {@link #assertRejected(SqlAction, String)}, where SQLite words the failure differently. */
    protected void assertRejected(SqlAction action, String postgresMessage, String sqliteMessage) {
        assertRejected(action, engine() == TestEngine.POSTGRESQL ? postgresMessage : sqliteMessage);
    }

    /** PostgreSQL names the unique constraint or index; SQLite names the columns (or the index, for expressions). */
    protected void assertUniqueViolation(SqlAction action, String postgresName, String sqliteColumns) {
        assertThatThrownBy(action::run)
                .isInstanceOf(SQLException.class)
                .satisfies(e -> assertThat(dialect.isUniqueViolation((SQLException) e)).isTrue())
                .hasMessageContaining(engine() == TestEngine.POSTGRESQL ? postgresName : sqliteColumns);
    }

    protected int update(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                TableRow.bind(statement, i + 1, parameters[i], dialect);
            }
            return statement.executeUpdate();
        }
    }

    protected String text(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return rs.getString(1);
        }
    }

    protected BigDecimal decimal(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return dialect.getDecimal(rs, rs.getMetaData().getColumnLabel(1));
        }
    }

    protected Instant instant(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).as("a row from %s", sql).isTrue();
            return dialect.getInstant(rs, rs.getMetaData().getColumnLabel(1));
        }
    }

    protected long count(String sql, Object... parameters) throws SQLException {
        try (PreparedStatement statement = prepare(sql, parameters); ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            return rs.getLong(1);
        }
    }

    private Map<String, String> analyticsRow(UUID challengeId) throws SQLException {
        try (PreparedStatement statement = prepare(
                "SELECT * FROM challenge_performance_analytics WHERE challenge_id = ?", challengeId);
                ResultSet rs = statement.executeQuery()) {
            assertThat(rs.next()).isTrue();
            Map<String, String> row = new java.util.HashMap<>();
            for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                row.put(rs.getMetaData().getColumnLabel(i), rs.getString(i));
            }
            assertThat(rs.next()).isFalse();
            return row;
        }
    }

    private PreparedStatement prepare(String sql, Object... parameters) throws SQLException {
        PreparedStatement statement = connection.prepareStatement(sql);
        for (int i = 0; i < parameters.length; i++) {
            TableRow.bind(statement, i + 1, parameters[i], dialect);
        }
        return statement;
    }
}
