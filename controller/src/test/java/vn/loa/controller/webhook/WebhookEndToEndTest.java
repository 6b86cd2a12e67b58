package vn.loa.controller.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.alarm.AlarmKey;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.exchange.FakeUpstream;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.playlog.PlayRepository;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.v1.PlayReport;

/**
 * Webhooks on a real controller: a subscriber gets, signed and once each, the events it chose (a station offline,
 * the alarm raised, a failed play) and nothing it did not choose; a subscription naming an unknown event is refused.
 */
@Tag("e2e")
@Timeout(90)
class WebhookEndToEndTest {
    private static final String SECRET = "webhook-shared-secret-2026";

    @TempDir
    Path dir;
    private TestController controller;
    private FakeUpstream receiver;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        if (receiver != null) {
            receiver.close();
        }
    }

    @Test
    void aSubscriberGetsTheEventsItChoseSignedAndOnce() throws Exception {
        receiver = new FakeUpstream(SECRET);
        controller = TestController.start(dir, SecurityConfig.off().withRelayAllow(List.of("127.0.0.1")));
        ApiClient admin = controller.admin();
        ApiClient.Response bad = admin.post("/api/v1/webhooks", Map.of("url", receiver.url(), "secret", SECRET,
                "events", List.of("ALARM_RAISED", "SOMETHING")));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("NOT_ONE_OF").contains("SOMETHING");
        ApiClient.Response sub = admin.post("/api/v1/webhooks", Map.of("url", receiver.url(), "secret", SECRET,
                "events", List.of("STATION_OFFLINE", "PLAY_FAILED")));
        assertThat(sub.status()).as(sub.body()).isEqualTo(201);
        assertThat(sub.body()).doesNotContain(SECRET);

        controller.controller().alarms().assess(5, Set.of(AlarmKind.STATION_OFFLINE),
                Map.of(AlarmKey.of(AlarmKind.STATION_OFFLINE), "no heartbeat for 90 s"));
        PlayRepository plays = new PlayRepository(new Jdbc(controller.controller().database()));
        long now = System.currentTimeMillis();
        plays.store(5, PlayReport.newBuilder().setReportId("failed-1").setItemId("i").setPlannedAtMs(now)
                .setOutcome(PlayReport.Outcome.FAILED).setReason("MEDIA_MISSING").build());
        plays.store(5, PlayReport.newBuilder().setReportId("played-1").setItemId("i").setPlannedAtMs(now)
                .setStartedAtMs(now).setEndedAtMs(now + 1000).setOutcome(PlayReport.Outcome.PLAYED).build());

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(receiver.accepted()).hasSize(2));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(receiver.accepted()).hasSize(2));
        Map<String, JsonNode> byEvent = new java.util.HashMap<>();
        for (FakeUpstream.Received r : receiver.accepted()) {
            JsonNode m = ApiClient.json().readTree(r.body());
            assertThat(m.get("schema").asText()).isEqualTo(WebhookPublisher.SCHEMA);
            assertThat(m.get("key").asText()).isEqualTo(r.key());
            assertThat(receiver.deliveries(r.key())).isEqualTo(1);
            byEvent.put(m.get("event").asText(), m);
        }
        assertThat(byEvent).containsOnlyKeys("STATION_OFFLINE", "PLAY_FAILED");
        assertThat(byEvent.get("STATION_OFFLINE").at("/record/data/stationId").asLong()).isEqualTo(5);
        assertThat(byEvent.get("STATION_OFFLINE").at("/record/data/textVi").asText()).isEqualTo("Đài mất kết nối");
        assertThat(byEvent.get("PLAY_FAILED").at("/record/data/reason").asText()).isEqualTo("MEDIA_MISSING");
        assertThat(admin.get("/api/v1/webhooks").json().get(0).get("delivered").asLong()).isEqualTo(2);

        long id = sub.json().get("id").asLong();
        assertThat(admin.delete("/api/v1/webhooks/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/webhooks").json()).isEmpty();
    }
}
