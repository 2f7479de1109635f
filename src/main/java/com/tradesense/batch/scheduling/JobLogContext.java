package com.tradesense.batch.scheduling;

import com.tradesense.batch.cli.JobLauncherService;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.Deque;
import org.slf4j.MDC;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.listener.StepExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.ExitStatus;

/**
 * Puts the job name, business date and execution id into the logging context (MDC) of the thread running a job or a
 * step (partition workers run on their own threads), so every log line says which run it belongs to. A job started
 * from inside another (a nightly stage) restores the outer job's values when it ends.
 */
public class JobLogContext implements JobExecutionListener, StepExecutionListener {

    private static final String[] KEYS = {"job", "businessDate", "executionId"};
    private final ThreadLocal<Deque<String[]>> outer = ThreadLocal.withInitial(ArrayDeque::new);

    @Override
    public void beforeJob(JobExecution execution) {
        String[] saved = new String[KEYS.length];
        for (int i = 0; i < KEYS.length; i++) {
            saved[i] = MDC.get(KEYS[i]);
        }
        outer.get().push(saved);
        apply(execution);
    }

    @Override
    public void afterJob(JobExecution execution) {
        String[] saved = outer.get().poll();
        for (int i = 0; i < KEYS.length; i++) {
            put(KEYS[i], saved == null ? null : saved[i]);
        }
    }

    @Override
    public void beforeStep(StepExecution stepExecution) {
        apply(stepExecution.getJobExecution());
    }

    @Override
    public ExitStatus afterStep(StepExecution stepExecution) {
        return null;
    }

    private static void apply(JobExecution execution) {
        MDC.put("job", execution.getJobInstance().getJobName());
        LocalDate date = execution.getJobParameters().getLocalDate(JobLauncherService.BUSINESS_DATE);
        put("businessDate", date == null ? null : date.toString());
        MDC.put("executionId", String.valueOf(execution.getId()));
    }

    private static void put(String key, String value) {
        if (value == null || value.isEmpty()) {
            MDC.remove(key);
        } else {
            MDC.put(key, value);
        }
    }
}
