package com.tradesense.batch.cli;

import java.util.Map;

/**
 * Adds identifying parameters a job's identity needs beyond the business date and the given key=value pairs,
 * computed before launch — e.g. the SHA-256 of the file a reconciliation reads, so that the same file is "already
 * complete" and a corrected one is a new run. Throws {@link UsageException} for parameters that cannot work.
 */
public interface JobParametersContributor {

    /** Whether this contributor is about the job. */
    boolean supports(String jobName);

    /** The extra identifying string parameters for this request. */
    Map<String, String> identifyingParameters(JobRequest request);
}
