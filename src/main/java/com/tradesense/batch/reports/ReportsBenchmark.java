package com.tradesense.batch.reports;

import com.lowagie.text.pdf.PdfReader;
import com.tradesense.batch.domain.ChallengeRules;
import com.tradesense.batch.domain.LedgerTrade;
import com.tradesense.batch.domain.TradeSide;
import com.tradesense.batch.reports.data.ChallengeAuditData;
import com.tradesense.batch.reports.pdf.ChallengeAuditReport;
import com.tradesense.batch.reports.seal.LedgerSeal;
import com.tradesense.batch.reports.seal.SealVerifier;
import com.tradesense.batch.reports.templates.ReportTemplates;
import com.tradesense.batch.reports.workbook.FinanceRows;
import com.tradesense.batch.reports.workbook.FinanceWorkbook;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The reports' benchmarks on synthetic data held in memory (no database): the challenge audit PDF of a large ledger
 * and the finance workbook of a million rows. Figures are recorded in docs/performance.md.
 */
public final class ReportsBenchmark {

    public record PdfFigures(int trades, int events, long millis, int pages, long bytes) {
    }

    public record WorkbookFigures(long rows, long millis, double rowsPerSecond, long peakHeapBytes, long bytes) {
    }

    private static final Instant GENERATED_AT = Instant.parse("2026-03-06T07:30:00Z");

    private ReportsBenchmark() {
    }

    public static PdfFigures challengePdf(int tradeCount, int eventCount, ReportTemplates templates) throws IOException {
        ChallengeAuditData data = syntheticChallenge(tradeCount, eventCount);
        SealVerifier.Result sealCheck = new SealVerifier.Result(1, tradeCount + eventCount, "ab".repeat(32),
                Optional.empty());
        LocalDate date = LocalDate.parse("2026-03-05");
        // One warm-up render, so the figure is the steady state a nightly run sees after its first report.
        ChallengeAuditReport.render(templates.load(ReportTemplates.CHALLENGE_AUDIT), syntheticChallenge(200, 200), date,
                "CA-BENCH", GENERATED_AT, sealCheck);
        long start = System.nanoTime();
        ChallengeAuditReport.Outcome outcome = ChallengeAuditReport.render(
                templates.load(ReportTemplates.CHALLENGE_AUDIT), data, date, "CA-BENCH", GENERATED_AT, sealCheck);
        long millis = (System.nanoTime() - start) / 1_000_000;
        int pages;
        PdfReader reader = new PdfReader(outcome.pdf());
        try {
            pages = reader.getNumberOfPages();
        } finally {
            reader.close();
        }
        return new PdfFigures(tradeCount, eventCount, millis, pages, outcome.pdf().length);
    }

    public static WorkbookFigures financeWorkbook(long rows, ReportTemplates templates) throws IOException {
        List<MemoryPoolMXBean> heapPools = ManagementFactory.getMemoryPoolMXBeans().stream()
                .filter(pool -> pool.getType() == MemoryType.HEAP).toList();
        System.gc();
        heapPools.forEach(MemoryPoolMXBean::resetPeakUsage);
        CountingStream out = new CountingStream();
        LocalDate date = LocalDate.parse("2026-03-05");
        long start = System.nanoTime();
        FinanceWorkbook.write(templates.load(ReportTemplates.FINANCE_WORKBOOK), GENERATED_AT, consumer -> {
            BigDecimal opening = new BigDecimal("100000.00");
            for (long i = 0; i < rows; i++) {
                BigDecimal net = BigDecimal.valueOf((i * 7919) % 200_000 - 100_000, 2);
                consumer.accept(new FinanceRows.Pnl(date, new UUID(0x5eed, i), "USD", "ACTIVE", opening,
                        opening.add(net), opening.subtract(BigDecimal.valueOf(i % 5_000, 2)), net, net,
                        new BigDecimal("3.50"), new BigDecimal("-0.25"), i % 40, new BigDecimal("12.50000000"),
                        BigDecimal.valueOf(i % 50_000, 4), 1));
            }
        }, List.of(), Map.of("ACTIVE", rows), out);
        long millis = Math.max(1, (System.nanoTime() - start) / 1_000_000);
        long peak = heapPools.stream().mapToLong(pool -> pool.getPeakUsage().getUsed()).sum();
        return new WorkbookFigures(rows, millis, rows * 1000.0 / millis, peak, out.count);
    }

    public static ChallengeAuditData syntheticChallenge(int tradeCount, int eventCount) {
        ChallengeRules rules = new ChallengeRules(new BigDecimal("100000.00"), new BigDecimal("5.00"),
                new BigDecimal("10.00"), new BigDecimal("8.00"), 0, null);
        UUID id = new UUID(0xC0FFEEL, 1);
        Instant start = Instant.parse("2026-01-01T08:00:00Z");
        List<LedgerTrade> trades = new ArrayList<>(tradeCount);
        for (int i = 0; i < tradeCount; i++) {
            // Small alternating results: the ledger stays inside the limits, so every trade is replayed.
            BigDecimal pnl = BigDecimal.valueOf(i % 2 == 0 ? 1_250 : -1_175, 2);
            trades.add(new LedgerTrade(new UUID(0xBEEFL, i), i + 1, start.plusSeconds(i * 300L), "EURUSD",
                    i % 2 == 0 ? TradeSide.BUY : TradeSide.SELL, new BigDecimal("1.00"), new BigDecimal("1.08450"),
                    new BigDecimal("0.50"), BigDecimal.ZERO, pnl));
        }
        List<ChallengeAuditData.Event> events = new ArrayList<>(eventCount);
        for (int i = 0; i < eventCount; i++) {
            events.add(new ChallengeAuditData.Event(new UUID(0xE0L, i), i + 1, "TRADE_EXECUTED",
                    start.plusSeconds(i * 250L), "Trade " + (i + 1) + " executed on MT5-LIVE-1: BUY 1.00 EURUSD at"
                    + " 1.08450, realized P&L 12.50", Map.of()));
        }
        BigDecimal equity = rules.initialBalance();
        BigDecimal peak = equity;
        for (LedgerTrade trade : trades) {
            equity = equity.add(trade.effect());
            peak = peak.max(equity);
        }
        ChallengeAuditData.Challenge challenge = new ChallengeAuditData.Challenge(id, new UUID(0xABCL, 1),
                "trader@example.com", "ACTIVE", null, rules, equity, peak, equity, "USD", "MT5-LIVE-1", "501234",
                start, start, null);
        return new ChallengeAuditData(challenge, events, trades, Optional.of(new LedgerSeal(1,
                LocalDate.parse("2026-03-05"), 0, tradeCount + eventCount, tradeCount, eventCount, LedgerSeal.GENESIS,
                "cd".repeat(32), "ab".repeat(32), LedgerSeal.ALGORITHM, 1L, GENERATED_AT)));
    }

    private static final class CountingStream extends OutputStream {
        long count;

        @Override
        public void write(int b) {
            count++;
        }

        @Override
        public void write(byte[] b, int off, int len) {
            count += len;
        }
    }
}
