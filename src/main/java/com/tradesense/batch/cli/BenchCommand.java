package com.tradesense.batch.cli;

import com.tradesense.batch.reports.ReportsBenchmark;
import com.tradesense.batch.reports.templates.ReportTemplates;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

@Command(name = "bench", mixinStandardHelpOptions = true,
        description = {"Benchmarks on synthetic data in memory (no database). 'bench reports': the challenge audit PDF"
                + " of a large ledger and the finance workbook of many rows; run with -Xmx512m to check the heap goal."})
final class BenchCommand implements Callable<Integer> {

    @ParentCommand
    TradeSenseCli cli;

    @Parameters(index = "0", paramLabel = "<what>", description = "reports")
    String what;

    @Option(names = "--trades", defaultValue = "10000", description = "Trades in the audited challenge. Default: ${DEFAULT-VALUE}.")
    int trades;

    @Option(names = "--events", defaultValue = "12000", description = "Events of the audited challenge. Default: ${DEFAULT-VALUE}.")
    int events;

    @Option(names = "--rows", defaultValue = "1000000", description = "Daily P&L rows of the workbook. Default: ${DEFAULT-VALUE}.")
    long rows;

    @Option(names = "--templates", paramLabel = "DIR", defaultValue = "./reports-templates",
            description = "Report templates folder. Default: ${DEFAULT-VALUE}.")
    Path templates;

    @Override
    public Integer call() throws Exception {
        if (!"reports".equals(what)) {
            throw new UsageException("unknown benchmark '" + what + "' (known: reports)");
        }
        if (trades < 0 || events < 0 || rows < 0) {
            throw new UsageException("--trades, --events and --rows must not be negative");
        }
        ReportTemplates reportTemplates = new ReportTemplates(templates);
        ReportsBenchmark.PdfFigures pdf = ReportsBenchmark.challengePdf(trades, events, reportTemplates);
        cli.out().println(String.format(Locale.ROOT, "challenge audit PDF: %d trades, %d events: %d ms, %d pages, %d bytes",
                pdf.trades(), pdf.events(), pdf.millis(), pdf.pages(), pdf.bytes()));
        ReportsBenchmark.WorkbookFigures workbook = ReportsBenchmark.financeWorkbook(rows, reportTemplates);
        cli.out().println(String.format(Locale.ROOT,
                "finance workbook: %d rows in %d ms = %.0f rows/s, peak heap %d MB (max heap %d MB), %d bytes",
                workbook.rows(), workbook.millis(), workbook.rowsPerSecond(), workbook.peakHeapBytes() >> 20,
                Runtime.getRuntime().maxMemory() >> 20, workbook.bytes()));
        return ExitCodes.COMPLETED;
    }
}
