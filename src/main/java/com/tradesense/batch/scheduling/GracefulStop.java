package com.tradesense.batch.scheduling;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.batch.core.BatchStatus;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * SIGTERM during a run: the application context closes, and this bean, stopped first, asks every running execution
 * of this process to stop at its next chunk boundary and waits until they have written STOPPED. Only then are the
 * scheduler, the pool and the database connections closed, so the execution stays restartable from the last commit.
 *
 * <p>The stop is a flag on the live objects only: {@code JobOperator.stop} from the same JVM releases the step scope
 * under the running step and can reset the reader's saved position, so it is not used.
 */
@Component
public class GracefulStop implements JobExecutionListener, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(GracefulStop.class);

    private final Set<JobExecution> running = ConcurrentHashMap.newKeySet();
    private final long waitMillis;
    private volatile boolean started;
    private volatile boolean stopping;

    public GracefulStop(@Value("${tradesense.shutdown.wait:PT5M}") java.time.Duration wait) {
        this.waitMillis = wait.toMillis();
    }

    @Override
    public void beforeJob(JobExecution execution) {
        running.add(execution);
        if (stopping) {
            requestStop(execution);
        }
    }

    @Override
    public void afterJob(JobExecution execution) {
        synchronized (running) {
            running.remove(execution);
            running.notifyAll();
        }
    }

    /** True once shutdown has begun: callers must not retry or start new work. */
    public boolean stopping() {
        return stopping;
    }

    @Override
    public void start() {
        started = true;
    }

    @Override
    public boolean isRunning() {
        return started;
    }

    @Override
    public int getPhase() {
        return Integer.MAX_VALUE;
    }

    @Override
    public void stop() {
        stopping = true;
        List<JobExecution> executions = new ArrayList<>(running);
        if (!executions.isEmpty()) {
            log.warn("Shutting down: stopping {} running execution(s) at the next chunk boundary", executions.size());
            executions.forEach(GracefulStop::requestStop);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(waitMillis);
            synchronized (running) {
                while (!running.isEmpty() && System.nanoTime() < deadline) {
                    running.forEach(GracefulStop::requestStop);
                    try {
                        running.wait(200);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                        break;
                    }
                }
            }
            if (!running.isEmpty()) {
                log.error("Shutting down: {} execution(s) did not stop in time; they will be recovered on the next run",
                        running.size());
            }
        }
        started = false;
    }

    private static void requestStop(JobExecution execution) {
        execution.setStatus(BatchStatus.STOPPING);
        List<StepExecution> steps;
        try {
            steps = new ArrayList<>(execution.getStepExecutions());
        } catch (RuntimeException concurrentlyChanging) {
            return; // asked again on the next round of stop()
        }
        for (StepExecution step : steps) {
            if (step.getStatus().isRunning()) {
                step.setTerminateOnly();
            }
        }
    }
}
