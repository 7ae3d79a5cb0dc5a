package org.switchboard.model;

import jakarta.persistence.Entity;
import jakarta.persistence.LockModeType;
import jakarta.persistence.NamedQuery;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.switchboard.model.security.Role;

/**
 * Finds the entities of the persistence module and their named queries by reflection, so that an entity or a
 * query added later is covered by the portability tests without editing them.
 */
final class ModelClasses {

    private static final String MODEL_PACKAGE = "org/switchboard/model/";

    /** A {@code @NamedQuery} with the entity that declares it. */
    record DeclaredQuery(Class<?> entity, NamedQuery query) {

        String name() {
            return query.name();
        }

        boolean isBulkChange() {
            String jpql = query.query().strip().toUpperCase();
            return jpql.startsWith("UPDATE") || jpql.startsWith("DELETE");
        }

        /** A bulk change, or a query that locks what it reads: both run only inside a transaction. */
        boolean needsTransaction() {
            return isBulkChange() || query.lockMode() != LockModeType.NONE;
        }
    }

    private ModelClasses() {
    }

    /** Every {@code @Entity} class under org.switchboard.model in the module's main output, sorted by name. */
    static List<Class<?>> entities() {
        Path root;
        try {
            root = Path.of(Role.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        List<Class<?>> entities = new ArrayList<>();
        try {
            if (Files.isDirectory(root)) {
                collect(root, entities);
            } else {
                try (FileSystem jar = FileSystems.newFileSystem(root)) {
                    collect(jar.getPath("/"), entities);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        entities.sort(Comparator.comparing(Class::getName));
        return entities;
    }

    /** Every {@code @NamedQuery} on the entities, repeated or in {@code @NamedQueries}. */
    static List<DeclaredQuery> namedQueries() {
        return entities().stream()
                .flatMap(entity -> Stream.of(entity.getAnnotationsByType(NamedQuery.class))
                        .map(query -> new DeclaredQuery(entity, query)))
                .toList();
    }

    private static void collect(Path root, List<Class<?>> entities) throws IOException {
        Path packageRoot = root.resolve(MODEL_PACKAGE);
        if (!Files.isDirectory(packageRoot)) {
            return;
        }
        try (Stream<Path> files = Files.walk(packageRoot)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String relative = root.relativize(file).toString().replace('\\', '/');
                String className = relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
                Class<?> type = load(className);
                if (type.isAnnotationPresent(Entity.class)) {
                    entities.add(type);
                }
            }
        }
    }

    private static Class<?> load(String className) {
        try {
            return Class.forName(className, false, ModelClasses.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(e);
        }
    }
}
