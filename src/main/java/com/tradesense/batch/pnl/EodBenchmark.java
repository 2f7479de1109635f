package com.tradesense.batch.pnl;

import com.tradesense.batch.cli.ExitCodes;
import com.tradesense.batch.cli.JobLauncherService;
import com.tradesense.batch.cli.JobNames;
import com.tradesense.batch.cli.JobRequest;
import com.tradesense.batch.config.HeapWatch;
import com.tradesense.batch.config.SoftwareVersion;
import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.domain.CanonicalJson;
import com.tradesense.batch.domain.BusinessDate;
import com.tradesense.batch.generator.DatabaseLoader;
import com.tradesense.batch.generator.GeneratorSettings;
import java.io.PrintWriter;
import java.io.StringWriter;
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
        prepare(settings);
        return measure(settings);
    }

    /** Generates and loads the data and closes the day before the measured date. */
    public void prepare(Settings settings) throws SQLException {
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
    }

    /** Times both jobs and their references on prepared data, compares them and prints the table. */
    public int measure(Settings settings) throws SQLException {
        LocalDate day = settings.lastDate();
        checkpoint();
        HeapWatch heap = HeapWatch.started();
        long warm = System.nanoTime();
        warm(day);
        out.printf("read the day's data once, so that the jobs and the references start alike: %.1f s%n", seconds(warm));
        long pnlStart = System.nanoTime();
        requireCompleted(JobNames.DAILY_PNL, day);
        double pnlSeconds = seconds(pnlStart);
        long pnlRows = count("SELECT COUNT(*) FROM challenge_daily_closings WHERE business_date = ?", day);

        ReferenceRun reference = new ReferenceRun(dataSource, dialect);
        reference.prepare();
        reference.keepBeforeReset();
        long resetStart = System.nanoTime();
        requireCompleted(JobNames.DAILY_RESET, day.plusDays(1));
        double resetSeconds = seconds(resetStart);
        long resetRows = countResetEvents(day.plusDays(1));

        long refPnlStart = System.nanoTime();
        long refPnlRows = reference.dailyPnl(BusinessDate.of(day), lastExecutionId(JobNames.DAILY_PNL));
        double refPnlSeconds = seconds(refPnlStart);
        reference.restoreBeforeReset();
        long refResetStart = System.nanoTime();
        long refResetRows = reference.dailyReset(BusinessDate.of(day.plusDays(1)), lastExecutionId(JobNames.DAILY_RESET));
        double refResetSeconds = seconds(refResetStart);
        ReferenceRun.Agreement agreement = reference.compare(BusinessDate.of(day));
        String payloads = reference.samePayloads(day);

        out.println();
        out.printf("%-12s %10s %10s %12s %12s %8s%n", "job", "rows", "seconds", "rows/s", "reference s", "ratio");
        row("daily-pnl", pnlRows, pnlSeconds, refPnlRows, refPnlSeconds);
        row("daily-reset", resetRows, resetSeconds, refResetRows, refResetSeconds);
        out.println();
        out.printf("agreement: %d of %d challenges' figures equal the reference (%d ended during the day and are"
                        + " compared by the job's rules only)%n", agreement.equal(), agreement.compared(),
                agreement.excluded());
        out.println(payloads);
        heap.stopWatching();
        out.printf("peak heap used while measuring (sampled every 50 ms): %d MB of %d MB%n", heap.peakBytes() >> 20,
                Runtime.getRuntime().maxMemory() / (1024 * 1024));
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

    /** Settles the writes of the preparation, so that the measured jobs do not pay for them. */
    private void checkpoint() throws SQLException {
        if (dialect.engine() == Dialect.Engine.POSTGRESQL) {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CHECKPOINT");
            } catch (SQLException e) {
                // only superusers (or pg_checkpoint members) may: the timing then includes some background writing
            }
        }
    }

    /**
     * Reads what both the jobs and the references read — the previous closings, the day's trades, the challenges'
     * last trade and event numbers — so that neither side pays for a cold cache the other one warmed.
     */
    private void warm(LocalDate day) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT COUNT(*), SUM(x.trades), SUM(x.events), SUM(x.closed) FROM (
                  SELECT (SELECT COUNT(t.realized_pnl) FROM trades t WHERE t.challenge_id = c.id AND t.executed_at >= ?) AS trades,
                         (SELECT MAX(t.sequence_number) FROM trades t WHERE t.challenge_id = c.id) AS last_trade,
                         (SELECT MAX(e.sequence_number) FROM challenge_events e WHERE e.challenge_id = c.id) AS events,
                         (SELECT COUNT(cl.closing_equity) FROM challenge_daily_closings cl
                           WHERE cl.challenge_id = c.id AND cl.business_date = ?) AS closed
                    FROM challenges c) x""")) {
            dialect.setInstant(ps, 1, BusinessDate.of(day).start());
            dialect.setDate(ps, 2, day.minusDays(1));
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
            }
        }
    }

    private long lastExecutionId(JobNames job) throws SQLException {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e
                  JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID WHERE i.JOB_NAME = ?""")) {
            ps.setString(1, job.jobName());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
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
                s.execute("DROP TABLE IF EXISTS bench_reset_before");
            }
        }

        /** Keeps what the reset changes, so that the reference's reset starts from what the job's started from. */
        void keepBeforeReset() throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("CREATE TABLE bench_reset_before AS SELECT id, daily_start_equity, last_daily_reset_date"
                        + " FROM challenges WHERE status = 'ACTIVE'");
            }
        }

        void restoreBeforeReset() throws SQLException {
            try (Connection c = dataSource.getConnection(); Statement s = c.createStatement()) {
                s.execute("""
                        UPDATE challenges
                           SET daily_start_equity = b.daily_start_equity, last_daily_reset_date = b.last_daily_reset_date
                          FROM bench_reset_before b WHERE b.id = challenges.id""");
            }
        }

        private String money(String expression) {
            // SQLite's own arithmetic goes through doubles: round back to cents, as the reference's one concession
            return postgres ? expression : "ROUND(" + expression + ", 2)";
        }

        private String num(String column) {
            return postgres ? column : "CAST(" + column + " AS REAL)";
        }

        /**
         * Computes the day's figures from the previous closing and the day's trades, and writes one event each with
         * the job's payload (every key, the same values) and description, built in SQL.
         */
        long dailyPnl(BusinessDate day, long jobExecutionId) throws SQLException {
            String effect = num("t.realized_pnl") + " + " + num("t.swap") + " - " + num("t.commission");
            String figures = """
                    CREATE TABLE bench_reference_figures AS
                    WITH opening AS (
                      SELECT cl.challenge_id, %1$s AS opening, %7$s AS prev_peak, cl.trading_days_to_date AS prev_days
                        FROM challenge_daily_closings cl
                       WHERE cl.business_date = ? AND cl.ledger_ended_at IS NULL),
                    moves AS (
                      SELECT t.challenge_id, %2$s AS pnl, %3$s AS swap, %4$s AS commission, %5$s AS quantity,
                             SUM(%6$s) OVER (PARTITION BY t.challenge_id ORDER BY t.executed_at, t.sequence_number
                                             ROWS UNBOUNDED PRECEDING) AS run
                        FROM trades t JOIN opening o ON o.challenge_id = t.challenge_id
                       WHERE t.executed_at >= ? AND t.executed_at < ?)
                    SELECT o.challenge_id, o.opening, o.prev_peak, o.prev_days, COUNT(m.challenge_id) AS trade_count,
                           SUM(CASE WHEN m.pnl > 0 THEN 1 ELSE 0 END) AS winning,
                           SUM(CASE WHEN m.pnl < 0 THEN 1 ELSE 0 END) AS losing,
                           COALESCE(SUM(m.pnl), 0.00) AS pnl, COALESCE(SUM(m.swap), 0.00) AS swap,
                           COALESCE(SUM(m.commission), 0.00) AS commission,
                           COALESCE(SUM(m.quantity), 0.00000000) AS volume,
                           o.opening + COALESCE(MIN(m.run), 0) AS low_run,
                           o.opening + COALESCE(MAX(m.run), 0) AS high_run,
                           o.opening + COALESCE(SUM(m.pnl + m.swap - m.commission), 0) AS closing
                      FROM opening o LEFT JOIN moves m ON m.challenge_id = o.challenge_id
                     GROUP BY o.challenge_id, o.opening, o.prev_peak, o.prev_days"""
                    .formatted(num("cl.closing_equity"), num("t.realized_pnl"), num("t.swap"), num("t.commission"),
                            num("t.quantity"), effect, num("cl.peak_equity"));
            String lowest = postgres ? "LEAST(f.opening, f.low_run)" : "MIN(f.opening, f.low_run)";
            String highest = postgres ? "GREATEST(f.opening, f.high_run)" : "MAX(f.opening, f.high_run)";
            String peak = postgres ? "GREATEST(f.prev_peak, " + highest + ")" : "MAX(f.prev_peak, " + highest + ")";
            String pct = "(f.opening - " + lowest + ") * 100 / f.opening";
            String days = "f.prev_days + CASE WHEN f.trade_count > 0 THEN 1 ELSE 0 END";
            // money as text with two decimals, volume with eight, percentages with four: as the job writes them
            java.util.function.Function<String, String> m2 = e -> postgres ? "(" + e + ")::text" : "printf('%.2f', " + e + ")";
            String volume = postgres ? "f.volume::text" : "printf('%.8f', f.volume)";
            String pct4 = postgres ? "ROUND(" + pct + ", 4)::text" : "printf('%.4f', " + pct + ")";
            String limit = postgres ? "c.max_daily_drawdown_pct::text" : "c.max_daily_drawdown_pct";
            String json = postgres ? "jsonb_build_object" : "json_object";
            String insert = """
                    INSERT INTO challenge_events (challenge_id, sequence_number, event_type, event_data,
                                                        description, occurred_at, correlation_id, idempotency_key)
                    SELECT f.challenge_id,
                           (SELECT COALESCE(MAX(e.sequence_number), 0) + 1 FROM challenge_events e
                             WHERE e.challenge_id = f.challenge_id),
                           'DAILY_PNL_CALCULATED',
                           %1$s('job', 'daily-pnl', 'job_execution_id', %2$s, 'software_version', %3$s,
                               'business_date', %4$s, 'trade_count', f.trade_count,
                               'winning_trades', f.winning, 'losing_trades', f.losing,
                               'realized_pnl', %5$s, 'commission', %6$s, 'swap', %7$s, 'net_pnl', %8$s,
                               'volume', %9$s, 'opening_equity', %10$s, 'closing_equity', %11$s, 'lowest_equity', %12$s,
                               'highest_equity', %13$s, 'peak_equity', %14$s, 'max_daily_drawdown_pct_used', %15$s,
                               'trading_days_to_date', %16$s, 'ledger_ended_at', NULL),
                           'Daily P&L for ' || %4$s || '. ' || f.trade_count || ' trade(s) (' || f.winning
                               || ' winning, ' || f.losing || ' losing), net P&L ' || %8$s || ' ' || c.currency
                               || '; equity opened at ' || %10$s || ', closed at ' || %11$s || ', lowest ' || %12$s
                               || '; worst daily drawdown ' || %15$s || '%% of the day''s start equity (limit '
                               || %17$s || '%%); ' || (%16$s) || ' trading day(s) so far.',
                           ?, 'bench-reference', 'BENCH-REF:' || f.challenge_id
                      FROM bench_reference_figures f JOIN challenges c ON c.id = f.challenge_id"""
                    .formatted(json, postgres ? "?::bigint" : "?", postgres ? "?::text" : "?",
                            postgres ? "?::text" : "?", m2.apply("f.pnl"), m2.apply("f.commission"),
                            m2.apply("f.swap"), m2.apply("f.pnl + f.swap - f.commission"), volume,
                            m2.apply("f.opening"), m2.apply("f.closing"), m2.apply(lowest), m2.apply(highest),
                            m2.apply(peak), pct4, days, limit);
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
                    ps.setLong(1, jobExecutionId);
                    ps.setString(2, SoftwareVersion.current());
                    ps.setString(3, day.toString());
                    ps.setString(4, day.toString());
                    dialect.setInstant(ps, 5, day.end());
                    rows = ps.executeUpdate();
                }
                c.commit();
                return rows;
            }
        }

        /**
         * Sets every active challenge's daily start equity from the previous closing and writes one event each with
         * the job's payload and description.
         */
        long dailyReset(BusinessDate day, long jobExecutionId) throws SQLException {
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
            String p = postgres ? "?::text" : "?";
            String events = """
                    INSERT INTO challenge_events (challenge_id, sequence_number, event_type, event_data,
                                                        description, occurred_at, correlation_id, idempotency_key)
                    SELECT c.id, (SELECT COALESCE(MAX(e.sequence_number), 0) + 1 FROM challenge_events e
                                          WHERE e.challenge_id = c.id),
                           'DAILY_RESET_PERFORMED',
                           %1$s('job', 'daily-reset', 'job_execution_id', %2$s, 'software_version', %3$s,
                               'business_date', %3$s, 'daily_start_equity', %4$s,
                               'previous_daily_start_equity', %5$s, 'previous_reset_date', %6$s, 'as_of', %3$s),
                           'Daily reset for ' || %3$s || ': daily start equity set to ' || %4$s || ' ' || c.currency
                               || ', the ledger equity as of ' || %3$s || ' ('
                               || CASE WHEN c.last_daily_reset_date IS NULL THEN 'no earlier reset'
                                       ELSE 'was ' || %5$s || ' from ' || %6$s END || ')',
                           ?, 'bench-reference-reset', 'BENCH-REF-RESET:' || c.id
                      FROM challenges c JOIN challenge_daily_closings cl
                        ON cl.challenge_id = c.id AND cl.business_date = ?
                     WHERE c.status = 'ACTIVE'"""
                    .formatted(postgres ? "jsonb_build_object" : "json_object", postgres ? "?::bigint" : "?", p,
                            postgres ? "cl.closing_equity::text" : "cl.closing_equity",
                            postgres ? "c.daily_start_equity::text" : "c.daily_start_equity",
                            postgres ? "c.last_daily_reset_date::text" : "c.last_daily_reset_date");
            try (Connection c = dataSource.getConnection()) {
                c.setAutoCommit(false);
                long rows;
                try (PreparedStatement ps = c.prepareStatement(events)) {
                    int i = 1;
                    ps.setLong(i++, jobExecutionId);
                    // in order of appearance: version, business date, as-of, then the description's date and instant
                    ps.setString(i++, SoftwareVersion.current());
                    ps.setString(i++, day.toString());
                    ps.setString(i++, CanonicalJson.formatInstant(day.start()));
                    ps.setString(i++, day.toString());
                    ps.setString(i++, day.start().toString());
                    dialect.setInstant(ps, i++, day.start());
                    dialect.setDate(ps, i, day.previous().date());
                    rows = ps.executeUpdate();
                }
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
                c.commit();
                return rows;
            }
        }

        /**
         * On PostgreSQL, whether the reference wrote the job's payloads: the DAILY_PNL_CALCULATED and
         * DAILY_RESET_PERFORMED events of both compared as JSON, challenge by challenge (challenges that ended during
         * the day are left out: the reference knows no rules).
         */
        String samePayloads(LocalDate day) throws SQLException {
            if (!postgres) {
                return "payloads: compared on PostgreSQL only (SQLite's reference computes with REAL numbers)";
            }
            String sql = """
                    SELECT COUNT(*), COUNT(*) FILTER (WHERE j.event_data = r.event_data AND j.description = r.description)
                      FROM challenge_events j JOIN challenge_events r ON r.challenge_id = j.challenge_id
                     WHERE j.correlation_id = ? AND r.correlation_id = ? AND j.event_type = ?
                       AND r.event_type = j.event_type AND j.event_data->>'ledger_ended_at' IS NULL""";
            StringBuilder said = new StringBuilder("payloads equal to the job's (JSON and description):");
            String[][] pairs = {{"daily-pnl:" + day, "bench-reference", "DAILY_PNL_CALCULATED"},
                {"daily-reset:" + day.plusDays(1), "bench-reference-reset", "DAILY_RESET_PERFORMED"}};
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
                for (String[] pair : pairs) {
                    ps.setString(1, pair[0]);
                    ps.setString(2, pair[1]);
                    ps.setString(3, pair[2]);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        said.append(' ').append(pair[2]).append(' ').append(rs.getLong(2)).append(" of ")
                                .append(rs.getLong(1)).append(';');
                    }
                }
            }
            return said.substring(0, said.length() - 1);
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
