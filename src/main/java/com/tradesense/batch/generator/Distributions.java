package com.tradesense.batch.generator;

import java.util.SplittableRandom;

/**
 * Samplers built only on {@link SplittableRandom#nextDouble()} and {@link StrictMath}, so a seed yields the same
 * numbers on every JVM and platform (the JDK's own Gaussian sampler is allowed to change between releases).
 */
final class Distributions {

    private Distributions() {
    }

    static double gaussian(SplittableRandom random) {
        double u1 = 1.0 - random.nextDouble();
        double u2 = random.nextDouble();
        return StrictMath.sqrt(-2.0 * StrictMath.log(u1)) * StrictMath.cos(2.0 * StrictMath.PI * u2);
    }

    /** Student-t with {@code dof} degrees of freedom, rescaled to unit variance (dof > 2): fat tails, same spread. */
    static double studentT(SplittableRandom random, int dof) {
        double chiSquare = 0;
        for (int i = 0; i < dof; i++) {
            double g = gaussian(random);
            chiSquare += g * g;
        }
        double t = gaussian(random) / StrictMath.sqrt(chiSquare / dof);
        return t / StrictMath.sqrt(dof / (dof - 2.0));
    }

    static int poisson(SplittableRandom random, double mean) {
        if (mean <= 0) {
            return 0;
        }
        if (mean > 30) {
            return (int) Math.max(0, StrictMath.round(mean + StrictMath.sqrt(mean) * gaussian(random)));
        }
        double limit = StrictMath.exp(-mean);
        double product = random.nextDouble();
        int count = 0;
        while (product > limit) {
            product *= random.nextDouble();
            count++;
        }
        return count;
    }

    static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** Picks an index with the given relative weights. */
    static int weighted(SplittableRandom random, double... weights) {
        double total = 0;
        for (double weight : weights) {
            total += weight;
        }
        double r = random.nextDouble() * total;
        for (int i = 0; i < weights.length - 1; i++) {
            r -= weights[i];
            if (r < 0) {
                return i;
            }
        }
        return weights.length - 1;
    }
}
