package com.tradesense.batch.testing;

import com.tradesense.batch.cli.TradeSenseCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Runs the real command line in-process against a test database. */
public final class CliRunner {

    public record Outcome(int status, String out, String err) {
    }

    private final TestDatabase database;
    private final Clock clock;

    public CliRunner(TestDatabase database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    public Outcome run(String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.add("--spring.datasource.url=" + database.url());
        if (!database.username().isEmpty()) {
            all.add("--spring.datasource.username=" + database.username());
            all.add("--spring.datasource.password=" + database.password());
        }
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int status = TradeSenseCli.execute(all.toArray(String[]::new), clock, new PrintWriter(out, true),
                new PrintWriter(err, true));
        return new Outcome(status, out.toString(), err.toString());
    }
}
