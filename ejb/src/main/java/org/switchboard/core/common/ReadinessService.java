package org.switchboard.core.common;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.jms.ConnectionFactory;
import jakarta.jms.JMSContext;
import java.sql.Connection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.logging.Level;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * Checks that the database and the message broker answer. Kept as a plain service so that both the
 * MicroProfile Health readiness check (Payara) and a REST resource (both servers: WildFly does not
 * register an EAR's own health checks, WFLY-12835) expose the same logic.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ReadinessService {

    private static final Logger LOG = Logger.getLogger(ReadinessService.class.getName());
    private static final int VALIDATION_TIMEOUT_SECONDS = 3;

    @Resource(lookup = "java:comp/DefaultDataSource")
    private DataSource dataSource;

    @Resource(lookup = "java:comp/DefaultJMSConnectionFactory")
    private ConnectionFactory connectionFactory;

    public Readiness check() {
        Map<String, String> checks = new LinkedHashMap<>();
        checks.put("database", database());
        checks.put("broker", broker());
        boolean up = checks.values().stream().allMatch("UP"::equals);
        return new Readiness(up, checks);
    }

    private String database() {
        try (Connection connection = dataSource.getConnection()) {
            return connection.isValid(VALIDATION_TIMEOUT_SECONDS) ? "UP" : "DOWN: connection not valid";
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Readiness: database unavailable", e);
            return "DOWN: " + e.getClass().getSimpleName();
        }
    }

    private String broker() {
        try (JMSContext context = connectionFactory.createContext()) {
            context.createProducer();
            return "UP";
        } catch (Exception e) {
            LOG.log(Level.WARNING, "Readiness: broker unavailable", e);
            return "DOWN: " + e.getClass().getSimpleName();
        }
    }
}
