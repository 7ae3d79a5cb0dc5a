package org.switchboard.core;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The application's compiled classes (the EJB module's and the persistence module's), imported once per test run for
 * the tests that read the code itself: the architecture rules, and which events and adapters exist.
 */
public final class CoreClasses {

    private static JavaClasses imported;

    private CoreClasses() {
    }

    public static synchronized JavaClasses get() {
        if (imported == null) {
            imported = new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                    .importPackages("org.switchboard.core", "org.switchboard.model");
        }
        return imported;
    }
}
