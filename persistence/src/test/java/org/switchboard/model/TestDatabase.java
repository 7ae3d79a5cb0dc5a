package org.switchboard.model;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.flywaydb.core.Flyway;
import org.switchboard.model.common.SchemaPlaceholders;

/**
 * One empty database the persistence tests migrate and use: an H2 in-memory database in the
 * servers' default mode, or a database of an embedded PostgreSQL (production).
 */
final class TestDatabase {

    /** Held so that the level sticks: Flyway logs every migration at INFO, once per database. */
    private static final Logger FLYWAY_LOG = Logger.getLogger("org.flywaydb");

    static {
        FLYWAY_LOG.setLevel(Level.WARNING);
    }

    /** The database products the schema must be identical on. */
    enum Kind {
        H2("H2"), POSTGRESQL("PostgreSQL");

        private final String label;

        Kind(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    private final Kind kind;
    private final String url;
    private final String user;
    private final String password;

    private TestDatabase(Kind kind, String url, String user, String password) {
        this.kind = kind;
        this.url = url;
        this.user = user;
        this.password = password;
    }

    /** A private H2 in-memory database with the flags the servers' default data source uses. */
    static TestDatabase h2(String name) {
        String url = "jdbc:h2:mem:" + name + "-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1";
        return new TestDatabase(Kind.H2, url, "sa", "");
    }

    /** A new, empty database in the given embedded PostgreSQL server. */
    static TestDatabase postgresql(EmbeddedPostgres server, String name) {
        try (Connection connection = server.getPostgresDatabase().getConnection();
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        } catch (SQLException e) {
            throw new IllegalStateException("Cannot create PostgreSQL database " + name, e);
        }
        return new TestDatabase(Kind.POSTGRESQL, server.getJdbcUrl("postgres", name), "postgres", "");
    }

    Kind kind() {
        return kind;
    }

    Connection connect() throws SQLException {
        return DriverManager.getConnection(url, user, password);
    }

    /** Flyway over every migration of the persistence module, as the application runs it. */
    Flyway flyway() {
        return Flyway.configure()
                .dataSource(url, user, password)
                .locations("classpath:db/migration")
                .placeholders(SchemaPlaceholders.forProduct(kind == Kind.H2 ? "H2" : "PostgreSQL"))
                .load();
    }

    /** The JDBC settings of a RESOURCE_LOCAL persistence unit. */
    Map<String, Object> jpaProperties() {
        return Map.of(
                "jakarta.persistence.jdbc.driver", kind == Kind.H2 ? "org.h2.Driver" : "org.postgresql.Driver",
                "jakarta.persistence.jdbc.url", url,
                "jakarta.persistence.jdbc.user", user,
                "jakarta.persistence.jdbc.password", password);
    }

    /** The next value of a sequence; {@code nextval} runs on PostgreSQL and on H2 in PostgreSQL mode. */
    long nextValue(String sequence) throws SQLException {
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery("SELECT nextval('" + sequence + "')")) {
            result.next();
            return result.getLong(1);
        }
    }

    /** The value the sequence handed out last, read without taking one. */
    long lastValue(String sequence) throws SQLException {
        String sql = kind == Kind.H2
                ? "SELECT base_value - increment FROM information_schema.sequences WHERE sequence_name = '"
                        + sequence + "'"
                : "SELECT last_value FROM " + sequence;
        try (Connection connection = connect();
             Statement statement = connection.createStatement();
             ResultSet result = statement.executeQuery(sql)) {
            if (!result.next()) {
                throw new IllegalStateException(kind + ": no sequence " + sequence);
            }
            return result.getLong(1);
        }
    }

    /** Drops an H2 database; a PostgreSQL database goes with its server. */
    void close() throws SQLException {
        if (kind == Kind.H2) {
            try (Connection connection = connect(); Statement statement = connection.createStatement()) {
                statement.execute("SHUTDOWN");
            }
        }
    }

    @Override
    public String toString() {
        return kind.toString();
    }
}
