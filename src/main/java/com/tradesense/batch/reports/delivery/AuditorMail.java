package com.tradesense.batch.reports.delivery;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.reports.seal.LedgerSeal;
import java.io.IOException;
import java.util.Optional;

/**
 * The text of the e-mail that carries an audit PDF: what the file is, its SHA-256, its line of the day's manifest
 * and the ledger seal chain head of the business date. The auditors keep the chain head outside our database, so a
 * later rewrite of the ledger and its seals together still shows: {@code verify} would print another hash.
 */
public final class AuditorMail {

    private static final ObjectMapper JSON = new ObjectMapper()
            .setNodeFactory(JsonNodeFactory.withExactBigDecimals(true))
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);

    private AuditorMail() {
    }

    public static String subject(ArchivedReport report) {
        return "TradeSense " + report.reportType() + " " + report.businessDate()
                + (report.subject().isEmpty() ? "" : " " + report.subject()) + " v" + report.version();
    }

    /**
     * @param manifest the bytes of the manifest written with the report, if any
     * @param seal     the seal of the report's business date, if any
     */
    public static String body(ArchivedReport report, Optional<ArchivedReport> manifestReport, Optional<byte[]> manifest,
                              Optional<LedgerSeal> seal) {
        StringBuilder text = new StringBuilder();
        text.append("Attached: the ").append(report.reportType()).append(" report of business date ")
                .append(report.businessDate());
        if (!report.subject().isEmpty()) {
            text.append(" (").append(report.subject()).append(')');
        }
        text.append(", version ").append(report.version()).append(", ").append(ReportFileName.of(report)).append(".\n\n");
        text.append("Report id: ").append(report.id()).append('\n');
        text.append("SHA-256:   ").append(report.sha256()).append('\n');
        text.append("Size:      ").append(report.sizeBytes()).append(" bytes\n\n");
        Optional<String> line = manifest.flatMap(bytes -> manifestLine(bytes, report.path()));
        if (line.isPresent()) {
            text.append("Manifest line (").append(manifestReport.map(ArchivedReport::path).orElse("manifest"))
                    .append("):\n").append(line.get()).append("\n\n");
        } else {
            text.append("Manifest line: the report is not listed in a manifest of ").append(report.businessDate())
                    .append(".\n\n");
        }
        if (seal.isPresent()) {
            LedgerSeal s = seal.get();
            text.append("Ledger seal chain head of ").append(s.businessDate()).append(" (seal #").append(s.sealNumber())
                    .append(", ").append(s.algorithm()).append(", append log up to #").append(s.toAppendSeq())
                    .append("):\n").append(s.sealHash()).append("\n\n");
            text.append("Keep this e-mail: the chain head is an anchor outside the TradeSense database. Any later\n"
                    + "verification of the ledger must arrive at the same seal hash for this date.\n");
        } else {
            text.append("Ledger seal: none recorded for ").append(report.businessDate()).append(".\n");
        }
        return text.toString();
    }

    /** The manifest's entry for a report path, as compact JSON in the manifest's own (canonical) member order. */
    static Optional<String> manifestLine(byte[] manifest, String path) {
        try {
            JsonNode files = JSON.readTree(manifest).path("files");
            for (JsonNode file : files) {
                if (path.equals(file.path("path").asText())) {
                    return Optional.of(JSON.writeValueAsString(file));
                }
            }
            return Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        }
    }
}
