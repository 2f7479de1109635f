package com.tradesense.batch.scheduling;

import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.step.AbstractStep;
import org.springframework.batch.core.step.tasklet.TaskletStep;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Adds the operational listeners to every job and step bean, so the job configurations stay about their business:
 * graceful stop on SIGTERM, the logging context (job, business date, execution id), and progress.
 */
@Configuration(proxyBeanMethods = false)
public class JobInstrumentation {

    @Bean
    public static BeanPostProcessor jobListenerRegistrar(ObjectProvider<GracefulStop> gracefulStop,
                                                         ObjectProvider<ProgressReporter> progress) {
        JobLogContext logContext = new JobLogContext();
        return new BeanPostProcessor() {
            @Override
            public Object postProcessAfterInitialization(Object bean, String beanName) {
                if (bean instanceof AbstractJob job) {
                    job.registerJobExecutionListener(logContext);
                    job.registerJobExecutionListener(gracefulStop.getObject());
                    job.registerJobExecutionListener(progress.getObject());
                } else if (bean instanceof AbstractStep step) {
                    step.registerStepExecutionListener(logContext);
                    if (step instanceof TaskletStep tasklet) {
                        tasklet.registerChunkListener(progress.getObject());
                    }
                }
                return bean;
            }
        };
    }
}
