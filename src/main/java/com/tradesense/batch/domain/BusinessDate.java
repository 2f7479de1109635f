package com.tradesense.batch.domain;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A business day: the UTC interval [D 00:00:00Z, D+1 00:00:00Z). Every calendar day is one (crypto trades at
 * weekends). Always UTC, whatever zone the JVM or the database session runs in.
 */
public record BusinessDate(LocalDate date) implements Comparable<BusinessDate> {

    public BusinessDate {
        Objects.requireNonNull(date, "date");
    }

    public static BusinessDate of(LocalDate date) {
        return new BusinessDate(date);
    }

    public static BusinessDate of(int year, int month, int day) {
        return new BusinessDate(LocalDate.of(year, month, day));
    }

    /** Parses {@code YYYY-MM-DD}. */
    public static BusinessDate parse(String text) {
        return new BusinessDate(LocalDate.parse(text));
    }

    /** The business day an instant belongs to (its UTC date). */
    public static BusinessDate of(Instant instant) {
        return new BusinessDate(LocalDate.ofInstant(instant, ZoneOffset.UTC));
    }

    /** Every business date from {@code first} to {@code last}, both included; empty when last is before first. */
    public static List<BusinessDate> range(BusinessDate first, BusinessDate last) {
        List<BusinessDate> dates = new ArrayList<>();
        for (BusinessDate d = first; !d.isAfter(last); d = d.next()) {
            dates.add(d);
        }
        return dates;
    }

    /** D 00:00:00Z, included in the day. */
    public Instant start() {
        return date.atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    /** D+1 00:00:00Z, the first instant after the day. */
    public Instant end() {
        return date.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    }

    public boolean contains(Instant instant) {
        return !instant.isBefore(start()) && instant.isBefore(end());
    }

    /** Whether the day is over at {@code now}; a job refuses a date for which this is false. */
    public boolean hasEnded(Instant now) {
        return !now.isBefore(end());
    }

    public BusinessDate next() {
        return new BusinessDate(date.plusDays(1));
    }

    public BusinessDate previous() {
        return new BusinessDate(date.minusDays(1));
    }

    public BusinessDate plusDays(long days) {
        return new BusinessDate(date.plusDays(days));
    }

    public boolean isBefore(BusinessDate other) {
        return date.isBefore(other.date);
    }

    public boolean isAfter(BusinessDate other) {
        return date.isAfter(other.date);
    }

    @Override
    public int compareTo(BusinessDate other) {
        return date.compareTo(other.date);
    }

    /** {@code YYYY-MM-DD}. */
    @Override
    public String toString() {
        return date.toString();
    }
}
