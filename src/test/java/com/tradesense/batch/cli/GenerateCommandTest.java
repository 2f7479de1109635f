package com.tradesense.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.tradesense.batch.generator.GeneratedChallenge;
import com.tradesense.batch.generator.GeneratedPayment;
import com.tradesense.batch.generator.GeneratedTrade;
import com.tradesense.batch.generator.GeneratedUser;
import com.tradesense.batch.generator.GenerationSink;
import com.tradesense.batch.generator.Generator;
import com.tradesense.batch.generator.GeneratorSettings;
import com.tradesense.batch.testing.TestDatabase;
import com.tradesense.batch.testing.TestDatabases;
import com.tradesense.batch.testing.TestEngine;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code generate} through the real command line: files, loading on each engine, and argument errors. */
class GenerateCommandTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC);
    private static final List<String> SMALL = List.of("--challenges=25", "--days=2", "--first-date=2026-11-06",
            "--seed=77");

    private record Outcome(int status, String out, String err) {
    }

    private static Outcome generate(List<String> options, List<String> settings) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        List<String> args = new ArrayList<>(List.of("generate"));
        args.addAll(options);
        args.addAll(settings);
        int status = TradeSenseCli.execute(args.toArray(String[]::new), NOW, new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }

    private static List<String> with(List<String> options, String... more) {
        List<String> all = new ArrayList<>(options);
        all.addAll(List.of(more));
        return all;
    }

    /** What the generator emits for {@link #SMALL}, counted independently of the command. */
    private static Map<String, Long> expectedCounts() {
        GeneratorSettings settings = GeneratorSettings.builder().challenges(25).days(2)
                .firstDate(LocalDate.of(2026, 11, 6)).seed(77).build();
        long[] counts = new long[4];
        Generator.generate(settings, new GenerationSink() {
            @Override
            public void user(GeneratedUser user) {
                counts[0]++;
            }

            @Override
            public void challenge(GeneratedChallenge challenge) {
                counts[1]++;
            }

            @Override
            public void payment(GeneratedPayment payment) {
                counts[2]++;
            }

            @Override
            public void trade(GeneratedTrade trade) {
                counts[3]++;
            }
        });
        Map<String, Long> expected = new LinkedHashMap<>();
        expected.put("users", counts[0]);
        expected.put("challenges", counts[1]);
        expected.put("payments", counts[2]);
        expected.put("trades", counts[3]);
        return expected;
    }

    private static Map<String, Long> countsIn(DataSource dataSource) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        try (Connection connection = dataSource.getConnection(); Statement statement = connection.createStatement()) {
            for (String table : List.of("users", "challenges", "payments", "trades")) {
                try (ResultSet rs = statement.executeQuery("SELECT count(*) FROM " + table)) {
                    rs.next();
                    counts.put(table, rs.getLong(1));
                }
            }
        }
        return counts;
    }

    @Test
    void loadsIntoTheEmbeddedSqliteFileAndMigratesItFirst(@TempDir Path folder) throws SQLException {
        // given
        Path file = folder.resolve("generated.db");

        // when
        Outcome outcome = generate(with(SMALL, "--load"), List.of("--tradesense.database.sqlite-file=" + file));

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("Generated ").contains("25 challenges").contains("loaded into the database");
        org.sqlite.SQLiteDataSource sqlite = new org.sqlite.SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + file);
        assertThat(countsIn(sqlite)).isEqualTo(expectedCounts());
    }

    @Test
    void loadsIntoAnEmptyPostgresDatabaseGivenByUrl() throws SQLException {
        try (TestDatabase database = TestDatabases.empty(TestEngine.POSTGRESQL)) {
            // when
            Outcome outcome = generate(with(SMALL, "--load"), List.of("--spring.datasource.url=" + database.url(),
                    "--spring.datasource.username=" + database.username(),
                    "--spring.datasource.password=" + database.password()));

            // then
            assertThat(outcome.status()).as(outcome.err()).isZero();
            assertThat(countsIn(database.dataSource())).isEqualTo(expectedCounts());
        }
    }

    @Test
    void loadingTheSameSeedTwiceFailsWithoutAddingRows(@TempDir Path folder) throws SQLException {
        // given
        Path file = folder.resolve("twice.db");
        List<String> settings = List.of("--tradesense.database.sqlite-file=" + file);
        assertThat(generate(with(SMALL, "--load"), settings).status()).isZero();

        // when
        Outcome again = generate(with(SMALL, "--load"), settings);

        // then
        assertThat(again.status()).isEqualTo(ExitCodes.FAILED);
        assertThat(again.err()).contains("generate: failed").contains("UNIQUE");
        org.sqlite.SQLiteDataSource sqlite = new org.sqlite.SQLiteDataSource();
        sqlite.setUrl("jdbc:sqlite:" + file);
        assertThat(countsIn(sqlite)).isEqualTo(expectedCounts());
    }

    @Test
    void writesTableFilesAndExportsWithManifestsWithoutTouchingADatabase(@TempDir Path folder) throws IOException {
        // given
        Path out = folder.resolve("data");

        // when
        Outcome outcome = generate(with(SMALL, "--out=" + out), List.of());

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        Map<String, Long> expected = expectedCounts();
        for (Map.Entry<String, Long> table : expected.entrySet()) {
            try (Stream<String> lines = Files.lines(out.resolve("tables").resolve(table.getKey() + ".csv"))) {
                assertThat(lines.count()).as(table.getKey()).isEqualTo(table.getValue() + 1);
            }
        }
        try (Stream<Path> files = Files.walk(out.resolve("exports"))) {
            List<String> names = files.filter(Files::isRegularFile).map(p -> p.getFileName().toString()).toList();
            assertThat(names).contains("MT5-LIVE-1_2026-11-06.csv", "MT5-LIVE-1_2026-11-06.csv.expected.csv",
                    "CTRADER-EU_2026-11-07.csv", "MATCH-GENERIC_2026-11-07.csv.expected.csv");
        }
        assertThat(outcome.out()).contains(expected.get("trades") + " trades").contains("2026-11-06 to 2026-11-07");
    }

    @Test
    void withoutFirstDateThePeriodEndsWithTheLatestDayThatHasEnded(@TempDir Path folder) {
        // when: the clock says 2026-11-26 06:00Z, so 2026-11-25 is the latest ended day
        Outcome outcome = generate(List.of("--challenges=3", "--out=" + folder), List.of());

        // then
        assertThat(outcome.status()).as(outcome.err()).isZero();
        assertThat(outcome.out()).contains("for 2026-11-19 to 2026-11-25");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--challenges=0          | --challenges=0 must be between 1",
        "--challenges=many       | --challenges",
        "--days=0                | --days=0 must be between 1 and 3660",
        "--first-date=2026-02-30 | --first-date=2026-02-30 is not a valid date",
        "--trades-per-day=25     | --trades-per-day=25.0 must be between 0 and 20",
        "--discrepancy-rate=1.5  | --discrepancy-rate=1.5 must be between 0 and",
        "--discrepancy-rate=-0.1 | --discrepancy-rate=-0.1 must be between 0 and",
        "--seed=x                | --seed"})
    void badOptionValueExitsTwoNamingTheOption(String option, String message, @TempDir Path folder) {
        // when
        Outcome outcome = generate(List.of(option, "--out=" + folder), List.of());

        // then
        assertThat(outcome.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.err().strip()).doesNotContain("\n").contains(message);
        assertThat(folder).isEmptyDirectory();
    }

    @Test
    void neitherOutNorLoadIsRefused() {
        // when
        Outcome outcome = generate(List.of("--challenges=5"), List.of());

        // then
        assertThat(outcome.status()).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(outcome.err()).contains("--out DIR, --load or both");
    }
}
