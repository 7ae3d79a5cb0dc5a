package org.switchboard.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * The module layering the architecture asks for, read from the compiled classes: feature packages of the EJB module
 * form no cycles (a feature with its sub-packages is one slice: {@code channel.telegram} is {@code channel}); the
 * application's core knows nothing of the UI or of HTTP; the entities know nothing of the layers above them.
 */
class ArchitectureTest {

    @Test
    @DisplayName("no cycle between the feature packages of org.switchboard.core")
    void featuresFormNoCycles() {
        slices().matching("org.switchboard.core.(*)..").namingSlices("core.$1").should().beFreeOfCycles()
                .check(CoreClasses.get());
    }

    @Test
    @DisplayName("core imports no JSF, JAX-RS, servlet, PrimeFaces or OmniFaces")
    void coreKnowsNoUiNorHttpApi() {
        noClasses().that().resideInAPackage("org.switchboard.core..").should().dependOnClassesThat()
                .resideInAnyPackage("jakarta.faces..", "jakarta.ws.rs..", "jakarta.servlet..", "org.primefaces..",
                        "org.omnifaces..")
                .because("web holds the screens and the HTTP API; core is called by them, never the other way")
                .check(CoreClasses.get());
    }

    @Test
    @DisplayName("model imports neither core nor web")
    void modelKnowsNoLayerAbove() {
        noClasses().that().resideInAPackage("org.switchboard.model..").should().dependOnClassesThat()
                .resideInAnyPackage("org.switchboard.core..", "org.switchboard.web..")
                .because("dependencies point one way: web -> ejb -> persistence")
                .check(CoreClasses.get());
    }
}
