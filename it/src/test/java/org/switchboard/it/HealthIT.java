package org.switchboard.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import jakarta.json.JsonObject;
import java.net.URL;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The deployed EAR is ready on the server under test: database and broker answer, the API is documented. */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class HealthIT {

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("Readiness answers 200 with the database and the broker UP")
    void readyWithDatabaseAndBroker() {
        ApiResponse response = ApiClient.anonymous(base).get("api/v1/health/ready");

        assertEquals(200, response.status(), response::toString);
        JsonObject checks = response.object().getJsonObject("checks");
        assertEquals("UP", checks.getString("database"), response::toString);
        assertEquals("UP", checks.getString("broker"), response::toString);
        assertTrue(response.object().getBoolean("up"), response::toString);
    }

    @Test
    @DisplayName("Readiness needs no login")
    void readyWithoutLogin() {
        ApiResponse response = ApiClient.anonymous(base).get("api/v1/health/ready");

        assertEquals(200, response.status(), response::toString);
        assertFalse(response.header("WWW-Authenticate").isPresent(), response::toString);
    }

    @Test
    @DisplayName("The OpenAPI document of the Switchboard API is served at /openapi")
    void openApiDocument() {
        ApiResponse response = ApiClient.anonymous(base).header("Accept", "*/*").get("/openapi");

        assertEquals(200, response.status(), response::toString);
        assertTrue(response.body().contains("Switchboard API"), response::toString);
    }
}
