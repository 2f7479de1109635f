package com.tradesense.batch.config;

import com.tradesense.batch.db.Dialect;
import com.tradesense.batch.db.SqliteDataSources;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.nio.file.Path;
import java.time.Duration;
import javax.sql.DataSource;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.util.StringUtils;

/**
 * Chooses the database: the configured {@code spring.datasource.url} (PostgreSQL or SQLite), or else the embedded
 * SQLite file {@code tradesense.database.sqlite-file}. SQLite connections always get our settings (WAL, immediate
 * transactions, foreign keys) whichever way they were configured.
 */
@Configuration(proxyBeanMethods = false)
public class DatabaseConfiguration {

    @Bean(destroyMethod = "close")
    public HikariDataSource dataSource(Environment environment,
                                       @Value("${tradesense.database.sqlite-file:./tradesense.db}") String sqliteFile) {
        String url = environment.getProperty("spring.datasource.url");
        if (!StringUtils.hasText(url)) {
            return SqliteDataSources.pooled(SqliteDataSources.url(Path.of(sqliteFile)), 4);
        }
        Dialect dialect = Dialect.fromUrl(url);
        if (dialect.engine() == Dialect.Engine.SQLITE) {
            return SqliteDataSources.pooled(url, 4);
        }
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("postgresql");
        hikari.setJdbcUrl(url);
        hikari.setUsername(environment.getProperty("spring.datasource.username"));
        hikari.setPassword(environment.getProperty("spring.datasource.password"));
        hikari.setMaximumPoolSize(environment.getProperty("tradesense.database.pool-size", Integer.class,
                Math.max(4, Runtime.getRuntime().availableProcessors() + 2)));
        // Courtesy towards the live platform: no statement of ours runs or waits on a lock for long.
        Duration statementTimeout = environment.getProperty("tradesense.database.statement-timeout", Duration.class,
                Duration.ofMinutes(10));
        Duration lockTimeout = environment.getProperty("tradesense.database.lock-timeout", Duration.class,
                Duration.ofSeconds(30));
        // Batches of INSERTs travel as multi-row statements: one round trip and one plan per batch.
        hikari.addDataSourceProperty("reWriteBatchedInserts", "true");
        // JIT compilation costs more than it saves on the short, indexed statements of the jobs.
        hikari.setConnectionInitSql("SET statement_timeout = " + statementTimeout.toMillis()
                + "; SET lock_timeout = " + lockTimeout.toMillis() + "; SET jit = off");
        // The health endpoint asks the pool for a connection: with the database gone it must answer DOWN within this
        // time rather than Hikari's default 30 s.
        hikari.setConnectionTimeout(environment.getProperty("tradesense.database.connection-timeout",
                java.time.Duration.class, java.time.Duration.ofSeconds(30)).toMillis());
        return new HikariDataSource(hikari);
    }

    @Bean
    public Dialect dialect(DataSource dataSource) {
        return Dialect.of(dataSource);
    }
}
