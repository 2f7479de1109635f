package com.tradesense.batch.scheduling;

import com.tradesense.batch.nightly.CatchUpService;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.LocalDate;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * The dead-man alert: at the configured time (default 03:00 UTC) the nightly chain for the day that ended must have
 * completed. It alerts whether the chain failed, is still running or never started, since silence is the failure it
 * exists to catch.
 */
@Component
public class DeadManCheck {

    private final CatchUpService catchUp;
    private final OperatorAlerts alerts;
    private final MeterRegistry meters;

    public DeadManCheck(CatchUpService catchUp, OperatorAlerts alerts, MeterRegistry meters) {
        this.catchUp = catchUp;
        this.alerts = alerts;
        this.meters = meters;
    }

    /** @return true when nightly for the date has completed */
    public boolean check(LocalDate businessDate) {
        Optional<LocalDate> last = catchUp.lastCompleted();
        boolean done = last.isPresent() && !last.get().isBefore(businessDate);
        if (!done) {
            meters.counter("tradesense.nightly.deadman.missed").increment();
            alerts.raise("NIGHTLY_LATE", "nightly for " + businessDate + " has not completed",
                    "The nightly chain for " + businessDate + " had not completed by the dead-man time; the newest"
                            + " completed business date is " + last.map(LocalDate::toString).orElse("none") + ". See"
                            + " 'status' for what ran and what failed.");
        }
        return done;
    }
}
