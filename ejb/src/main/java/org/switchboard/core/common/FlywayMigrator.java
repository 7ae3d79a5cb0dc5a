package org.switchboard.core.common;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import java.sql.SQLException;
import java.util.Map;
import java.util.logging.Logger;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.output.MigrateResult;
import org.switchboard.model.common.SchemaPlaceholders;
import org.switchboard.model.security.User;

/**
 * Brings the schema up to date once, at deployment, before any other start-up bean runs: the single
 * migration point of the application. Runs outside a transaction because Flyway manages its own
 * connections' auto-commit, which WildFly refuses inside a managed transaction (and Payara, which starts a
 * transaction for a singleton's {@code @PostConstruct} unless the method itself says not to, refuses on PostgreSQL).
 */
@Startup
@Singleton
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class FlywayMigrator {

    private static final Logger LOG = Logger.getLogger(FlywayMigrator.class.getName());

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    @PostConstruct
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    void migrate() {
        long start = System.nanoTime();
        Map<String, String> placeholders;
        try {
            placeholders = SchemaPlaceholders.of(dataSource);
        } catch (SQLException e) {
            throw new IllegalStateException("The database cannot be reached to migrate its schema", e);
        }
        MigrateResult result = Flyway.configure(User.class.getClassLoader())
                .dataSource(dataSource)
                .locations("classpath:db/migration")
                .placeholders(placeholders)
                .load()
                .migrate();
        LOG.info(() -> String.format("Database schema at version %s (%d migration(s) applied) in %d ms",
                result.targetSchemaVersion == null ? result.initialSchemaVersion : result.targetSchemaVersion,
                result.migrationsExecuted, (System.nanoTime() - start) / 1_000_000));
    }
}
