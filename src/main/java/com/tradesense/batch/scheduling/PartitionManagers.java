package com.tradesense.batch.scheduling;

import java.util.Set;
import java.util.stream.Collectors;
import org.springframework.batch.core.partition.PartitionStep;
import org.springframework.batch.core.step.Step;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The names of the partitioned steps: their manager's step execution repeats the sum of its workers' counts
 * ({@code name.range:range-1-of-4}, ...), so item totals leave the managers out.
 */
@Component
public class PartitionManagers {

    private final ObjectProvider<Step> steps;
    private volatile Set<String> names;

    public PartitionManagers(ObjectProvider<Step> steps) {
        this.steps = steps;
    }

    public Set<String> names() {
        Set<String> known = names;
        if (known == null) {
            known = steps.stream().filter(PartitionStep.class::isInstance).map(Step::getName)
                    .collect(Collectors.toUnmodifiableSet());
            names = known;
        }
        return known;
    }

    /** A SQL condition on {@code alias.STEP_NAME} that is true for every step except a partition manager. */
    public String notManager(String alias) {
        if (names().isEmpty()) {
            return "1 = 1";
        }
        return alias + ".STEP_NAME NOT IN (" + names().stream().map(n -> "'" + n.replace("'", "''") + "'")
                .collect(Collectors.joining(", ")) + ")";
    }
}
