package com.tradesense.batch.pnl;

import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.cli.JobNames;
import com.tradesense.batch.cli.JobRequest;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.generator.DatabaseLoader;
import com.tradesense.batch.generator.GeneratorSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * {@code bench eod}: times daily-pnl and daily-reset for one business date on generated data with a history before
 * it, and beside each job a reference — the smallest set of SQL statements that computes the same day's figures and
 * writes the same number of rows — then checks that the two agree and prints rows, seconds, rows/s and the ratio.
 */
public final class EodBenchmark {

    /** What to generate. */
    public record Settings(int challenges, double tradesPerDay, int historyDays, long seed, LocalDate lastDate) {
    }

    private final DataSource dataSource;
    private final Dialect dialect;
    private final JobLauncherService launcher;
    private final PrintWriter out;

    public EodBenchmark(DataSource dataSource, Dialect dialect, JobLauncherService launcher, PrintWriter out) {
        this.dataSource = dataSource;
        this.dialect = dialect;
        this.launcher = launcher;
        this.out = out;
    }

    public int run(Settings settings) throws SQLException {
        LocalDate day = settings.lastDate();
        LocalDate first = day.minusDays(settings.historyDays());
        GeneratorSettings data = GeneratorSettings.builder().seed(settings.seed()).challenges(settings.challenges())
                .firstDate(first).days(settings.historyDays() + 1).tradesPerChallengePerDay(settings.tradesPerDay())
                .build();
        out.printf("bench eod on %s: %d challenges, %.0f trades a day, %d days of history before %s (%d cores, max heap %d MB)%n",
                dialect.engine().name().toLowerCase(), settings.challenges(), settings.tradesPerDay(),
                settings.historyDays(), day, Runtime.getRuntime().availableProcessors(),
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
        long t0 = System.nanoTime();
        Map<String, Long> loaded = DatabaseLoader.load(dataSource, data);
        out.printf("generated and loaded %s in %.1f s%n", loaded, seconds(t0));
        analyze();

        // The first close of a challenge replays its history once; every later night starts from the closing.
        long warm = System.nanoTime();
        requireCompleted(JobNames.DAILY_PNL, day.minusDays(1));
        out.printf("first close (%s, replays the history once): %.1f s%n", day.minusDays(1), seconds(warm));

        long pnlStart = System.nanoTime();
        requireCompleted(JobNames.DAILY_PNL, day);
        double pnlSeconds = seconds(pnlStart);
        long pnlRows = count("SELECT COUNT(*) FROM challenge_daily_closings WHERE business_date = ?", day);

        long resetStart = System.nanoTime();
        requireCompleted(JobNames.DAILY_RESET, day.plusDays(1));
        double resetSeconds = seconds(resetStart);
        long resetRows = countResetEvents(day.plusDays(1));

        ReferenceRun reference = new ReferenceRun(dataSource, dialect);
        reference.prepare();
        long refPnlStart = System.nanoTime();
        long refPnlRows = reference.dailyPnl(BusinessDate.of(day));
        double refPnlSeconds = seconds(refPnlStart);
        long refResetStart = System.nanoTime();
        long refResetRows = reference.dailyReset(BusinessDate.of(day.plusDays(1)));
        double refResetSeconds = seconds(refResetStart);
        ReferenceRun.Agreement agreement = reference.compare(BusinessDate.of(day));

        out.println();
        out.printf("%-12s %10s %10s %12s %12s %8s%n", "job", "rows", "seconds", "rows/s", "reference s", "ratio");
        row("daily-pnl", pnlRows, pnlSeconds, refPnlRows, refPnlSeconds);
        row("daily-reset", resetRows, resetSeconds, refResetRows, refResetSeconds);
        out.println();
        out.printf("agreement: %d of %d challenges' figures equal the reference (%d ended during the day and are"
                        + " compared by the job's rules only)%n", agreement.equal(), agreement.compared(),
                agreement.excluded());
        out.printf("peak heap used: %d MB of %d MB%n", peakHeapMegabytes(), Runtime.getRuntime().maxMemory() / (1024 * 1024));
        reference.dropScratch();
        return agreement.equal() == agreement.compared() ? ExitCodes.COMPLETED : ExitCodes.FAILED;
    }

    private void row(String job, long rows, double seconds, long refRows, double refSeconds) {
        out.printf("%-12s %10d %10.2f %12.0f %12.2f %8.2f%n", job, rows, seconds, rows / Math.max(seconds, 1e-9),
                refSeconds, seconds / Math.max(refSeconds, 1e-9));
        if (rows != refRows) {
            out.printf("  (the reference wrote %d rows)%n", refRows);
        }
    }

    private void requireCompleted(JobNames job, LocalDate date) {
        StringWriter said = new StringWriter();
        int status = launcher.run(new JobRequest(job, date, Map.of(), false, false), new PrintWriter(said, true),
                new PrintWriter(said, true));
        if (status != ExitCodes.COMPLETED && status != ExitCodes.NEEDS_ATTENTION) {
            throw new IllegalStateException(job.jobName() + " for " + date + " failed: " + said);
        }
    }

    private void analyze() throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
            s.execute(dialect.engine() == Dialect.Engine.POSTGRESQL ? "ANALYZE" : "ANALYZE");
        }
    }

    private long count(String sql, LocalDate date) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            dialect.setDate(ps, 1, date);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private long countResetEvents(LocalDate date) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "SELECT COUNT(*) FROM challenge_events WHERE event_type = 'DAILY_RESET_PERFORMED' AND correlation_id = ?")) {
            ps.setString(1, "daily-reset:" + date);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static double seconds(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    private static long peakHeapMegabytes() {
        long peak = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
                peak += pool.getPeakUsage().getUsed();
            }
        }
        return peak / (1024 * 1024);
    }

    /** The reference: set-based SQL writing its events into the real table (own keys), so it pays the same indexes and triggers. */
    static final class ReferenceRun {

        record Agreement(long compared, long equal, long excluded) {
        }

        private final DataSource dataSource;
        private final Dialect dialect;
        private final boolean postgres;

        ReferenceRun(DataSource dataSource, Dialect dialect) {
            this.dataSource = dataSource;
            this.dialect = dialect;
            this.postgres = dialect.engine() == Dialect.Engine.POSTGRESQL;
        }

        void prepare() throws SQLException {
            dropScratch();
        }

        void dropScratch() throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("DROP TABLE IF EXISTS bench_reference_figures");
            }
        }

        private String money(String expression) {
            // SQLite's own arithmetic goes through doubles: round back to cents, as the reference's one concession
            return postgres ? expression : "ROUND(" + expression + ", 2)";
        }

        private String num(String column) {
            return postgres ? column : "CAST(" + column + " AS REAL)";
        }

        /** Computes the day's figures from the previous closing and the day's trades, and writes one event each. */
        long dailyPnl(BusinessDate day) throws SQLException {
            String effect = num("t.realized_pnl") + " + " + num("t.swap") + " - " + num("t.commission");
            String figures = """
                    CREATE TABLE bench_reference_figures AS
                    WITH opening AS (
                      SELECT cl.challenge_id, %1$s AS opening, cl.trading_days_to_date AS prev_days
                        FROM challenge_daily_closings cl
                       WHERE cl.business_date = ? AND cl.ledger_ended_at IS NULL),
                    moves AS (
                      SELECT t.challenge_id, %2$s AS pnl, %3$s AS swap, %4$s AS commission, %5$s AS quantity,
                             SUM(%6$s) OVER (PARTITION BY t.challenge_id ORDER BY t.executed_at, t.sequence_number
                                             ROWS UNBOUNDED PRECEDING) AS run
                        FROM trades t JOIN opening o ON o.challenge_id = t.challenge_id
                       WHERE t.executed_at >= ? AND t.executed_at < ?)
                    SELECT o.challenge_id, o.opening, o.prev_days, COUNT(m.challenge_id) AS trade_count,
                           SUM(CASE WHEN m.pnl > 0 THEN 1 ELSE 0 END) AS winning,
                           SUM(CASE WHEN m.pnl < 0 THEN 1 ELSE 0 END) AS losing,
                           COALESCE(SUM(m.pnl), 0) AS pnl, COALESCE(SUM(m.swap), 0) AS swap,
                           COALESCE(SUM(m.commission), 0) AS commission, COALESCE(SUM(m.quantity), 0) AS volume,
                           o.opening + COALESCE(MIN(m.run), 0) AS low_run,
                           o.opening + COALESCE(SUM(m.pnl + m.swap - m.commission), 0) AS closing
                      FROM opening o LEFT JOIN moves m ON m.challenge_id = o.challenge_id
                     GROUP BY o.challenge_id, o.opening, o.prev_days"""
                    .formatted(num("cl.closing_equity"), num("t.realized_pnl"), num("t.swap"), num("t.commission"),
                            num("t.quantity"), effect);
            String lowest = postgres ? "LEAST(f.opening, f.low_run)" : "MIN(f.opening, f.low_run)";
            String insert = postgres ? """
                    INSERT INTO challenge_events (challenge_id, sequence_number, event_type, event_data,
                                                        description, occurred_at, correlation_id, idempotency_key)
                    SELECT f.challenge_id,
                           (SELECT COALESCE(MAX(e.sequence_number), 0) + 1 FROM challenge_events e
                             WHERE e.challenge_id = f.challenge_id),
                           'DAILY_PNL_CALCULATED',
                           jsonb_build_object('business_date', ?::text, 'trade_count', f.trade_count,
                               'winning_trades', f.winning, 'losing_trades', f.losing,
                               'realized_pnl', f.pnl::text, 'commission', f.commission::text, 'swap', f.swap::text,
                               'net_pnl', (f.pnl + f.swap - f.commission)::text, 'volume', f.volume::text,
                               'opening_equity', f.opening::text, 'closing_equity', f.closing::text,
                               'lowest_equity', %1$s::text,
                               'max_daily_drawdown_pct_used', ROUND((f.opening - %1$s) * 100 / f.opening, 4)::text,
                               'trading_days_to_date', f.prev_days + CASE WHEN f.trade_count > 0 THEN 1 ELSE 0 END),
                           'Daily P&L (reference)', ?, 'bench-reference', 'BENCH-REF:' || f.challenge_id
                      FROM bench_reference_figures f""".formatted(lowest) : """
                    INSERT INTO challenge_events (challenge_id, sequence_number, event_type, event_data,
                                                        description, occurred_at, correlation_id, idempotency_key)
                    SELECT f.challenge_id,
                           (SELECT COALESCE(MAX(e.sequence_number), 0) + 1 FROM challenge_events e
                             WHERE e.challenge_id = f.challenge_id),
                           'DAILY_PNL_CALCULATED',
                           json_object('business_date', ?, 'trade_count', f.trade_count,
                               'winning_trades', f.winning, 'losing_trades', f.losing,
                               'realized_pnl', printf('%%.2f', f.pnl), 'commission', printf('%%.2f', f.commission),
                               'swap', printf('%%.2f', f.swap), 'net_pnl', printf('%%.2f', f.pnl + f.swap - f.commission),
                               'volume', printf('%%.8f', f.volume), 'opening_equity', printf('%%.2f', f.opening),
                               'closing_equity', printf('%%.2f', f.closing), 'lowest_equity', printf('%%.2f', %1$s),
                               'max_daily_drawdown_pct_used', printf('%%.4f', (f.opening - %1$s) * 100 / f.opening),
                               'trading_days_to_date', f.prev_days + CASE WHEN f.trade_count > 0 THEN 1 ELSE 0 END),
                           'Daily P&L (reference)', ?, 'bench-reference', 'BENCH-REF:' || f.challenge_id
                      FROM bench_reference_figures f""".formatted(lowest);
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(figures)) {
                    dialect.setDate(ps, 1, day.previous().date());
                    dialect.setInstant(ps, 2, day.start());
                    dialect.setInstant(ps, 3, day.end());
                    ps.executeUpdate();
                }
                long rows;
                try (PreparedStatement ps = c.prepareStatement(insert)) {
                    ps.setString(1, day.toString());
                    dialect.setInstant(ps, 2, day.end());
                    rows = ps.executeUpdate();
                }
                c.commit();
                return rows;
            }
        }

        /** Sets every active challenge's daily start equity from the previous closing and writes one event each. */
        long dailyReset(BusinessDate day) throws SQLException {
            String update = postgres ? """
                    UPDATE challenges c SET daily_start_equity = cl.closing_equity, last_daily_reset_date = ?,
                           version = c.version + 1
                      FROM challenge_daily_closings cl
                     WHERE cl.challenge_id = c.id AND cl.business_date = ? AND c.status = 'ACTIVE'""" : """
                    UPDATE challenges SET daily_start_equity = (SELECT cl.closing_equity FROM challenge_daily_closings cl
                             WHERE cl.challenge_id = challenges.id AND cl.business_date = ?),
                           last_daily_reset_date = ?, version = version + 1
                     WHERE status = 'ACTIVE' AND EXISTS (SELECT 1 FROM challenge_daily_closings cl
                             WHERE cl.challenge_id = challenges.id AND cl.business_date = ?)""";
            String events = """
                    INSERT INTO challenge_events (challenge_id, sequence_number, event_type, event_data,
                                                        description, occurred_at, correlation_id, idempotency_key)
                    SELECT c.id, (SELECT COALESCE(MAX(e.sequence_number), 0) + 1 FROM challenge_events e
                                          WHERE e.challenge_id = c.id),
                           'DAILY_RESET_PERFORMED', %1$s, 'Daily reset (reference)', ?, 'bench-reference-reset', 'BENCH-REF-RESET:' || c.id
                      FROM challenges c WHERE c.status = 'ACTIVE' AND c.last_daily_reset_date = ?"""
                    .formatted(
                            postgres ? "jsonb_build_object('daily_start_equity', c.daily_start_equity::text)"
                                    : "json_object('daily_start_equity', c.daily_start_equity)");
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                try (PreparedStatement ps = c.prepareStatement(update)) {
                    if (postgres) {
                        dialect.setDate(ps, 1, day.date());
                        dialect.setDate(ps, 2, day.previous().date());
                    } else {
                        dialect.setDate(ps, 1, day.previous().date());
                        dialect.setDate(ps, 2, day.date());
                        dialect.setDate(ps, 3, day.previous().date());
                    }
                    ps.executeUpdate();
                }
                long rows;
                try (PreparedStatement ps = c.prepareStatement(events)) {
                    dialect.setInstant(ps, 1, day.start());
                    dialect.setDate(ps, 2, day.date());
                    rows = ps.executeUpdate();
                }
                c.commit();
                return rows;
            }
        }

        /** Compares the job's figures of the day with the reference's, challenge by challenge. */
        Agreement compare(BusinessDate day) throws SQLException {
            Map<UUID, String[]> job = new HashMap<>();
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT challenge_id, closing_equity, lowest_equity, trade_count, ledger_outcome FROM challenge_daily_closings"
                            + " WHERE business_date = ?")) {
                dialect.setDate(ps, 1, day.date());
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        job.put(dialect.getUuid(rs, "challenge_id"), new String[] {
                                dialect.getDecimal(rs, "closing_equity").stripTrailingZeros().toPlainString(),
                                dialect.getDecimal(rs, "lowest_equity").stripTrailingZeros().toPlainString(),
                                String.valueOf(rs.getInt("trade_count")), rs.getString("ledger_outcome")});
                    }
                }
            }
            long compared = 0;
            long equal = 0;
            long excluded = 0;
            String closingJson = postgres ? "event_data->>'closing_equity'" : "json_extract(event_data, '$.closing_equity')";
            String lowestJson = postgres ? "event_data->>'lowest_equity'" : "json_extract(event_data, '$.lowest_equity')";
            String countJson = postgres ? "event_data->>'trade_count'" : "json_extract(event_data, '$.trade_count')";
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "SELECT challenge_id, " + closingJson + " AS closing, " + lowestJson + " AS lowest, " + countJson
                            + " AS trades FROM challenge_events WHERE correlation_id = 'bench-reference'")) {
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        String[] mine = job.get(dialect.getUuid(rs, "challenge_id"));
                        if (mine == null || mine[3] != null) {
                            excluded++;
                            continue;
                        }
                        compared++;
                        if (new BigDecimal(rs.getString("closing")).compareTo(new BigDecimal(mine[0])) == 0
                                && new BigDecimal(rs.getString("lowest")).compareTo(new BigDecimal(mine[1])) == 0
                                && rs.getString("trades").equals(mine[2])) {
                            equal++;
                        }
                    }
                }
            }
            return new Agreement(compared, equal, excluded);
        }
    }
}
