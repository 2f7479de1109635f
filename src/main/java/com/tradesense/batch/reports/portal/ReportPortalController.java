package com.tradesense.batch.reports.portal;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.reports.delivery.ReportFileName;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.core.io.FileSystemResource;
import org.springframework.core.io.Resource;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;

/**
 * The download portal: a list of archived reports with filters, downloads and their SHA-256. Reports are addressed
 * by their id only; the file comes from the archive's own record, so nothing from a request ever becomes a path.
 * A user sees and downloads only the report types of their roles ({@link PortalRole}); every download is recorded
 * in {@code report_downloads} and logged.
 *
 * <p>{@code GET /reports} the page; {@code GET /api/reports} the same list as JSON; {@code GET /api/reports/{id}}
 * one report; {@code GET /api/reports/{id}/file} the file. Filters: {@code type}, {@code from}, {@code to} (business
 * dates, default the last 31 days), {@code provider} (the subject of reconciliation reports).
 */
@RestController
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
public class ReportPortalController {

    static final int DEFAULT_DAYS = 31;
    static final int MAX_ROWS = 1000;

    private static final Logger log = LoggerFactory.getLogger(ReportPortalController.class);

    private final ReportArchive archive;
    private final ReportDownloads downloads;
    private final Clock clock;

    public ReportPortalController(DataSource dataSource, Dialect dialect, ObjectProvider<Clock> clock,
                                  @Value("${tradesense.reports-folder:./reports}") String reportsFolder) {
        this.archive = new ReportArchive(dataSource, dialect, Path.of(reportsFolder));
        this.downloads = new ReportDownloads(dataSource, dialect);
        this.clock = clock.getIfAvailable(Clock::systemUTC);
    }

    /** The filters of a list request, checked. */
    record Filter(String type, LocalDate from, LocalDate to, String provider) {
    }

    @GetMapping("/")
    public ResponseEntity<Void> home() {
        return ResponseEntity.status(HttpStatus.FOUND).header(HttpHeaders.LOCATION, "/reports").build();
    }

    @GetMapping(value = "/reports", produces = MediaType.TEXT_HTML_VALUE)
    public String page(@RequestParam(required = false) String type, @RequestParam(required = false) String from,
                       @RequestParam(required = false) String to, @RequestParam(required = false) String provider,
                       Authentication user, HttpServletRequest request) {
        Set<PortalRole> roles = roles(user);
        Filter filter = filter(type, from, to, provider);
        List<ArchivedReport> reports = list(filter, roles);
        return PortalPage.render(user.getName(), roles, filter, reports, visibleTypes(roles),
                (CsrfToken) request.getAttribute(CsrfToken.class.getName()), reports.size() >= MAX_ROWS);
    }

    @GetMapping("/api/reports")
    public List<Map<String, Object>> listJson(@RequestParam(required = false) String type,
                                              @RequestParam(required = false) String from,
                                              @RequestParam(required = false) String to,
                                              @RequestParam(required = false) String provider, Authentication user) {
        return list(filter(type, from, to, provider), roles(user)).stream().map(ReportPortalController::json).toList();
    }

    @GetMapping("/api/reports/{id}")
    public Map<String, Object> one(@PathVariable String id, Authentication user) {
        return json(readable(id, user));
    }

    @GetMapping("/api/reports/{id}/file")
    public ResponseEntity<Resource> download(@PathVariable String id, Authentication user,
                                             HttpServletRequest request) {
        ArchivedReport report = readable(id, user);
        Path file = archive.file(report);
        if (!Files.isRegularFile(file)) {
            throw new ResponseStatusException(HttpStatus.GONE, "The file of report " + report.id() + " is missing");
        }
        downloads.record(report.id(), user.getName(), clock.instant(), request.getRemoteAddr());
        log.info("Download: {} took report {} ({} {} {} v{}) from {}", user.getName(), report.id(),
                report.reportType(), report.businessDate(), report.subject(), report.version(), request.getRemoteAddr());
        return ResponseEntity.ok()
                .contentType(MediaType.parseMediaType(report.format().contentType()))
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.attachment()
                        .filename(ReportFileName.of(report), StandardCharsets.UTF_8).build().toString())
                .header("X-Report-SHA256", report.sha256())
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .body(new FileSystemResource(file));
    }

    private ArchivedReport readable(String id, Authentication user) {
        UUID reportId;
        try {
            reportId = UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "A report is addressed by its id (a UUID)");
        }
        ArchivedReport report = archive.find(reportId)
                .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND, "No report " + reportId));
        if (!PortalRole.anyMayRead(roles(user), report.reportType())) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN, "Your roles do not include "
                    + report.reportType() + " reports");
        }
        return report;
    }

    private List<ArchivedReport> list(Filter filter, Set<PortalRole> roles) {
        return archive.list(filter.from(), filter.to()).stream()
                .filter(r -> PortalRole.anyMayRead(roles, r.reportType()))
                .filter(r -> filter.type() == null || r.reportType().equals(filter.type()))
                .filter(r -> filter.provider() == null || r.subject().equalsIgnoreCase(filter.provider()))
                .limit(MAX_ROWS)
                .toList();
    }

    private Filter filter(String type, String from, String to, String provider) {
        LocalDate today = LocalDate.now(clock.withZone(ZoneOffset.UTC));
        LocalDate end = date("to", to, today);
        LocalDate start = date("from", from, end.minusDays(DEFAULT_DAYS - 1L));
        if (start.isAfter(end)) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, "from=" + start + " is after to=" + end);
        }
        String reportType = blank(type) ? null : type.trim().toUpperCase(Locale.ROOT);
        return new Filter(reportType, start, end, blank(provider) ? null : provider.trim());
    }

    private static LocalDate date(String name, String value, LocalDate fallback) {
        if (blank(value)) {
            return fallback;
        }
        try {
            return LocalDate.parse(value.trim());
        } catch (DateTimeParseException e) {
            throw new ResponseStatusException(HttpStatus.BAD_REQUEST, name + "=" + value + " is not a date YYYY-MM-DD");
        }
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    static Set<PortalRole> roles(Authentication user) {
        Set<PortalRole> roles = EnumSet.noneOf(PortalRole.class);
        for (GrantedAuthority authority : user.getAuthorities()) {
            for (PortalRole role : PortalRole.values()) {
                if (role.authority().equals(authority.getAuthority())) {
                    roles.add(role);
                }
            }
        }
        return roles;
    }

    private Set<String> visibleTypes(Set<PortalRole> roles) {
        Set<String> types = new TreeSet<>();
        for (String type : List.of("CHALLENGE_AUDIT", "DAILY_AUDIT", "FINANCE_WORKBOOK", "MANIFEST",
                "RECONCILIATION_SUMMARY", "RECONCILIATION_WORKBOOK")) {
            if (PortalRole.anyMayRead(roles, type)) {
                types.add(type);
            }
        }
        return types;
    }

    private static Map<String, Object> json(ArchivedReport r) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("id", r.id().toString());
        json.put("report_type", r.reportType());
        json.put("business_date", r.businessDate().toString());
        json.put("subject", r.subject());
        json.put("format", r.format().name());
        json.put("version", r.version());
        json.put("sha256", r.sha256());
        json.put("size_bytes", r.sizeBytes());
        json.put("created_at", r.createdAt().toString());
        json.put("file_name", ReportFileName.of(r));
        json.put("download", "/api/reports/" + r.id() + "/file");
        return json;
    }

}
