package com.tradesense.batch.cli;

import java.util.List;

/** The job names of CONTRACT §4 that {@code run} accepts, with the line {@code jobs} shows for each. */
public enum JobNames {

    DAILY_PNL("daily-pnl", "Daily P&L events and rule evaluation for every challenge active during the business date"),
    DAILY_RESET("daily-reset", "Sets each active challenge's daily start equity from the ledger as of 00:00Z"),
    CHALLENGE_EXPIRY("challenge-expiry", "Fails challenges past their deadline and flags inactive ones"),
    TRADE_RECONCILIATION("trade-reconciliation", "Reconciles a provider's export file against the trades ledger"),
    AUDIT_REPORT("audit-report", "Renders the audit and finance reports of the business date"),
    NIGHTLY("nightly", "The end-of-day chain: daily-pnl, challenge-expiry, then daily-reset of the next day");

    private final String jobName;
    private final String description;

    JobNames(String jobName, String description) {
        this.jobName = jobName;
        this.description = description;
    }

    public String jobName() {
        return jobName;
    }

    public String description() {
        return description;
    }

    public static JobNames find(String name) {
        for (JobNames job : values()) {
            if (job.jobName.equals(name)) {
                return job;
            }
        }
        return null;
    }

    public static List<String> names() {
        return java.util.Arrays.stream(values()).map(JobNames::jobName).toList();
    }
}
