package com.tradesense.batch.reports.workbook;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.Collections;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipFile;

/**
 * Copies a zip (an .xlsx is one) entry by entry, in the same order and with the same compressed bytes, giving every
 * entry one fixed modification time, so two runs of the same report give the same file. The compressed data is copied
 * raw, never inflated and deflated again: for a million-row sheet that would cost more than writing it.
 */
final class DeterministicZip {

    private DeterministicZip() {
    }

    static void copy(Path source, OutputStream target, LocalDateTime entryTime) throws IOException {
        // A zip stores a local date-time; the writer converts through the JVM's zone, so convert back through it.
        long time = entryTime.atZone(ZoneId.systemDefault()).toInstant().toEpochMilli();
        try (ZipFile zip = ZipFile.builder().setPath(source).get();
             ZipArchiveOutputStream out = new ZipArchiveOutputStream(new FilterOutputStream(target) {
                 @Override
                 public void write(byte[] b, int off, int len) throws IOException {
                     out.write(b, off, len);
                 }

                 @Override
                 public void close() throws IOException {
                     flush(); // the caller's stream stays open (the archive digests it)
                 }
             })) {
            for (ZipArchiveEntry entry : Collections.list(zip.getEntriesInPhysicalOrder())) {
                ZipArchiveEntry copy = new ZipArchiveEntry(entry.getName());
                copy.setMethod(entry.getMethod());
                copy.setCrc(entry.getCrc());
                copy.setSize(entry.getSize());
                copy.setCompressedSize(entry.getCompressedSize());
                copy.setTime(time);
                try (InputStream raw = zip.getRawInputStream(entry)) {
                    out.addRawArchiveEntry(copy, raw);
                }
            }
        }
    }
}
