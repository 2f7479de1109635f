package com.tradesense.batch.cli;

import java.time.LocalDate;
import java.util.Map;

/** A validated request to run one job for one business date. */
public record JobRequest(JobNames job, LocalDate businessDate, Map<String, String> parameters, boolean rerun,
                         boolean restart) {

    public JobRequest {
        parameters = Map.copyOf(parameters);
    }
}
