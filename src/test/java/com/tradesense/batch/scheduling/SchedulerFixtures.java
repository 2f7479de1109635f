package com.tradesense.batch.scheduling;

import com.tradesense.batch.testing.TestDatabase;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Spring settings and {@code jobs/} folders for scheduler tests. */
final class SchedulerFixtures {

    private SchedulerFixtures() {
    }

    /** The settings a scheduler needs to run against the test database with its own jobs and inbox folders. */
    static List<String> settings(TestDatabase database, Path folder, String... extra) throws IOException {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        Path inbox = Files.createDirectories(folder.resolve("inbox"));
        List<String> settings = new ArrayList<>();
        settings.add("--spring.datasource.url=" + database.url());
        if (!database.username().isEmpty()) {
            settings.add("--spring.datasource.username=" + database.username());
            settings.add("--spring.datasource.password=" + database.password());
        }
        settings.add("--tradesense.jobs-folder=" + jobs);
        settings.add("--tradesense.reconciliation.inbox=" + inbox);
        settings.add("--server.port=0");
        settings.addAll(List.of(extra));
        return settings;
    }

    /** Writes {@code jobs/<id>.yml}; every built-in schedule not overridden is disabled so only this test's fire. */
    static void schedule(Path folder, String id, String yaml) throws IOException {
        Path jobs = Files.createDirectories(folder.resolve("jobs"));
        Files.writeString(jobs.resolve(id + ".yml"), yaml);
        for (String builtIn : JobSchedules.load(null).keySet()) {
            Path file = jobs.resolve(builtIn + ".yml");
            if (!Files.exists(file)) {
                String job = builtIn.startsWith("trade-reconciliation") ? "trade-reconciliation" : builtIn;
                Files.writeString(file, "job: " + job + "\ncron: \"0 0 1 * * ?\"\nenabled: false\n");
            }
        }
    }
}
