package com.tradesense.batch.reports.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

abstract class ReportArchiveContractTest {

    private static final LocalDate DAY = LocalDate.parse("2026-03-04");
    private static final Instant GENERATED = Instant.parse("2026-03-05T06:00:00Z");

    @TempDir
    Path reports;

    private TestDatabase database;
    private ReportArchive archive;

    protected abstract TestEngine engine();

    @BeforeEach
    void open() {
        database = TestDatabases.migrated(engine());
        archive = new ReportArchive(database.dataSource(), database.dialect(), reports);
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void storesTheFileWithItsHashAndSizeAndFindsItById() throws Exception {
        // when
        ArchivedReport report = archive.store("RECONCILIATION_WORKBOOK", DAY, "MT5-LIVE-1", ReportFormat.XLSX, 7L, null,
                GENERATED, out -> out.write("workbook bytes".getBytes(StandardCharsets.UTF_8)));

        // then
        Path file = archive.file(report);
        assertThat(Files.readString(file)).isEqualTo("workbook bytes");
        assertThat(report.path()).isEqualTo("2026-03-04/RECONCILIATION_WORKBOOK/MT5-LIVE-1-v1.xlsx");
        assertThat(report.sha256()).isEqualTo(HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest("workbook bytes".getBytes(StandardCharsets.UTF_8))));
        assertThat(report.sizeBytes()).isEqualTo(14);
        assertThat(archive.find(report.id())).contains(report);
    }

    @Test
    void regeneratingMakesANewVersionAndNeverOverwrites() {
        // given
        ArchivedReport first = archive.store("DAILY_AUDIT_PDF", DAY, "", ReportFormat.PDF, null, null, GENERATED,
                out -> out.write(1));

        // when
        ArchivedReport second = archive.store("DAILY_AUDIT_PDF", DAY, "", ReportFormat.PDF, null, null, GENERATED,
                out -> out.write(2));

        // then
        assertThat(second.version()).isEqualTo(2);
        assertThat(archive.file(first)).exists().hasBinaryContent(new byte[] {1});
        assertThat(archive.file(second)).exists().hasBinaryContent(new byte[] {2});
        assertThat(archive.list(DAY, DAY)).extracting(ArchivedReport::version).containsExactly(1, 2);
    }

    @Test
    void aWriterThatFailsLeavesNeitherFileNorRow() throws IOException {
        // when
        assertThatThrownBy(() -> archive.store("FINANCE_WORKBOOK", DAY, "", ReportFormat.XLSX, null, null, GENERATED,
                out -> {
                    out.write(42);
                    throw new IOException("disk full");
                })).hasMessageContaining("FINANCE_WORKBOOK");

        // then
        assertThat(archive.list(DAY, DAY)).isEmpty();
        try (Stream<Path> files = Files.walk(reports)) {
            assertThat(files.filter(Files::isRegularFile)).isEmpty();
        }
    }
}
