package com.tradesense.batch.reports;

import com.tradesense.batch.domain.CanonicalJson;
import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.reports.seal.LedgerSeal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * {@code manifest-<date>.json}: every report file of the business date (the latest version of each) with its SHA-256,
 * size, report type and the control totals it shows, written as canonical JSON (sorted keys, no whitespace) so the
 * same reports give the same manifest bytes.
 */
public final class ReportManifest {

    private ReportManifest() {
    }

    /**
     * @param reports the archived reports of the date (every version; the latest of each type, subject and format is
     *                listed)
     * @param controlTotals the figures each report shows, by archived report path (absent for reports of other jobs)
     */
    public static byte[] render(LocalDate businessDate, Instant generatedAt, Optional<LedgerSeal> seal,
                                List<ArchivedReport> reports, Map<String, Map<String, Object>> controlTotals) {
        Map<String, ArchivedReport> latest = new LinkedHashMap<>();
        reports.stream()
                .filter(r -> r.businessDate().equals(businessDate) && !r.reportType().equals(ReportTypes.MANIFEST))
                .sorted(Comparator.comparingInt(ArchivedReport::version))
                .forEach(r -> latest.put(r.reportType() + "|" + r.subject() + "|" + r.format(), r));
        List<Map<String, Object>> files = new ArrayList<>();
        latest.values().stream().sorted(Comparator.comparing(ArchivedReport::path)).forEach(r -> {
            Map<String, Object> file = new LinkedHashMap<>();
            file.put("path", r.path());
            file.put("report_type", r.reportType());
            file.put("subject", r.subject());
            file.put("format", r.format().name());
            file.put("version", r.version());
            file.put("sha256", r.sha256());
            file.put("size_bytes", r.sizeBytes());
            file.put("control_totals", controlTotals.getOrDefault(r.path(), Map.of()));
            files.add(file);
        });
        Map<String, Object> manifest = new LinkedHashMap<>();
        manifest.put("business_date", businessDate);
        manifest.put("generated_at", generatedAt);
        manifest.put("files", files);
        seal.ifPresent(s -> {
            Map<String, Object> sealFields = new LinkedHashMap<>();
            sealFields.put("seal_number", s.sealNumber());
            sealFields.put("business_date", s.businessDate());
            sealFields.put("seal_hash", s.sealHash());
            sealFields.put("to_append_seq", s.toAppendSeq());
            manifest.put("seal", sealFields);
        });
        return (CanonicalJson.write(manifest) + "\n").getBytes(StandardCharsets.UTF_8);
    }
}
