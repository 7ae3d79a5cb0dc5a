package org.switchboard.web.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HttpMethod;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;

/**
 * X-02, issue 18: every REST method that takes a request body declares the media types it takes ({@code @Consumes}
 * on the method or its class), so that a body of another type (a cross-site form's {@code text/plain} or
 * {@code application/x-www-form-urlencoded}) is refused with 415 before anything reads it. Scans the web module's
 * compiled resource classes by reflection: a new resource method without it fails here.
 */
class ResourceConsumesTest {

    /** The packages of annotations that make a parameter something other than the body. */
    private static final List<String> NON_ENTITY_PACKAGES = List.of("jakarta.ws.rs", "jakarta.ws.rs.core",
            "jakarta.ws.rs.container");

    @Test
    @DisplayName("X-02 issue 18: every resource method with a body declares @Consumes")
    void everyBodyTakingMethodDeclaresConsumes() throws Exception {
        List<Class<?>> resources = resourceClasses();
        List<String> missing = new ArrayList<>();
        int bodyMethods = 0;
        for (Class<?> resource : resources) {
            for (Method method : resource.getDeclaredMethods()) {
                boolean body = Arrays.stream(method.getParameters()).anyMatch(ResourceConsumesTest::entity);
                if (httpMethod(method) && body) {
                    bodyMethods++;
                    if (!method.isAnnotationPresent(Consumes.class) && !resource.isAnnotationPresent(Consumes.class)) {
                        missing.add(resource.getSimpleName() + "." + method.getName());
                    }
                }
            }
        }

        assertTrue(resources.size() >= 20, () -> "the scan found the resources: " + resources);
        assertTrue(bodyMethods >= 30, () -> "the scan found the methods with a body: " + resources);
        assertEquals(List.of(), missing, "methods that take a body without @Consumes");
    }

    /** Whether the method answers an HTTP method ({@code @GET}, {@code @POST}… are meta-annotated). */
    private static boolean httpMethod(Method method) {
        return Arrays.stream(method.getAnnotations())
                .anyMatch(annotation -> annotation.annotationType().isAnnotationPresent(HttpMethod.class));
    }

    /** A parameter that JAX-RS fills from the body: one without a parameter annotation of JAX-RS. */
    static boolean entity(Parameter parameter) {
        return Arrays.stream(parameter.getAnnotations()).map(Annotation::annotationType)
                .noneMatch(type -> NON_ENTITY_PACKAGES.contains(type.getPackageName()));
    }

    /** The classes of this module with {@code @Path}, from its compiled classes. */
    private static List<Class<?>> resourceClasses() throws IOException, URISyntaxException {
        Path root = Path.of(ApiApplication.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        List<Class<?>> resources = new ArrayList<>();
        try (Stream<Path> files = Files.walk(root)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".class")).toList()) {
                String name = root.relativize(file).toString().replace(file.getFileSystem().getSeparator(), ".");
                Class<?> type = load(name.substring(0, name.length() - ".class".length()));
                if (type.isAnnotationPresent(jakarta.ws.rs.Path.class)) {
                    resources.add(type);
                }
            }
        }
        return resources;
    }

    private static Class<?> load(String name) {
        try {
            return Class.forName(name, false, ResourceConsumesTest.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            throw new IllegalStateException(name, e);
        }
    }
}
