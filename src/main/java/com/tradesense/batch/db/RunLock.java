package com.tradesense.batch.db;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Decides whether a run of a job for a date is in progress: the running process holds a lock that the operating
 * system or the database server releases when the process dies, so a run killed with SIGKILL never blocks the next
 * one (CONTRACT §4). On PostgreSQL it is a session advisory lock on a dedicated connection; on SQLite an exclusive
 * lock on a file beside the database.
 */
public interface RunLock extends AutoCloseable {

    /** Releases the lock. */
    @Override
    void close();

    /**
     * Tries to take the lock named {@code name} without waiting.
     *
     * @return the held lock, or empty when another process (or this one) holds it
     */
    static Optional<RunLock> tryAcquire(DataSource dataSource, Dialect dialect, String sqliteFile, String name) {
        return switch (dialect.engine()) {
            case POSTGRESQL -> AdvisoryLock.tryAcquire(dataSource, name);
            case SQLITE -> FileRunLock.tryAcquire(Path.of(sqliteFile).toAbsolutePath(), name);
        };
    }

    /** A stable 64-bit key for the name, the same in every JVM. */
    static long key(String name) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(name.getBytes(StandardCharsets.UTF_8));
            long key = 0;
            for (int i = 0; i < 8; i++) {
                key = (key << 8) | (hash[i] & 0xff);
            }
            return key;
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    final class AdvisoryLock implements RunLock {

        private final Connection connection;
        private final long key;

        private AdvisoryLock(Connection connection, long key) {
            this.connection = connection;
            this.key = key;
        }

        static Optional<RunLock> tryAcquire(DataSource dataSource, String name) {
            long key = key(name);
            Connection connection = null;
            try {
                connection = dataSource.getConnection();
                connection.setAutoCommit(true);
                try (PreparedStatement ps = connection.prepareStatement("SELECT pg_try_advisory_lock(?)")) {
                    ps.setLong(1, key);
                    try (ResultSet rs = ps.executeQuery()) {
                        rs.next();
                        if (rs.getBoolean(1)) {
                            return Optional.of(new AdvisoryLock(connection, key));
                        }
                    }
                }
                connection.close();
                return Optional.empty();
            } catch (SQLException e) {
                closeQuietly(connection);
                throw new IllegalStateException("Cannot take the run lock '" + name + "': " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try (PreparedStatement ps = connection.prepareStatement("SELECT pg_advisory_unlock(?)")) {
                ps.setLong(1, key);
                ps.execute();
            } catch (SQLException ignored) {
                // the session ends below, which releases the lock anyway
            } finally {
                closeQuietly(connection);
            }
        }

        private static void closeQuietly(Connection connection) {
            if (connection != null) {
                try {
                    connection.close();
                } catch (SQLException ignored) {
                    // nothing more to release
                }
            }
        }
    }

    final class FileRunLock implements RunLock {

        private final FileChannel channel;
        private final FileLock lock;

        private FileRunLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static Optional<RunLock> tryAcquire(Path databaseFile, String name) {
            Path lockFile = databaseFile.resolveSibling(databaseFile.getFileName() + ".locks")
                    .resolve(name.replaceAll("[^A-Za-z0-9._-]", "_") + ".lock");
            FileChannel channel = null;
            try {
                Files.createDirectories(lockFile.getParent());
                channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                FileLock lock = channel.tryLock();
                if (lock == null) {
                    channel.close();
                    return Optional.empty();
                }
                return Optional.of(new FileRunLock(channel, lock));
            } catch (OverlappingFileLockException e) {
                closeQuietly(channel);
                return Optional.empty();
            } catch (IOException e) {
                closeQuietly(channel);
                throw new IllegalStateException("Cannot take the run lock file " + lockFile + ": " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                lock.release();
            } catch (IOException ignored) {
                // closing the channel releases it as well
            } finally {
                closeQuietly(channel);
            }
        }

        private static void closeQuietly(FileChannel channel) {
            if (channel != null) {
                try {
                    channel.close();
                } catch (IOException ignored) {
                    // nothing more to release
                }
            }
        }
    }
}
