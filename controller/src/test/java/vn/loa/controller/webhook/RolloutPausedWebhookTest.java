package vn.loa.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.exchange.FakeUpstream;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.ApiFixtures;

/**
 * ROLLOUT_PAUSED on a real controller: an admin pauses a rollout and a subscriber of that event gets it once, signed,
 * through the outbox, with the rollout, its release's version and who paused it; a subscriber of other events does not.
 */
@Tag("e2e")
@Timeout(90)
class RolloutPausedWebhookTest {
    private static final String SECRET = "webhook-shared-secret-2026";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void aPausedRolloutReachesItsSubscribersOnce() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller"),
                SecurityConfig.off().withRelayAllow(List.of("127.0.0.1"))));
        ApiClient admin = controller.admin();
        try (FakeUpstream receiver = new FakeUpstream(SECRET); FakeUpstream other = new FakeUpstream(SECRET)) {
            assertThat(admin.post("/api/v1/webhooks", Map.of("url", receiver.url(), "secret", SECRET,
                    "events", List.of("ROLLOUT_PAUSED"))).status()).as("subscribed").isEqualTo(201);
            assertThat(admin.post("/api/v1/webhooks", Map.of("url", other.url(), "secret", SECRET,
                    "events", List.of("PLAY_FAILED"))).status()).isEqualTo(201);
            assertThat(admin.post("/api/v1/accounts", Map.of("username", "admin.hai", "password", "mat-khau-rat-dai",
                    "role", "ADMIN")).status()).isEqualTo(201);
            ApiClient second = new ApiClient(controller.httpPort()).login("admin.hai", "mat-khau-rat-dai");
            long commune = ApiFixtures.area(admin, "Xã Kiên Mộc", "COMMUNE", ApiFixtures.province(admin));
            ApiFixtures.StationRef station = ApiFixtures.station(admin, "Đài Kiên Mộc", commune, 1);

            ApiClient.Response up = admin.send(admin.builder("/api/v1/releases?version=2.0.0-b")
                    .header("Content-Type", "application/java-archive")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Files.readAllBytes(jar()))));
            assertThat(up.status()).as(up.body()).isEqualTo(201);
            long release = up.json().get("id").asLong();
            assertThat(second.post("/api/v1/releases/" + release + "/approve", Map.of()).status()).isEqualTo(200);
            ApiClient.Response r = admin.post("/api/v1/rollouts", Map.of("releaseId", release, "stationIds",
                    List.of(station.id()), "canary", 1, "percents", List.of(100), "maxFailureShare", 0.0,
                    "trialLimitSeconds", 60, "stationTimeoutMinutes", 5));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            long rollout = r.json().get("id").asLong();
            assertThat(admin.post("/api/v1/rollouts/" + rollout + "/pause", Map.of()).status()).isEqualTo(200);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.accepted()).hasSize(1));
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                assertThat(receiver.accepted()).hasSize(1);
                assertThat(other.accepted()).isEmpty();
            });
            FakeUpstream.Received got = receiver.accepted().get(0);
            JsonNode m = ApiClient.json().readTree(got.body());
            assertThat(m.get("schema").asText()).isEqualTo(WebhookPublisher.SCHEMA);
            assertThat(m.get("event").asText()).isEqualTo("ROLLOUT_PAUSED");
            assertThat(m.get("key").asText()).isEqualTo(got.key()).startsWith("ROLLOUT_PAUSED:rollout:" + rollout + ":");
            assertThat(m.at("/rollout/rolloutId").asLong()).isEqualTo(rollout);
            assertThat(m.at("/rollout/version").asText()).isEqualTo("2.0.0-b");
            assertThat(m.at("/rollout/byItself").asBoolean()).isFalse();
            assertThat(m.at("/rollout/detail").asText()).contains("admin");
            assertThat(receiver.deliveries(got.key())).isEqualTo(1);
        }
    }

    /** A manifest-only jar (the release's content does not matter here: no station takes it). */
    private Path jar() throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "vn.loa.agent.cli.AgentCommand");
        Path file = dir.resolve("b.jar");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return file;
    }
}
