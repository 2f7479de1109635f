package com.tradesense.batch.nightly;

import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.pnl.DailyPnlProcessor;
import com.tradesense.batch.pnl.PnlLedger;
import java.sql.Connection;
import java.time.Clock;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.step.StepContribution;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.tasklet.Tasklet;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-checks the days before D for trades that arrived after they were closed, oldest day first, and restates each
 * affected challenge (which restates its later days in turn). Each challenge commits on its own.
 */
public class LateTradeRecheckTasklet implements Tasklet {

    private static final Logger log = LoggerFactory.getLogger(LateTradeRecheckTasklet.class);

    private final DataSource dataSource;
    private final TransactionTemplate transactions;
    private final PnlLedger ledger;
    private final DailyPnlProcessor processor;
    private final BusinessDate day;
    private final int days;
    private final long jobExecutionId;

    public LateTradeRecheckTasklet(DataSource dataSource, TransactionTemplate transactions, PnlLedger ledger,
                                   DailyPnlProcessor processor, BusinessDate day, int days, long jobExecutionId) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.ledger = ledger;
        this.processor = processor;
        this.day = day;
        this.days = days;
        this.jobExecutionId = jobExecutionId;
    }

    @Override
    public RepeatStatus execute(StepContribution contribution, ChunkContext chunkContext) throws Exception {
        DailyPnlProcessor.RunContext run = new DailyPnlProcessor.RunContext("nightly", jobExecutionId, Clock.systemUTC());
        for (int back = days; back >= 1; back--) {
            BusinessDate earlier = day.plusDays(-back);
            List<UUID> affected;
            try (Connection c = dataSource.getConnection()) {
                affected = ledger.challengesWithLateTrades(c, earlier);
            }
            for (UUID challengeId : affected) {
                transactions.executeWithoutResult(status -> {
                    try {
                        Connection c = org.springframework.jdbc.datasource.DataSourceUtils.getConnection(dataSource);
                        processor.process(c, challengeId, earlier, run);
                    } catch (java.sql.SQLException e) {
                        throw new IllegalStateException("Re-checking " + earlier + " of challenge " + challengeId
                                + " failed: " + e.getMessage(), e);
                    }
                });
                contribution.incrementWriteCount(1);
            }
            if (!affected.isEmpty()) {
                log.info("Restated {} challenge(s) for {} after late trades", affected.size(), earlier);
            }
        }
        return RepeatStatus.FINISHED;
    }
}
