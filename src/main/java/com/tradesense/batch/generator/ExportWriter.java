package com.tradesense.batch.generator;

import com.tradesense.batch.provider.ProviderSettings;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * Provider export files of a generated data set. Because generation is deterministic, a single provider day can be
 * written on its own at any time and is byte for byte the file a full run writes.
 */
public final class ExportWriter {

    private final GeneratorSettings settings;

    public ExportWriter(GeneratorSettings settings) {
        this.settings = settings;
    }

    /**
     * Writes the export of {@code provider} for its day {@code providerDate} (with its
     * {@code .expected.csv} manifest) under {@code outDir/<provider code>/} and returns the export's path.
     */
    public Path write(ProviderSettings provider, LocalDate providerDate, Path outDir) {
        ExportSink sink = new ExportSink(settings, outDir,
                (p, date) -> p.code().equals(provider.code()) && date.equals(providerDate));
        Generator.generate(settings, sink);
        return ExportSink.exportFile(outDir, provider, providerDate);
    }

    /** Writes every provider day of the generated period and returns the export files in provider and date order. */
    public List<Path> writeAll(Path outDir) {
        ExportSink sink = new ExportSink(settings, outDir);
        Generator.generate(settings, sink);
        return sink.files();
    }
}
