package com.tradesense.batch.scheduling;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.ChunkListener;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.scope.context.ChunkContext;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Progress of a running job: items read so far against the items the last completed run of the same job read (the
 * best estimate of the total before the readers have counted), with rate and ETA. On a terminal it is a progress
 * bar; otherwise (a pipe, a log file, the scheduler) a log line every {@code tradesense.progress.log-every}.
 * {@code tradesense.progress}: auto (bar on a terminal, else log lines), bar, log, off.
 */
@Component
public class ProgressReporter implements JobExecutionListener, ChunkListener<Object, Object> {

    private static final Logger log = LoggerFactory.getLogger(ProgressReporter.class);

    private final JdbcTemplate jdbc;
    private final String mode;
    private final long logEveryNanos;
    private final Map<Long, Tracker> trackers = new ConcurrentHashMap<>();

    private final PartitionManagers managers;

    public ProgressReporter(DataSource dataSource, PartitionManagers managers, @Value("${tradesense.progress.mode:auto}") String mode,
                            @Value("${tradesense.progress.log-every:PT10S}") Duration logEvery) {
        this.jdbc = new JdbcTemplate(dataSource);
        this.managers = managers;
        this.mode = "auto".equals(mode) ? (System.console() != null ? "bar" : "log") : mode;
        this.logEveryNanos = logEvery.toNanos();
    }

    @Override
    public void beforeJob(JobExecution execution) {
        if ("off".equals(mode)) {
            return;
        }
        String job = execution.getJobInstance().getJobName();
        trackers.put(execution.getId(), new Tracker(job, estimate(job)));
    }

    @Override
    public void afterJob(JobExecution execution) {
        Tracker tracker = trackers.remove(execution.getId());
        if (tracker != null) {
            tracker.close();
        }
    }

    @Override
    public void afterChunk(ChunkContext context) {
        StepExecution step = context.getStepContext().getStepExecution();
        Tracker tracker = trackers.get(step.getJobExecutionId());
        if (tracker != null) {
            tracker.update(step);
        }
    }

    /**
     * Items read by the newest completed execution of the job; -1 when there is none. A partitioned step's manager
     * carries the sum of its workers, so it does not count.
     */
    private long estimate(String job) {
        try {
            Long total = jdbc.queryForObject("""
                    SELECT SUM(s.READ_COUNT) FROM BATCH_STEP_EXECUTION s
                    WHERE %s AND s.JOB_EXECUTION_ID = (
                        SELECT MAX(e.JOB_EXECUTION_ID) FROM BATCH_JOB_EXECUTION e
                        JOIN BATCH_JOB_INSTANCE i ON i.JOB_INSTANCE_ID = e.JOB_INSTANCE_ID
                        WHERE i.JOB_NAME = ? AND e.STATUS = 'COMPLETED')""".formatted(managers.notManager("s")),
                    Long.class, job);
            return total == null || total == 0 ? -1 : total;
        } catch (RuntimeException e) {
            return -1;
        }
    }

    private final class Tracker {

        private final String job;
        private final long total;
        private final long startNanos = System.nanoTime();
        private final Map<Long, Long> readByStep = new ConcurrentHashMap<>();
        private final AtomicLong done = new AtomicLong();
        private volatile long lastLogNanos = System.nanoTime();
        private volatile ProgressBar bar;

        Tracker(String job, long total) {
            this.job = job;
            this.total = total;
        }

        void update(StepExecution step) {
            long now = step.getReadCount();
            Long before = readByStep.put(step.getId(), now);
            long delta = now - (before == null ? 0 : before);
            if (delta <= 0) {
                return;
            }
            long items = done.addAndGet(delta);
            if ("bar".equals(mode)) {
                bar().stepTo(items);
            } else if (System.nanoTime() - lastLogNanos >= logEveryNanos) {
                lastLogNanos = System.nanoTime();
                double seconds = Math.max(1e-3, (lastLogNanos - startNanos) / 1e9);
                double rate = items / seconds;
                String eta = total > items && rate > 0 ? ", ETA " + Duration.ofSeconds((long) ((total - items) / rate)) : "";
                log.info("{}: {} items{} ({} items/s{})", job, items, total > 0 ? " of ~" + total : "",
                        Math.round(rate), eta);
            }
        }

        private synchronized ProgressBar bar() {
            if (bar == null) {
                bar = new ProgressBarBuilder().setTaskName(job).setInitialMax(total).setStyle(ProgressBarStyle.ASCII)
                        .showSpeed().setUnit(" items", 1).setUpdateIntervalMillis(250).build();
            }
            return bar;
        }

        synchronized void close() {
            if (bar != null) {
                bar.close();
            } else if ("log".equals(mode) && done.get() > 0) {
                log.info("{}: {} items in {}", job, done.get(),
                        Duration.ofNanos(System.nanoTime() - startNanos).withNanos(0));
            }
        }
    }
}
