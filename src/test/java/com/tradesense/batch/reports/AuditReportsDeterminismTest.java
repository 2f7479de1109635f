package com.tradesense.batch.reports;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.reports.archive.ArchivedReport;
import com.tradesense.batch.reports.archive.ReportArchive;
import com.tradesense.batch.reports.data.ReportData;
import com.tradesense.batch.reports.seal.LedgerSealer;
import com.tradesense.batch.reports.templates.ReportTemplates;
import com.tradesense.batch.testing.LedgerFixtures;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Regenerating the reports of a date gives new versions with byte-identical files. */
class AuditReportsDeterminismTest {

    private static final LocalDate DATE = LocalDate.parse("2026-03-05");
    private static final Instant GENERATED_AT = Instant.parse("2026-03-06T07:30:00Z");

    @TempDir
    Path folder;

    @Test
    void regeneratingMakesNewVersionsWithIdenticalBytes() throws Exception {
        try (TestDatabase database = TestDatabases.migrated(TestEngine.SQLITE)) {
            // given
            LedgerFixtures ledger = new LedgerFixtures(database);
            UUID challenge = ledger.activeChallenge(ledger.user("det@example.com"), Instant.parse("2026-03-01T00:00:00Z"));
            ledger.trade(challenge, Instant.parse("2026-03-05T10:00:00Z"), "-6000.00", "0.00", "1.00");
            ledger.execute("UPDATE challenges SET status = 'FAILED', failure_reason = 'DAILY_DRAWDOWN_EXCEEDED',"
                    + " ended_at = ? WHERE id = ?", Instant.parse("2026-03-05T10:00:00Z"), challenge);
            new LedgerSealer(database.dataSource(), database.dialect()).seal(DATE, 1L, GENERATED_AT);
            AuditReports reports = new AuditReports(new ReportData(database.dataSource(), database.dialect()),
                    new ReportArchive(database.dataSource(), database.dialect(), folder), new ReportTemplates(null));

            // when
            AuditReports.Result first = reports.render(DATE, Optional.empty(), GENERATED_AT, 1L);
            AuditReports.Result second = reports.render(DATE, Optional.empty(), GENERATED_AT, 2L);

            // then
            assertThat(first.reports()).hasSize(3);
            for (int i = 0; i < first.reports().size(); i++) {
                ArchivedReport a = first.reports().get(i);
                ArchivedReport b = second.reports().get(i);
                assertThat(b.version()).isEqualTo(a.version() + 1);
                assertThat(b.path()).isNotEqualTo(a.path());
                assertThat(b.sha256()).as(a.reportType()).isEqualTo(a.sha256());
                assertThat(Files.readAllBytes(folder.resolve(b.path()))).isEqualTo(Files.readAllBytes(folder.resolve(a.path())));
            }
            String pdf = new String(Files.readAllBytes(folder.resolve(first.reports().get(0).path())),
                    java.nio.charset.StandardCharsets.ISO_8859_1);
            assertThat(pdf).contains("/CreationDate(D:20260306073000Z)").contains("/ModDate(D:20260306073000Z)")
                    .doesNotContain("/ID [<00000000");
        }
    }
}
