package com.tradesense.batch.reports.archive;

import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/** One row of {@code generated_reports}: a report file at one version. {@code path} is relative to the reports folder. */
public record ArchivedReport(UUID id, String reportType, LocalDate businessDate, String subject, ReportFormat format,
                             int version, String path, String sha256, long sizeBytes, Long jobExecutionId,
                             UUID sourceId, Instant createdAt) {
}
