package org.switchboard.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.JoinTable;
import jakarta.persistence.ManyToMany;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.OneToMany;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Transient;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.flywaydb.core.api.MigrationInfo;
import org.flywaydb.core.api.MigrationState;
import org.flywaydb.core.api.output.MigrateResult;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.switchboard.model.TestDatabase.Kind;

/**
 * the Flyway migrations build the same schema, with the same seeded operations, role and system
 * settings, on H2 in the servers' default mode and on PostgreSQL.
 */
@DisplayName("X-01 X-02 Flyway migrations on H2 (PostgreSQL mode) and on PostgreSQL")
class MigrationsTest {

    /** The X-02 operation catalogue: code, title, sort order, exactly as V001 and V014 seed it. */
    private static final List<List<Object>> OPERATIONS = List.of(
            row("CanManageAdministration", "Access to the 'Administration' workplace", 10),
            row("CanManageChats", "Access to the 'Chat settings' section", 20),
            row("CanConnectSharedMailbox", "Access to shared mailbox connection", 30),
            row("CanManageSharedMailboxSync", "Shared mailbox sync setup", 40),
            row("CanActOnBehalfOfUsers", "Act on behalf of other users in inbound commands", 50));

    /** The X-02 system roles: id, version, name, description, system_role. */
    private static final List<List<Object>> ROLES = List.of(
            row(1, 0, "Administrators", "System administrators: every system operation.", true));

    /**
     * The X-01 system settings: id, version, code, name, setting_type, text_format, min_value, max_value,
     * max_length, accepted_files, default_value, sort_order.
     */
    private static final List<List<Object>> SETTINGS = List.of(
            row(1, 0, "SimultaneousChats", "Number of simultaneous chats",
                    "INTEGER", null, 1, 100, null, null, "5", 10),
            row(2, 0, "OmniChatOperatorAcceptChatTimeout", "Operator chat acceptance timeout (minutes)",
                    "INTEGER", null, 1, 1440, null, null, "5", 20),
            row(3, 0, "OmniChatNotificationSound", "New chat notification sound",
                    "FILE", null, null, null, null, "mp3,wav,ogg", "new-chat.wav", 30),
            row(4, 0, "SiteUrl", "Site URL",
                    "TEXT", "HTTPS_URL", null, null, 500, null, null, 40),
            row(5, 0, "MailboxSyncInterval", "Mailbox synchronization interval (minutes)",
                    "INTEGER", null, 1, 1440, null, null, "15", 50),
            row(6, 0, "IdentityServerUrl", "Identity server URL",
                    "TEXT", "URL", null, null, 500, null, null, 60),
            row(7, 0, "IdentityServerClientId", "Identity server client id",
                    "TEXT", null, null, null, 200, null, null, 70),
            row(8, 0, "IdentityServerClientSecret", "Identity server client secret",
                    "SECRET", null, null, null, 500, null, null, 80),
            row(9, 0, "GoogleClientId", "Google access key",
                    "TEXT", null, null, null, 200, null, null, 90),
            row(10, 0, "GoogleClientSecret", "Google secret key",
                    "SECRET", null, null, null, 500, null, null, 100),
            row(11, 0, "UseSharedGoogleApplication", "Use shared Google application",
                    "BOOLEAN", null, null, null, null, null, "false", 110),
            row(12, 0, "FacebookAppSecret", "Facebook app secret",
                    "SECRET", null, null, null, 500, null, null, 120),
            row(13, 0, "FacebookVerifyToken", "Facebook webhook verify token",
                    "SECRET", null, null, null, 200, null, null, 130));

    /** tables the migrations leave empty: users and grants come from the application. */
    private static final List<String> EMPTY_TABLES = List.of(
            "app_user", "app_user_role", "operation_grant", "setting_file", "event_journal", "mailbox_access");

    private static final String HISTORY_TABLE = "flyway_schema_history";

    private static EmbeddedPostgres postgres;
    private static final Map<Kind, TestDatabase> DATABASES = new EnumMap<>(Kind.class);
    private static final Map<Kind, MigrateResult> FIRST_RUN = new EnumMap<>(Kind.class);

    @BeforeAll
    static void migrate() throws IOException {
        postgres = EmbeddedPostgres.start();
        DATABASES.put(Kind.H2, TestDatabase.h2("migrations"));
        DATABASES.put(Kind.POSTGRESQL, TestDatabase.postgresql(postgres, "migrations"));
        DATABASES.forEach((kind, database) -> FIRST_RUN.put(kind, database.flyway().migrate()));
    }

    @AfterAll
    static void stop() throws IOException, SQLException {
        for (TestDatabase database : DATABASES.values()) {
            database.close();
        }
        if (postgres != null) {
            postgres.close();
        }
    }

    @Test
    @DisplayName("X-01 X-02 every migration on the classpath applies, the same ones on both databases")
    void appliesEveryMigration() {
        Map<Kind, List<String>> applied = new EnumMap<>(Kind.class);
        DATABASES.forEach((kind, database) -> {
            MigrationInfo[] all = database.flyway().info().all();
            assertTrue(all.length > 0, kind + ": no migration found in classpath:db/migration");
            for (MigrationInfo migration : all) {
                assertEquals(MigrationState.SUCCESS, migration.getState(),
                        kind + ": migration " + migration.getScript());
            }
            assertTrue(FIRST_RUN.get(kind).success, kind + ": migrate() did not succeed");
            assertEquals(all.length, FIRST_RUN.get(kind).migrationsExecuted, kind + ": migrations executed");
            applied.put(kind, Stream.of(all).map(m -> m.getVersion() + " " + m.getScript()).toList());
        });
        assertEquals(applied.get(Kind.H2), applied.get(Kind.POSTGRESQL), "migrations applied on H2 vs PostgreSQL");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("X-01 X-02 running migrate() a second time applies nothing")
    void secondMigrateAppliesNothing(Kind kind) {
        TestDatabase database = DATABASES.get(kind);
        MigrateResult again = database.flyway().migrate();
        assertTrue(again.success, kind + ": second migrate() did not succeed");
        assertEquals(0, again.migrationsExecuted, kind + ": migrations executed by the second migrate()");
        assertTrue(database.flyway().validateWithResult().validationSuccessful, kind + ": validate() after migrate()");
    }

    @Test
    @DisplayName("X-01 X-02 the same tables and columns, with the same broad types and nullability, on both")
    void sameTablesAndColumns() throws SQLException {
        String sql = "SELECT table_name, column_name, data_type, character_maximum_length, is_nullable"
                + " FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> ?";
        Map<Kind, Set<String>> columns = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            Set<String> found = new TreeSet<>();
            for (List<Object> column : query(kind, sql, HISTORY_TABLE)) {
                found.add(column.get(0) + "." + column.get(1) + " " + broadType(column.get(2), column.get(3))
                        + ("NO".equals(column.get(4)) ? " NOT NULL" : ""));
            }
            columns.put(kind, found);
        }
        assertFalse(columns.get(Kind.H2).isEmpty(), "H2: no table in schema public");
        assertSameSets("columns", columns);
    }

    @Test
    @DisplayName("X-01 X-02 the same named constraints, indexes and sequences on both")
    void sameConstraintsIndexesAndSequences() throws SQLException {
        String constraintsSql = "SELECT table_name, constraint_name, constraint_type"
                + " FROM information_schema.table_constraints WHERE table_schema = 'public' AND table_name <> ?";
        String sequencesSql = "SELECT sequence_name, start_value, increment"
                + " FROM information_schema.sequences WHERE sequence_schema = 'public'";
        Map<Kind, String> indexesSql = Map.of(
                Kind.H2, "SELECT table_name, index_name FROM information_schema.indexes"
                        + " WHERE table_schema = 'public' AND is_generated = FALSE AND table_name <> ?",
                Kind.POSTGRESQL, "SELECT tablename, indexname FROM pg_indexes WHERE schemaname = 'public'"
                        + " AND tablename <> ? AND indexname NOT IN (SELECT conname FROM pg_constraint)");
        Map<Kind, Set<String>> constraints = new EnumMap<>(Kind.class);
        Map<Kind, Set<String>> indexes = new EnumMap<>(Kind.class);
        Map<Kind, Set<String>> sequences = new EnumMap<>(Kind.class);
        for (Kind kind : Kind.values()) {
            constraints.put(kind, new TreeSet<>());
            for (List<Object> constraint : query(kind, constraintsSql, HISTORY_TABLE)) {
                // PostgreSQL lists NOT NULL as generated check constraints; nullability is compared per column.
                if (!constraint.get(1).toString().endsWith("_not_null")) {
                    constraints.get(kind).add(constraint.get(0) + " " + constraint.get(1) + " " + constraint.get(2));
                }
            }
            indexes.put(kind, new TreeSet<>());
            for (List<Object> index : query(kind, indexesSql.get(kind), HISTORY_TABLE)) {
                indexes.get(kind).add(index.get(0) + " " + index.get(1));
            }
            sequences.put(kind, new TreeSet<>());
            for (List<Object> sequence : query(kind, sequencesSql)) {
                sequences.get(kind).add(sequence.get(0) + " START WITH " + sequence.get(1)
                        + " INCREMENT BY " + sequence.get(2));
            }
        }
        assertSameSets("constraints", constraints);
        assertSameSets("indexes", indexes);
        assertSameSets("sequences", sequences);
        for (List<Object> sequence : query(Kind.POSTGRESQL, sequencesSql)) {
            // CONVENTIONS: EclipseLink and Hibernate take blocks of allocationSize 50 ending at the value they get.
            assertEquals("50", sequence.get(2).toString(), sequence.get(0) + ": INCREMENT BY (allocationSize)");
            assertTrue(Long.parseLong(sequence.get(1).toString()) >= 50,
                    sequence.get(0) + ": START WITH " + sequence.get(1) + " is below 50, the first block has ids < 1");
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("X-01 X-02 every table and column the entities map exists")
    void mappedTablesAndColumnsExist(Kind kind) throws SQLException {
        Set<String> columns = new TreeSet<>();
        for (List<Object> column : query(kind, "SELECT table_name, column_name FROM information_schema.columns"
                + " WHERE table_schema = 'public'")) {
            columns.add(column.get(0) + "." + column.get(1));
        }
        List<String> missing = new ArrayList<>();
        for (Class<?> entity : ModelClasses.entities()) {
            Table table = entity.getAnnotation(Table.class);
            assertNotNull(table, entity.getName() + " names no @Table");
            for (String column : mappedColumns(entity, table.name())) {
                if (!columns.contains(column)) {
                    missing.add(column + " (" + entity.getSimpleName() + ")");
                }
            }
        }
        assertEquals(List.of(), missing, kind + ": mapped columns missing from the migrated schema");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("X-02 the migrations seed exactly the four system operations")
    void seedsSystemOperations(Kind kind) throws SQLException {
        String sql = "SELECT code, title, sort_order FROM system_operation ORDER BY sort_order";
        assertEquals(OPERATIONS, query(kind, sql), kind + ": system_operation rows");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("X-02 the migrations seed exactly the system role Administrators")
    void seedsAdministratorsRole(Kind kind) throws SQLException {
        assertEquals(ROLES, query(kind, "SELECT id, version, name, description, system_role FROM app_role"
                + " ORDER BY id"), kind + ": app_role rows");
        assertEquals(List.of(row(1)), query(kind, "SELECT COUNT(*) FROM app_role WHERE created_at IS NOT NULL"),
                kind + ": Administrators.created_at is set");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("X-01 the migrations seed exactly the 11 system settings with their types and defaults")
    void seedsSystemSettings(Kind kind) throws SQLException {
        assertEquals(SETTINGS, query(kind, "SELECT id, version, code, name, setting_type, text_format, min_value,"
                + " max_value, max_length, accepted_files, default_value, sort_order FROM system_setting ORDER BY id"),
                kind + ": system_setting rows");
        assertEquals(List.of(row(0)), query(kind, "SELECT COUNT(*) FROM system_setting WHERE current_value IS NOT NULL"
                + " OR updated_at IS NOT NULL OR updated_by IS NOT NULL"),
                kind + ": settings with an administrator's value right after migration");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("MP-06 MP-12 the migrations seed Gmail, Yahoo, AOL, Zoho and Outlook / Microsoft 365 with their "
            + "domains; Gmail with its exact servers")
    void seedsMailProviders(Kind kind) throws SQLException {
        assertEquals(List.of(row("AOL", "IMAP", 1), row("GMail", "IMAP", 2),
                        row("Outlook / Microsoft 365", "EXCHANGE", 5), row("Yahoo", "IMAP", 3), row("Zoho", "IMAP", 2)),
                query(kind, "SELECT p.name, p.provider_type, COUNT(d.id) FROM mail_provider p"
                        + " JOIN mail_provider_domain d ON d.provider_id = p.id GROUP BY p.name, p.provider_type"
                        + " ORDER BY p.name"), kind + ": providers and their number of domains");
        assertEquals(List.of(row("imap.gmail.com", 993, "SSL_TLS", true, "smtp.gmail.com", 465, "SSL_TLS", "EMAIL",
                        "BASIC", "https://myaccount.google.com/apppasswords", "gmail.com,googlemail.com")),
                query(kind, "SELECT imap_host, imap_port, imap_security, smtp_enabled, smtp_host, smtp_port,"
                        + " smtp_security, login_format, authentication, app_password_url,"
                        + " (SELECT STRING_AGG(domain, ',' ORDER BY domain) FROM mail_provider_domain"
                        + " WHERE provider_id = p.id) FROM mail_provider p WHERE name = 'GMail'"), kind + ": GMail");
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("X-01 X-02 the migrations seed no users, grants, files or events")
    void seedsNothingElse(Kind kind) throws SQLException {
        for (String table : EMPTY_TABLES) {
            assertEquals(List.of(row(0)), query(kind, "SELECT COUNT(*) FROM " + table), kind + ": rows in " + table);
        }
    }

    @ParameterizedTest(name = "{0}")
    @EnumSource(Kind.class)
    @DisplayName("X-01 X-02 seeded ids lie outside the first id block each sequence hands out (allocationSize)")
    void seededIdsOutsideFirstSequenceBlock(Kind kind) throws SQLException {
        List<String> collisions = new ArrayList<>();
        for (Class<?> entity : ModelClasses.entities()) {
            SequenceGenerator generator = sequenceGenerator(entity);
            if (generator == null) {
                continue;
            }
            assertEquals(50, generator.allocationSize(), entity.getSimpleName() + " allocationSize (CONVENTIONS)");
            String table = entity.getAnnotation(Table.class).name();
            long first = DATABASES.get(kind).nextValue(generator.sequenceName());
            long low = first - generator.allocationSize() + 1;
            List<List<Object>> seeded = query(kind,
                    "SELECT id FROM " + table + " WHERE id BETWEEN ? AND ? ORDER BY id", low, first);
            if (!seeded.isEmpty()) {
                collisions.add(String.format("%s: seeded ids %s lie in the block %d..%d that the first nextval of %s"
                                + " (%d) gives with allocationSize %d, so a new %s collides with them",
                        table, seeded.stream().map(r -> r.get(0)).toList(), low, first, generator.sequenceName(),
                        first, generator.allocationSize(), entity.getSimpleName()));
            }
        }
        if (!collisions.isEmpty()) {
            fail(kind + ":\n" + String.join("\n", collisions));
        }
    }

    private static SequenceGenerator sequenceGenerator(Class<?> entity) {
        for (Field field : entity.getDeclaredFields()) {
            if (field.isAnnotationPresent(Id.class) && field.isAnnotationPresent(SequenceGenerator.class)) {
                return field.getAnnotation(SequenceGenerator.class);
            }
        }
        return entity.getAnnotation(SequenceGenerator.class);
    }

    /** The columns an entity's fields map, as {@code table.column}; the providers' defaults are not relied on. */
    private static List<String> mappedColumns(Class<?> entity, String table) {
        List<String> columns = new ArrayList<>();
        for (Field field : entity.getDeclaredFields()) {
            if (Modifier.isStatic(field.getModifiers()) || Modifier.isTransient(field.getModifiers())
                    || field.isAnnotationPresent(Transient.class)) {
                continue;
            }
            Column column = field.getAnnotation(Column.class);
            JoinColumn joinColumn = field.getAnnotation(JoinColumn.class);
            JoinTable joinTable = field.getAnnotation(JoinTable.class);
            CollectionTable collectionTable = field.getAnnotation(CollectionTable.class);
            if (collectionTable != null) {
                // An element collection: its key, value and join columns live in its own table.
                String own = collectionTable.name();
                Arrays.stream(collectionTable.joinColumns()).forEach(join -> columns.add(own + "." + join.name()));
                MapKeyColumn mapKey = field.getAnnotation(MapKeyColumn.class);
                if (mapKey != null) {
                    columns.add(own + "." + mapKey.name());
                }
                if (column != null) {
                    columns.add(own + "." + column.name());
                }
            } else if (column != null && !column.name().isEmpty()) {
                columns.add(table + "." + column.name());
            } else if (joinColumn != null) {
                columns.add(table + "." + joinColumn.name());
            } else if (joinTable != null) {
                Stream.concat(Arrays.stream(joinTable.joinColumns()), Arrays.stream(joinTable.inverseJoinColumns()))
                        .forEach(join -> columns.add(joinTable.name() + "." + join.name()));
            } else if (field.isAnnotationPresent(OneToMany.class) || field.isAnnotationPresent(ManyToMany.class)) {
                continue;
            } else {
                columns.add(table + "." + field.getName());
            }
        }
        return columns;
    }

    private static String broadType(Object dataType, Object maxLength) {
        String type = dataType.toString().toLowerCase();
        return switch (type) {
            case "binary varying", "binary large object", "bytea" -> "bytea";
            case "character varying" -> type + "(" + maxLength + ")";
            default -> type;
        };
    }

    private static void assertSameSets(String what, Map<Kind, Set<String>> found) {
        Set<String> onlyH2 = new TreeSet<>(found.get(Kind.H2));
        onlyH2.removeAll(found.get(Kind.POSTGRESQL));
        Set<String> onlyPostgresql = new TreeSet<>(found.get(Kind.POSTGRESQL));
        onlyPostgresql.removeAll(found.get(Kind.H2));
        assertTrue(onlyH2.isEmpty() && onlyPostgresql.isEmpty(),
                what + " differ\n only on H2: " + onlyH2 + "\n only on PostgreSQL: " + onlyPostgresql);
    }

    private static List<List<Object>> query(Kind kind, String sql, Object... parameters) throws SQLException {
        try (Connection connection = DATABASES.get(kind).connect();
             PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setObject(i + 1, parameters[i]);
            }
            try (ResultSet result = statement.executeQuery()) {
                ResultSetMetaData meta = result.getMetaData();
                List<List<Object>> rows = new ArrayList<>();
                while (result.next()) {
                    Object[] values = new Object[meta.getColumnCount()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = result.getObject(i + 1);
                    }
                    rows.add(row(values));
                }
                return rows;
            }
        }
    }

    /** A row with integral numbers as {@code long}, so the databases' and the expected rows compare equal. */
    private static List<Object> row(Object... values) {
        return Arrays.stream(values)
                .map(value -> value instanceof Number number ? (Object) number.longValue() : value)
                .collect(ArrayList::new, ArrayList::add, ArrayList::addAll);
    }
}
