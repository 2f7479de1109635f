package com.tradesense.batch.reports.portal;

import com.tradesense.batch.TradeSenseBatchApplication;
import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.reports.archive.ReportFormat;
import com.tradesense.batch.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;

/** The portal as a real servlet application on a free port, with test users and a few archived reports. */
final class PortalTestServer implements AutoCloseable {

    /** A configured user; the password is hashed here, as an operator would before writing the configuration. */
    record TestUser(String name, String password, String roles) {
    }

    static final TestUser FINANCE = new TestUser("fiona", "finance-secret", "FINANCE");
    static final TestUser AUDITOR = new TestUser("arthur", "auditor-secret", "AUDITOR");
    static final TestUser ADMIN = new TestUser("ada", "admin-secret", "ADMIN");
    static final TestUser NO_ROLE = new TestUser("nobody", "nobody-secret", "");

    private final ConfigurableApplicationContext context;
    final int port;

    private PortalTestServer(ConfigurableApplicationContext context) {
        this.context = context;
        this.port = ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    static PortalTestServer start(TestDatabase database, Path reportsFolder) {
        BCryptPasswordEncoder encoder = new BCryptPasswordEncoder(4);
        List<String> args = new ArrayList<>(List.of("--spring.datasource.url=" + database.url(), "--server.port=0",
                "--spring.main.web-application-type=servlet",
                "--tradesense.reports-folder=" + reportsFolder));
        if (!database.username().isEmpty()) {
            args.add("--spring.datasource.username=" + database.username());
            args.add("--spring.datasource.password=" + database.password());
        }
        for (TestUser user : List.of(FINANCE, AUDITOR, ADMIN, NO_ROLE)) {
            args.add("--tradesense.portal.users." + user.name() + ".password-hash=" + encoder.encode(user.password()));
            args.add("--tradesense.portal.users." + user.name() + ".roles=" + user.roles());
        }
        SpringApplication application = new SpringApplication(TradeSenseBatchApplication.class);
        application.setWebApplicationType(WebApplicationType.SERVLET);
        return new PortalTestServer(application.run(args.toArray(String[]::new)));
    }

    String url(String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Override
    public void close() {
        context.close();
    }

    /** Archived reports of every kind the portal tells apart. */
    record Reports(ArchivedReport challengeAudit, ArchivedReport dailyAudit, ArchivedReport financeWorkbook,
                   ArchivedReport mt5Workbook, ArchivedReport ctraderSummary, ArchivedReport oldMt5Workbook) {

        static Reports archive(TestDatabase database, Path folder) {
            ReportArchive archive = new ReportArchive(database.dataSource(), database.dialect(), folder);
            LocalDate date = LocalDate.of(2026, 3, 5);
            Instant at = Instant.parse("2026-03-06T07:30:00Z");
            return new Reports(
                    store(archive, "CHALLENGE_AUDIT", date, "9b2f3c1e-0000-4000-8000-000000000001", ReportFormat.PDF, at),
                    store(archive, "DAILY_AUDIT", date, "", ReportFormat.PDF, at),
                    store(archive, "FINANCE_WORKBOOK", date, "", ReportFormat.XLSX, at),
                    store(archive, "RECONCILIATION_WORKBOOK", date, "MT5-LIVE-1", ReportFormat.XLSX, at),
                    store(archive, "RECONCILIATION_SUMMARY", date, "CTRADER-EU", ReportFormat.PDF, at),
                    store(archive, "RECONCILIATION_WORKBOOK", date.minusDays(60), "MT5-LIVE-1", ReportFormat.XLSX,
                            at.minusSeconds(60 * 86400)));
        }

        private static ArchivedReport store(ReportArchive archive, String type, LocalDate date, String subject,
                                            ReportFormat format, Instant at) {
            byte[] content = (type + " " + date + " " + subject + " " + "x".repeat(200))
                    .getBytes(StandardCharsets.UTF_8);
            return archive.store(type, date, subject, format, null, null, at, out -> out.write(content));
        }
    }
}
