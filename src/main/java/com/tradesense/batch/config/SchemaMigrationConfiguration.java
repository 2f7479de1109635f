package com.tradesense.batch.config;

import com.tradesense.batch.db.Migrations;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.InitializingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Configuration;

/**
 * Brings the schema up to date before any command uses the database (on by default, like Boot's own Flyway
 * integration). Goes through {@link Migrations} so that a database installed from a canonical schema file is
 * recognised instead of rejected as "not empty".
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "tradesense.database.migrate-on-start", havingValue = "true", matchIfMissing = true)
public class SchemaMigrationConfiguration implements InitializingBean {

    private static final Logger log = LoggerFactory.getLogger(SchemaMigrationConfiguration.class);

    private final DataSource dataSource;

    public SchemaMigrationConfiguration(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    @Override
    public void afterPropertiesSet() {
        Migrations.Result result = Migrations.migrate(dataSource);
        if (result.changedSomething()) {
            log.info("Schema migrated to version {} (applied {})", result.currentVersion(), result.appliedVersions());
        }
    }
}
