package com.tradesense.batch.reports.archive;

import java.util.Locale;

/** The file formats of archived reports, with the extension and the Content-Type a download gets. */
public enum ReportFormat {
    PDF("application/pdf"),
    XLSX("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    JSON("application/json"),
    CSV("text/csv");

    private final String contentType;

    ReportFormat(String contentType) {
        this.contentType = contentType;
    }

    public String contentType() {
        return contentType;
    }

    public String extension() {
        return name().toLowerCase(Locale.ROOT);
    }
}
