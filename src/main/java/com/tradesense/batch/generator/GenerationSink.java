package com.tradesense.batch.generator;

/**
 * Receives generated rows one at a time, parents before children: a user, then each of its challenges followed by
 * that challenge's payments and trades (trades in {@code sequence_number} order). Nothing is kept by the generator,
 * so a sink that does not collect keeps memory constant however much is generated.
 */
public interface GenerationSink {

    default void user(GeneratedUser user) {
    }

    default void challenge(GeneratedChallenge challenge) {
    }

    default void payment(GeneratedPayment payment) {
    }

    default void trade(GeneratedTrade trade) {
    }

    /** Called once after the last row. */
    default void finish() {
    }

    /** Forwards every row to each sink in turn. */
    static GenerationSink all(GenerationSink... sinks) {
        return new GenerationSink() {
            @Override
            public void user(GeneratedUser user) {
                for (GenerationSink sink : sinks) {
                    sink.user(user);
                }
            }

            @Override
            public void challenge(GeneratedChallenge challenge) {
                for (GenerationSink sink : sinks) {
                    sink.challenge(challenge);
                }
            }

            @Override
            public void payment(GeneratedPayment payment) {
                for (GenerationSink sink : sinks) {
                    sink.payment(payment);
                }
            }

            @Override
            public void trade(GeneratedTrade trade) {
                for (GenerationSink sink : sinks) {
                    sink.trade(trade);
                }
            }

            @Override
            public void finish() {
                for (GenerationSink sink : sinks) {
                    sink.finish();
                }
            }
        };
    }
}
