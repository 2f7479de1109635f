package com.tradesense.batch.generator;

/** The entry point that commands, tests and benchmarks call; no command-line or Spring dependency. */
public final class Generator {

    private Generator() {
    }

    /** Generates the data set the settings describe into {@code sink}, then finishes the sink. */
    public static void generate(GeneratorSettings settings, GenerationSink sink) {
        new DataGenerator(settings).generate(sink);
    }
}
