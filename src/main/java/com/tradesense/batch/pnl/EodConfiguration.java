package com.tradesense.batch.pnl;

import com.tradesense.batch.db.Dialect;
import java.math.BigDecimal;
import java.time.Duration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.core.task.SimpleAsyncTaskExecutor;
import org.springframework.core.task.TaskExecutor;

/** The shared pieces of the end-of-day jobs and their settings ({@code tradesense.eod.*}). */
@Configuration(proxyBeanMethods = false)
public class EodConfiguration {

    @Bean
    public PnlSettings pnlSettings(Environment env) {
        PnlSettings d = PnlSettings.defaults();
        return new PnlSettings(
                env.getProperty("tradesense.eod.high-drawdown-share", BigDecimal.class, d.highDrawdownShare()),
                env.getProperty("tradesense.eod.liquidation-window", Duration.class, d.liquidationWindow()),
                env.getProperty("tradesense.eod.risk-score-spike-points", BigDecimal.class, d.riskScoreSpikePoints()),
                env.getProperty("tradesense.eod.activity.history-days", Integer.class, d.activityHistoryDays()),
                env.getProperty("tradesense.eod.activity.minimum-history", Integer.class, d.activityMinimumHistory()),
                env.getProperty("tradesense.eod.activity.factor", BigDecimal.class, d.activityFactor()),
                env.getProperty("tradesense.eod.activity.minimum-trades", Integer.class, d.activityMinimumTrades()));
    }

    @Bean
    public LedgerChanges ledgerChanges(javax.sql.DataSource dataSource, Dialect dialect) {
        return new LedgerChanges(dataSource, dialect);
    }

    @Bean
    public PnlLedger pnlLedger(Dialect dialect) {
        return new PnlLedger(dialect);
    }

    @Bean
    public DailyPnlProcessor dailyPnlProcessor(PnlLedger pnlLedger, PnlSettings pnlSettings) {
        return new DailyPnlProcessor(pnlLedger, pnlSettings);
    }

    /**
     * How many challenge-id ranges run at once: the configured grid, by default the available cores; always 1 on
     * SQLite, which has a single writer.
     */
    @Bean
    public EodGrid eodGrid(Environment env, Dialect dialect) {
        int configured = env.getProperty("tradesense.eod.grid-size", Integer.class,
                Runtime.getRuntime().availableProcessors());
        return new EodGrid(dialect.engine() == Dialect.Engine.SQLITE ? 1 : Math.max(1, configured));
    }

    @Bean
    public TaskExecutor partitionTaskExecutor(EodGrid eodGrid) {
        SimpleAsyncTaskExecutor executor = new SimpleAsyncTaskExecutor("eod-partition-");
        executor.setConcurrencyLimit(eodGrid.size());
        return executor;
    }

    /** The partition grid size in force. */
    public record EodGrid(int size) {
    }
}
