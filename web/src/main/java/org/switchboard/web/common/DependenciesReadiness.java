package org.switchboard.web.common;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;
import org.switchboard.core.common.ReadinessCache;

/**
 * MicroProfile Health readiness of the database and the broker, for servers that register an EAR's checks (Payara's
 * {@code /health/ready}). WildFly does not (WFLY-12835): there {@code /api/v1/health/ready} answers the same.
 */
@Readiness
@ApplicationScoped
public class DependenciesReadiness implements HealthCheck {

    @Inject
    private ReadinessCache readiness;

    @Override
    public HealthCheckResponse call() {
        org.switchboard.core.common.Readiness result = readiness.current();
        HealthCheckResponseBuilder response = HealthCheckResponse.named("switchboard").status(result.up());
        result.checks().forEach(response::withData);
        return response.build();
    }
}
