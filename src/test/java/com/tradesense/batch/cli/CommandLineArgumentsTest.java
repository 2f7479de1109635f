package com.tradesense.batch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Argument errors are decided before anything starts: exit status 2 and one line that names the problem. */
class CommandLineArgumentsTest {

    private static final Clock NOW = Clock.fixed(Instant.parse("2026-11-26T06:00:00Z"), ZoneOffset.UTC);

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        return TradeSenseCli.execute(args, NOW, new PrintWriter(out, true), new PrintWriter(err, true));
    }

    @Test
    void unknownJobAndImpossibleDateAreBothNamedOnOneLine() {
        // when
        int status = run("run", "nonsense", "--date=2026-13-45");

        // then
        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("unknown job 'nonsense'")
                .contains("--date=2026-13-45 is not a valid date")
                .contains("MonthOfYear");
    }

    @Test
    void dayThatDoesNotExistInTheMonthIsRejected() {
        assertThat(run("run", "daily-pnl", "--date=2026-02-30")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--date=2026-02-30 is not a valid date");
    }

    @Test
    void businessDateWhoseDayHasNotEndedIsRefused() {
        assertThat(run("run", "daily-pnl", "--date=2026-11-26")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("has not ended yet").contains("2026-11-25");
    }

    @Test
    void missingDateIsRequired() {
        assertThat(run("run", "daily-reset")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--date is required");
    }

    @Test
    void unknownOptionIsNamed() {
        assertThat(run("run", "daily-pnl", "--date=2026-11-20", "--colour=blue")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString().strip()).doesNotContain("\n").contains("--colour=blue");
    }

    @Test
    void jobParameterMustBeKeyValue() {
        assertThat(run("run", "trade-reconciliation", "--date=2026-11-20", "provider")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("job parameter 'provider' is not of the form key=value");
    }

    @Test
    void unknownCommandIsNamed() {
        assertThat(run("frobnicate")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("frobnicate");
    }

    @Test
    void malformedThroughDateForCatchUpIsRejected() {
        assertThat(run("catch-up", "--through=yesterday")).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("--through=yesterday is not a valid date");
    }

    @ParameterizedTest
    @ValueSource(strings = {"run", "nightly", "catch-up", "migrate", "jobs", "demo", "scheduler", "generate"})
    void everyCommandHasHelp(String command) {
        assertThat(run(command, "--help")).isEqualTo(ExitCodes.COMPLETED);
        assertThat(out.toString()).contains("Usage:").contains(command);
    }

    @Test
    void jobsListsEveryJobAndTheNextFireTimesWithTheirBusinessDates() {
        // when
        int status = run("jobs", "--folder=does-not-exist");

        // then: the built-in schedules are shown, the nightly fire of 27 Nov closes 26 Nov
        assertThat(status).isEqualTo(ExitCodes.COMPLETED);
        assertThat(out.toString())
                .contains("daily-pnl", "daily-reset", "challenge-expiry", "trade-reconciliation", "audit-report")
                .contains("next: 2026-11-27T00:15:00Z  business date 2026-11-26");
    }

    @Test
    void malformedScheduleFileNamesTheFileAndTheField(@TempDir Path folder) throws Exception {
        // given
        Files.writeString(folder.resolve("nightly.yml"), "job: nightly\ncron: \"0 99 0 * * ?\"\n");

        // when
        int status = run("jobs", "--folder=" + folder);

        // then
        assertThat(status).isEqualTo(ExitCodes.BAD_INPUT);
        assertThat(err.toString()).contains("nightly.yml").contains("field 'cron'");
    }
}
