package com.tradesense.batch.generator;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * Writes one CSV file per table ({@code users.csv}, {@code challenges.csv}, {@code payments.csv},
 * {@code trades.csv}) with the contract's column names as header. A missing value is an empty unquoted field and
 * no present value is empty, so the files load unchanged with
 * {@code COPY trades FROM 'trades.csv' WITH (FORMAT csv, HEADER true)}.
 */
public final class CsvTableSink implements GenerationSink, AutoCloseable {

    static final CSVFormat FORMAT = CSVFormat.RFC4180.builder().setRecordSeparator('\n').setNullString("").get();

    private final Map<Table, CSVPrinter> printers = new EnumMap<>(Table.class);
    private boolean closed;

    public CsvTableSink(Path directory) {
        try {
            Files.createDirectories(directory);
            for (Table table : Table.values()) {
                CSVPrinter printer = new CSVPrinter(
                        Files.newBufferedWriter(directory.resolve(table.fileName()), StandardCharsets.UTF_8), FORMAT);
                printer.printRecord(table.columns());
                printers.put(table, printer);
            }
        } catch (IOException e) {
            close();
            throw new UncheckedIOException("Cannot create the table files in " + directory, e);
        }
    }

    @Override
    public void user(GeneratedUser user) {
        print(Table.USERS, Table.values(user));
    }

    @Override
    public void challenge(GeneratedChallenge challenge) {
        print(Table.CHALLENGES, Table.values(challenge));
    }

    @Override
    public void payment(GeneratedPayment payment) {
        print(Table.PAYMENTS, Table.values(payment));
    }

    @Override
    public void trade(GeneratedTrade trade) {
        print(Table.TRADES, Table.values(trade));
    }

    @Override
    public void finish() {
        close();
    }

    private void print(Table table, Object[] values) {
        try {
            printers.get(table).printRecord((Object[]) Table.text(values));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write " + table.fileName(), e);
        }
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        IOException failure = null;
        for (CSVPrinter printer : printers.values()) {
            try {
                printer.close(true);
            } catch (IOException e) {
                failure = e;
            }
        }
        if (failure != null) {
            throw new UncheckedIOException("Cannot close the table files", failure);
        }
    }
}
