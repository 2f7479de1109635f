package com.tradesense.batch.reports;

/** The {@code generated_reports.report_type} values this package writes. */
public final class ReportTypes {

    public static final String CHALLENGE_AUDIT = "CHALLENGE_AUDIT";
    public static final String DAILY_AUDIT = "DAILY_AUDIT";
    public static final String FINANCE_WORKBOOK = "FINANCE_WORKBOOK";
    public static final String MANIFEST = "MANIFEST";

    private ReportTypes() {
    }
}
