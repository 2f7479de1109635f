package com.tradesense.batch.db;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.testing.TestEngine;
import java.sql.SQLException;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PostgresSchemaContractTest extends SchemaContractTest {

    @Override
    protected TestEngine engine() {
        return TestEngine.POSTGRESQL;
    }

    @Test
    void rejectsTruncatingTheLedgerOrTheEventLog() throws SQLException {
        aTradeAndEvent();
        assertRejected(() -> update("TRUNCATE trades CASCADE"), "trades: TRUNCATE is not allowed (append-only table)");
        assertRejected(() -> update("TRUNCATE challenge_events CASCADE"),
                "challenge_events: TRUNCATE is not allowed (append-only table)");
    }

    @Test
    void sessionsRunInANonUtcZoneThatDiffersFromTheJvmZone() throws SQLException {
        String zone = text("SHOW TimeZone");
        assertThat(zone).isNotEqualToIgnoringCase("UTC").isNotEqualTo(java.util.TimeZone.getDefault().getID());
    }

    private void aTradeAndEvent() throws SQLException {
        UUID challengeId = aChallengeId();
        TableRow.aTrade(challengeId, 1).insert(connection, dialect);
        TableRow.anEvent(challengeId, 1).insert(connection, dialect);
    }
}
