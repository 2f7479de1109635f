package com.tradesense.batch.generator;

/**
 * A manual check that generation runs in constant memory, kept out of the automated suite for its size
 * (200,000 challenges over 7 days: 2.8 million trades in about 8 s, about 110 MB heap used):
 * {@code java -Xmx256m -cp <test and main classes, dependencies> com.tradesense.batch.generator.GeneratorMemoryCheck 200000 7}.
 */
public final class GeneratorMemoryCheck {

    private GeneratorMemoryCheck() {
    }

    public static void main(String[] args) {
        int challenges = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int days = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        long[] counts = new long[4];
        long started = System.nanoTime();
        Generator.generate(GeneratorSettings.builder().challenges(challenges).days(days).build(), new GenerationSink() {
            @Override
            public void user(GeneratedUser user) {
                counts[0]++;
            }

            @Override
            public void challenge(GeneratedChallenge challenge) {
                counts[1]++;
            }

            @Override
            public void payment(GeneratedPayment payment) {
                counts[2]++;
            }

            @Override
            public void trade(GeneratedTrade trade) {
                counts[3]++;
            }
        });
        Runtime runtime = Runtime.getRuntime();
        System.out.printf("users=%d challenges=%d payments=%d trades=%d in %.1f s, heap used %d MB of max %d MB%n",
                counts[0], counts[1], counts[2], counts[3], (System.nanoTime() - started) / 1e9,
                (runtime.totalMemory() - runtime.freeMemory()) >> 20, runtime.maxMemory() >> 20);
    }
}
