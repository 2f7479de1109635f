package com.tradesense.batch.reconciliation;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RepeatedIdsTest {

    @Test
    void everyRepeatedIdIsASuspectAndFewNewOnesAre() {
        // given
        RepeatedIds repeated = RepeatedIds.forFileOfSize(100_000_000);
        Set<String> twice = new HashSet<>();

        // when: a million ids, one in a thousand repeated further on
        for (int i = 0; i < 1_000_000; i++) {
            repeated.add(Integer.toString(10_000_000 + i));
            if (i % 1000 == 7) {
                repeated.add(Integer.toString(10_000_000 + i / 2));
                twice.add(Integer.toString(10_000_000 + i / 2));
            }
        }

        // then
        assertThat(repeated.overflowed()).isFalse();
        assertThat(repeated.suspects()).containsAll(twice);
        assertThat(repeated.suspects()).hasSizeLessThan(twice.size() + 100);
    }

    @Test
    void aFilterTooSmallForTheFileStillMissesNoRepeatAndOverflowsRatherThanGrow() {
        // given: the smallest filter and a short list
        RepeatedIds small = new RepeatedIds(0, 50_000);
        RepeatedIds tiny = new RepeatedIds(0, 10);

        // when
        for (int i = 0; i < 1_000_000; i++) {
            small.add("T" + i);
            tiny.add("T" + i);
        }
        small.add("T42");

        // then
        assertThat(small.overflowed()).isFalse();
        assertThat(small.suspects()).contains("T42");
        assertThat(tiny.overflowed()).isTrue();
        assertThat(tiny.suspects()).isEmpty();
    }
}
