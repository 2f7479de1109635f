package com.tradesense.batch.reports.portal;

import com.tradesense.batch.reports.ReportTypes;
import java.util.Collection;
import java.util.Set;

/** The portal's roles and the report types each may list and download. */
public enum PortalRole {
    /** Reconciliation workbooks and summaries, finance workbooks. */
    FINANCE(Set.of("RECONCILIATION_WORKBOOK", "RECONCILIATION_SUMMARY", ReportTypes.FINANCE_WORKBOOK)),
    /** Challenge and daily audit PDFs, and the manifests that list their hashes. */
    AUDITOR(Set.of(ReportTypes.CHALLENGE_AUDIT, ReportTypes.DAILY_AUDIT, ReportTypes.MANIFEST)),
    /** Every report, including types added later. */
    ADMIN(Set.of());

    private final Set<String> reportTypes;

    PortalRole(Set<String> reportTypes) {
        this.reportTypes = reportTypes;
    }

    public boolean mayRead(String reportType) {
        return this == ADMIN || reportTypes.contains(reportType);
    }

    public static boolean anyMayRead(Collection<PortalRole> roles, String reportType) {
        return roles.stream().anyMatch(role -> role.mayRead(reportType));
    }

    /** Spring Security's authority name. */
    public String authority() {
        return "ROLE_" + name();
    }
}
