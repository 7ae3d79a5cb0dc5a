package org.switchboard.core;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import jakarta.persistence.Entity;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The application's compiled classes (the EJB module's and the persistence module's), imported once per test run for
 * the tests that read the code itself: the architecture rules, and which events and adapters exist.
 */
public final class CoreClasses {

    private static JavaClasses imported;
    private static List<Class<?>> entities;

    private CoreClasses() {
    }

    /** Every {@code @Entity} of the application, by name: a test's persistence unit lists them. */
    public static synchronized List<Class<?>> entities() {
        if (entities == null) {
            List<Class<?>> found = new ArrayList<>();
            for (JavaClass type : get()) {
                if (type.isAnnotatedWith(Entity.class)) {
                    found.add(type.reflect());
                }
            }
            found.sort(Comparator.comparing(Class::getName));
            entities = List.copyOf(found);
        }
        return entities;
    }

    public static synchronized JavaClasses get() {
        if (imported == null) {
            imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.switchboard.core", "org.switchboard.model");
        }
        return imported;
    }
}
