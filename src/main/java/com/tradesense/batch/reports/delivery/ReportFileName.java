package com.tradesense.batch.reports.delivery;

import com.tradesense.batch.reports.archive.ArchivedReport;

/** The file name a report gets as an e-mail attachment or a download: type, date, subject and version, no path. */
public final class ReportFileName {

    private ReportFileName() {
    }

    public static String of(ArchivedReport report) {
        String subject = report.subject().isEmpty() ? "" : "-" + report.subject();
        String name = report.reportType().toLowerCase(java.util.Locale.ROOT).replace('_', '-') + "-"
                + report.businessDate() + subject + "-v" + report.version() + "." + report.format().extension();
        return name.replaceAll("[^A-Za-z0-9._-]", "_");
    }
}
