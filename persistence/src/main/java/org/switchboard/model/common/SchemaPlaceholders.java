package org.switchboard.model.common;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Locale;
import java.util.Map;
import javax.sql.DataSource;

/**
 * The Flyway placeholders of the migrations: the few column types that must differ between the databases. One set of
 * migrations runs on both, so a type that differs is written {@code ${name}} and filled in here.
 *
 * <ul>
 *   <li>{@code large_binary}: file contents that may be large (issue 18 item 7). PostgreSQL's {@code BYTEA} takes a
 *       stream on insert; H2's {@code BINARY VARYING} (what {@code BYTEA} means there) reads the whole stream into
 *       a value in the heap of the JVM it runs in, which for the embedded default is the server's, while H2's
 *       {@code BINARY LARGE OBJECT} (a BLOB, which H2's PostgreSQL mode knows only by that name) keeps it in its
 *       own storage a block at a time. Both read back as bytes to JPA.</li>
 * </ul>
 */
public final class SchemaPlaceholders {

    private SchemaPlaceholders() {
    }

    /** The placeholders for the database that {@code DatabaseMetaData.getDatabaseProductName()} names. */
    public static Map<String, String> forProduct(String productName) {
        boolean h2 = productName != null && productName.toUpperCase(Locale.ROOT).startsWith("H2");
        return Map.of("large_binary", h2 ? "BINARY LARGE OBJECT" : "BYTEA");
    }

    /** The placeholders for the database behind this data source. */
    public static Map<String, String> of(DataSource dataSource) throws SQLException {
        try (Connection connection = dataSource.getConnection()) {
            return forProduct(connection.getMetaData().getDatabaseProductName());
        }
    }
}
