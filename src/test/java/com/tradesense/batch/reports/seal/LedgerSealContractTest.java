package com.tradesense.batch.reports.seal;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.math.BigDecimal;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Seals and their verification on every engine. */
abstract class LedgerSealContractTest {

    private static final Instant SEALED_AT = Instant.parse("2026-03-06T07:30:00Z");
    private static final LocalDate MARCH_5 = LocalDate.parse("2026-03-05");

    private TestDatabase database;
    private SealRows rows;
    private LedgerFixtures ledger;
    private LedgerSealer sealer;
    private SealVerifier verifier;

    protected abstract TestEngine engine();

    /** Removes the trigger that rejects UPDATE on trades, as someone working behind the application's back would. */
    protected abstract String dropTradeUpdateGuard();

    @BeforeEach
    void createDatabase() {
        database = TestDatabases.migrated(engine());
        rows = new SealRows(database);
        ledger = new LedgerFixtures(database);
        sealer = new LedgerSealer(database.dataSource(), database.dialect());
        verifier = new SealVerifier(database.dataSource(), database.dialect());
    }

    @AfterEach
    void dropDatabase() {
        database.close();
    }

    @Test
    void sealCoversEveryTradeAndEventAppendedSoFarAndVerifies() throws SQLException {
        // given
        UUID challenge = rows.challenge("0b0b0b0b-0000-4000-8000-000000000001");
        rows.trade(challenge, 1, "120.00", "2026-03-05T10:00:00Z");
        rows.trade(challenge, 2, "-40.10", "2026-03-05T11:00:00Z");
        rows.event(challenge, "RESET:1", "2026-03-05T00:00:00Z");

        // when
        LedgerSeal seal = sealer.seal(MARCH_5, 7L, SEALED_AT);
        SealVerifier.Result result = verifier.verify();

        // then
        assertThat(seal.sealNumber()).isEqualTo(1);
        assertThat(seal.tradeCount()).isEqualTo(2);
        assertThat(seal.eventCount()).isEqualTo(1);
        assertThat(seal.previousHash()).isEqualTo(LedgerSeal.GENESIS);
        assertThat(seal.sealHash()).isEqualTo(LedgerSealer.chain(LedgerSeal.GENESIS, seal.rowsHash()));
        assertThat(result.verified()).as(result.firstMismatch().orElse("")).isTrue();
        assertThat(result.sealsVerified()).isEqualTo(1);
        assertThat(result.rowsVerified()).isEqualTo(3);
        assertThat(result.chainHead()).isEqualTo(seal.sealHash());
    }

    @Test
    void sealingADateAgainReturnsTheSameSealEvenAfterNewTrades() throws SQLException {
        // given
        UUID challenge = rows.challenge("0b0b0b0b-0000-4000-8000-000000000002");
        rows.trade(challenge, 1, "10.00", "2026-03-05T10:00:00Z");
        LedgerSeal first = sealer.seal(MARCH_5, 1L, SEALED_AT);
        rows.trade(challenge, 2, "20.00", "2026-03-05T12:00:00Z");

        // when
        LedgerSeal again = sealer.seal(MARCH_5, 2L, SEALED_AT.plusSeconds(60));

        // then
        assertThat(again).isEqualTo(first);
        assertThat(ledger.queryString("SELECT COUNT(*) FROM ledger_seals")).isEqualTo("1");
    }

    @Test
    void lateTradeFallsIntoTheNextSealAndTheEarlierOneStillVerifies() throws SQLException {
        // given: March 5 sealed, then a trade executed on March 5 arrives late
        UUID challenge = rows.challenge("0b0b0b0b-0000-4000-8000-000000000003");
        rows.trade(challenge, 1, "10.00", "2026-03-05T10:00:00Z");
        LedgerSeal march5 = sealer.seal(MARCH_5, 1L, SEALED_AT);
        rows.trade(challenge, 2, "-5.00", "2026-03-05T23:00:00Z");

        // when
        LedgerSeal march6 = sealer.seal(MARCH_5.plusDays(1), 2L, SEALED_AT.plusSeconds(86_400));
        SealVerifier.Result result = verifier.verify();

        // then
        assertThat(march6.previousHash()).isEqualTo(march5.sealHash());
        assertThat(march6.fromAppendSeq()).isEqualTo(march5.toAppendSeq());
        assertThat(march6.tradeCount()).isEqualTo(1);
        assertThat(result.verified()).as(result.firstMismatch().orElse("")).isTrue();
        assertThat(result.sealsVerified()).isEqualTo(2);
        assertThat(result.chainHead()).isEqualTo(march6.sealHash());
    }

    @Test
    void verifyNamesTheTradeChangedBehindTheTriggersBack() throws SQLException {
        // given
        UUID challenge = rows.challenge("0b0b0b0b-0000-4000-8000-000000000004");
        rows.trade(challenge, 1, "10.00", "2026-03-05T10:00:00Z");
        UUID tampered = rows.trade(challenge, 2, "-300.00", "2026-03-05T11:00:00Z");
        rows.trade(challenge, 3, "5.00", "2026-03-05T12:00:00Z");
        sealer.seal(MARCH_5, 1L, SEALED_AT);
        ledger.execute(dropTradeUpdateGuard());

        // when
        ledger.execute("UPDATE trades SET realized_pnl = ? WHERE id = ?", new BigDecimal("300.00"), tampered);
        SealVerifier.Result result = verifier.verify();

        // then
        assertThat(result.verified()).isFalse();
        assertThat(result.firstMismatch()).get().asString()
                .contains("trade " + tampered).contains("sequence 2").contains("no longer matches")
                .contains("seal #1 of 2026-03-05");
    }

    @Test
    void verifyNamesASealWhoseRecordedHashWasRewritten() throws SQLException {
        // given: the seal table's guard removed and the rows hash replaced along with the seal hash
        UUID challenge = rows.challenge("0b0b0b0b-0000-4000-8000-000000000005");
        rows.trade(challenge, 1, "10.00", "2026-03-05T10:00:00Z");
        sealer.seal(MARCH_5, 1L, SEALED_AT);
        ledger.execute(dropSealUpdateGuard());
        String forged = "ab".repeat(32);

        // when
        ledger.execute("UPDATE ledger_seals SET rows_hash = ?, seal_hash = ? WHERE seal_number = 1", forged,
                LedgerSealer.chain(LedgerSeal.GENESIS, forged));
        SealVerifier.Result result = verifier.verify();

        // then
        assertThat(result.verified()).isFalse();
        assertThat(result.firstMismatch()).get().asString().contains("seal #1 of 2026-03-05")
                .contains("rows hash");
    }

    @Test
    void verifyPassesWithNoSealsAndNamesATradeInsertedWithoutTheLog() throws SQLException {
        // given
        UUID challenge = rows.challenge("0b0b0b0b-0000-4000-8000-000000000006");
        assertThat(verifier.verify().verified()).isTrue();
        ledger.execute(dropTradeLogTrigger());

        // when
        UUID hidden = rows.trade(challenge, 1, "10.00", "2026-03-05T10:00:00Z");
        SealVerifier.Result result = verifier.verify();

        // then
        assertThat(result.firstMismatch()).get().asString().contains("trade " + hidden)
                .contains("without passing the append log");
    }

    protected abstract String dropSealUpdateGuard();

    protected abstract String dropTradeLogTrigger();
}
