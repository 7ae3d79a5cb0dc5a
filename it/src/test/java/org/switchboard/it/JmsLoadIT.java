package org.switchboard.it;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.net.URL;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.logging.Logger;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.container.test.api.RunAsClient;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.EnterpriseArchive;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * X-03 under load: concurrent setting changes each commit a database update and a JMS event in one XA transaction,
 * and a message-driven bean journals every event in another. Every count must come out exact: no change without its
 * event, no event twice, no event lost (the servers' default non-XA pools failed exactly this, RUNTIME-NOTES).
 */
@ExtendWith(ArquillianExtension.class)
@RunAsClient
class JmsLoadIT {

    private static final Logger LOG = Logger.getLogger(JmsLoadIT.class.getName());
    /** One writer per setting, so that optimistic locking never refuses a change. */
    private static final List<String> SETTINGS = List.of("IdentityServerClientId", "GoogleClientId",
            "IdentityServerUrl", "SiteUrl");
    private static final int CHANGES_PER_SETTING = Integer.getInteger("switchboard.test.load.changes", 150);

    @Deployment(testable = false)
    static EnterpriseArchive ear() {
        return Deployments.ear();
    }

    @ArquillianResource
    private URL base;

    @Test
    @DisplayName("X-03 concurrent changes: every change is committed with exactly one journaled event")
    void everyChangeHasExactlyOneEvent() throws Exception {
        ApiClient admin = ApiClient.asAdmin(base);
        long eventsBefore = journaled(admin);
        List<Integer> versionsBefore = SETTINGS.stream()
                .map(code -> admin.get("api/v1/settings/" + code).object().getInt("version")).toList();

        long start = System.nanoTime();
        ExecutorService writers = Executors.newFixedThreadPool(SETTINGS.size());
        List<Future<Integer>> done = new ArrayList<>();
        for (String code : SETTINGS) {
            done.add(writers.submit(() -> change(code)));
        }
        int committed = 0;
        for (Future<Integer> writer : done) {
            committed += writer.get();
        }
        writers.shutdown();
        double changeSeconds = (System.nanoTime() - start) / 1e9;
        long expected = eventsBefore + (long) SETTINGS.size() * CHANGES_PER_SETTING;
        await().atMost(ofSeconds(120)).pollInterval(ofMillis(500)).until(() -> journaled(admin) >= expected);
        double allSeconds = (System.nanoTime() - start) / 1e9;

        assertEquals(SETTINGS.size() * CHANGES_PER_SETTING, committed);
        for (int i = 0; i < SETTINGS.size(); i++) {
            JsonObject setting = admin.get("api/v1/settings/" + SETTINGS.get(i)).object();
            assertEquals(versionsBefore.get(i) + CHANGES_PER_SETTING, setting.getInt("version"), SETTINGS.get(i));
            assertEquals(value(SETTINGS.get(i), CHANGES_PER_SETTING - 1), setting.getString("value"));
        }
        assertEquals(expected, journaled(admin), "journaled SettingChanged events");
        assertEquals(expected, distinctEventIds(admin), "distinct event ids");
        LOG.info(String.format("[%s] %d setting changes in %.1f s (%.0f/s), all journaled after %.1f s",
                TestSettings.server(), committed, changeSeconds, committed / changeSeconds, allSeconds));
        SETTINGS.forEach(code -> admin.post("api/v1/settings/" + code + "/restore-default", null));
    }

    private int change(String code) {
        ApiClient admin = ApiClient.asAdmin(base);
        int version = admin.get("api/v1/settings/" + code).object().getInt("version");
        for (int i = 0; i < CHANGES_PER_SETTING; i++) {
            ApiResponse saved = admin.put("api/v1/settings/" + code, Json.createObjectBuilder()
                    .add("value", value(code, i)).add("version", version).build());
            assertEquals(200, saved.status(), saved::toString);
            version = saved.object().getInt("version");
        }
        return CHANGES_PER_SETTING;
    }

    private static String value(String code, int i) {
        return code.endsWith("Url") ? "https://load-" + i + ".example.com/" : "load-" + i;
    }

    private static long journaled(ApiClient admin) {
        return admin.get("api/v1/events?type=SettingChanged&max=1").object().getJsonNumber("total").longValue();
    }

    private static long distinctEventIds(ApiClient admin) {
        Set<String> ids = new HashSet<>();
        long total = journaled(admin);
        for (int first = 0; first < total; first += 500) {
            admin.get("api/v1/events?type=SettingChanged&max=500&first=" + first).object().getJsonArray("events")
                    .stream().map(JsonValue::asJsonObject).forEach(e -> ids.add(e.getString("eventId")));
        }
        return ids.size();
    }
}
