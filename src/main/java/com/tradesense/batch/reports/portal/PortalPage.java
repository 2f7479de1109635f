package com.tradesense.batch.reports.portal;

import com.tradesense.batch.reports.archive.ArchivedReport;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.security.web.csrf.CsrfToken;

/** The portal's one HTML page, written by hand: every value from the database or the request is escaped. */
final class PortalPage {

    private PortalPage() {
    }

    static String render(String user, Set<PortalRole> roles, ReportPortalController.Filter filter,
                         List<ArchivedReport> reports, Set<String> types, CsrfToken csrf, boolean truncated) {
        StringBuilder html = new StringBuilder(4096 + reports.size() * 600);
        html.append("""
                <!DOCTYPE html>
                <html lang="en"><head><meta charset="utf-8"><title>TradeSense reports</title>
                <style>
                body{font-family:system-ui,sans-serif;margin:1.5rem;color:#1d2433}
                table{border-collapse:collapse;width:100%;font-size:.9rem}
                th,td{border-bottom:1px solid #d8dde6;padding:.35rem .5rem;text-align:left;vertical-align:top}
                th{background:#f1f4f9} td.sha{font-family:monospace;font-size:.75rem;word-break:break-all}
                form.filter{display:flex;gap:.75rem;align-items:end;flex-wrap:wrap;margin:1rem 0}
                form.filter label{display:flex;flex-direction:column;font-size:.8rem}
                header{display:flex;justify-content:space-between;align-items:center}
                </style></head><body>
                """);
        html.append("<header><h1>TradeSense reports</h1><form method=\"post\" action=\"/logout\">")
                .append("<span id=\"user\">").append(escape(user)).append(" (")
                .append(escape(roles.stream().map(Enum::name).sorted().collect(Collectors.joining(", "))))
                .append(")</span> ");
        if (csrf != null) {
            html.append("<input type=\"hidden\" name=\"").append(escape(csrf.getParameterName())).append("\" value=\"")
                    .append(escape(csrf.getToken())).append("\">");
        }
        html.append("<button type=\"submit\">Sign out</button></form></header>\n");
        html.append("<form class=\"filter\" method=\"get\" action=\"/reports\">");
        html.append("<label>Type<select name=\"type\" id=\"type\"><option value=\"\">all</option>");
        for (String type : types) {
            html.append("<option value=\"").append(escape(type)).append('"')
                    .append(type.equals(filter.type()) ? " selected" : "").append('>').append(escape(type))
                    .append("</option>");
        }
        html.append("</select></label>");
        html.append("<label>From<input type=\"date\" name=\"from\" id=\"from\" value=\"").append(filter.from())
                .append("\"></label>");
        html.append("<label>To<input type=\"date\" name=\"to\" id=\"to\" value=\"").append(filter.to())
                .append("\"></label>");
        html.append("<label>Provider<input type=\"text\" name=\"provider\" id=\"provider\" value=\"")
                .append(escape(filter.provider() == null ? "" : filter.provider())).append("\"></label>");
        html.append("<button type=\"submit\" id=\"apply\">Show</button></form>\n");
        html.append("<p id=\"count\">").append(reports.size()).append(reports.size() == 1 ? " report" : " reports")
                .append(truncated ? " (only the first " + ReportPortalController.MAX_ROWS + "; narrow the filter)" : "")
                .append("</p>\n");
        html.append("<table id=\"reports\"><thead><tr><th>Business date</th><th>Type</th><th>Subject</th><th>Version</th>"
                + "<th>Size</th><th>SHA-256</th><th>Created</th><th></th></tr></thead><tbody>\n");
        for (ArchivedReport r : reports) {
            html.append("<tr data-report-id=\"").append(r.id()).append("\"><td>").append(r.businessDate())
                    .append("</td><td class=\"type\">").append(escape(r.reportType()))
                    .append("</td><td class=\"subject\">").append(escape(r.subject()))
                    .append("</td><td>v").append(r.version())
                    .append("</td><td>").append(r.sizeBytes()).append(" bytes")
                    .append("</td><td class=\"sha\">").append(escape(r.sha256()))
                    .append("</td><td>").append(r.createdAt())
                    .append("</td><td><a class=\"download\" href=\"/api/reports/").append(r.id())
                    .append("/file\">Download ").append(escape(r.format().name())).append("</a></td></tr>\n");
        }
        html.append("</tbody></table></body></html>\n");
        return html.toString();
    }

    static String escape(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }
}
