package vn.loa.controller.alarm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.controller.health.Fixtures;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.hardware.SensorReadings;

/**
 * Fault inputs flipped on a simulated station raise alarms within seconds; alarms latch until a
 * technician acknowledges them, clear when the condition ends, and keep their history; the console
 * hears it all live, and Prometheus sees it.
 */
@Tag("e2e")
@Timeout(90)
class AlarmLifecycleTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T t) {
        return running.keep(t);
    }

    @Test
    void faultInputsRaiseLatchAcknowledgeAndClearWithHistory() throws Exception {
        TestController controller = keep(TestController.start(dir.resolve("controller")));
        ApiClient api = controller.admin();
        EventStream events = keep(new EventStream(controller.httpPort(), api.token()));
        EventStream anonymous = keep(new EventStream(controller.httpPort(), null));
        long commune = Fixtures.commune(api, "Xã Hòa Lạc");
        Fixtures.StationRef s = Fixtures.station(api, "Đài xã Hòa Lạc", commune, 2);
        TestAgent station = keep(TestAgent.start(controller.agentPort(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> station.agent().isConnected()
                && station.agent().clock().isSynchronised());
        await().atMost(Duration.ofSeconds(5)).until(() -> events.lines().stream()
                .anyMatch(l -> l.startsWith("data:") && l.contains("\"online\":true")));
        assertThat(anonymous.status()).isEqualTo(401);

        // the amplifier's fault input: an alarm within seconds, not at the next 10 s heartbeat
        Instant flipped = Instant.now();
        station.devices().sensors().set(new SensorReadings(true, true, false));
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
                .until(() -> !Fixtures.alarms(api, s.id(), "ACTIVE", "AMPLIFIER_FAULT").isEmpty());
        JsonNode fault = Fixtures.alarms(api, s.id(), "ACTIVE", "AMPLIFIER_FAULT").get(0);
        assertThat(Duration.between(flipped, Instant.parse(fault.get("raisedAt").asText())))
                .isLessThan(Duration.ofSeconds(5));
        assertThat(fault.get("title").asText()).isEqualTo("Lỗi bộ khuếch đại / Amplifier fault");
        long faultId = fault.get("id").asLong();
        await().atMost(Duration.ofSeconds(5)).until(() -> events.lines().stream()
                .anyMatch(l -> l.contains("\"kind\":\"AMPLIFIER_FAULT\"") && l.contains("\"event\":\"RAISED\"")));
        String metrics = api.get("/metrics").body();
        assertThat(metrics).contains("loa_stations_online 1")
                .contains("loa_alarms_open{kind=\"AMPLIFIER_FAULT\",state=\"ACTIVE\"} 1")
                .contains("loa_alarms_raised_total{kind=\"AMPLIFIER_FAULT\"} 1")
                .contains("loa_station_link_rtt_seconds{station=\"" + s.id() + "\"}");

        // the fault goes away: the alarm stays latched until someone has seen it
        station.devices().sensors().set(SensorReadings.NOMINAL);
        await().atMost(Duration.ofSeconds(30)).until(() -> !alarm(api, faultId).get("conditionActive").asBoolean());
        assertThat(alarm(api, faultId).get("state").asText()).isEqualTo("ACTIVE");
        assertThat(alarm(api, faultId).get("conditionEndedAt").isNull()).isFalse();

        ApiClient.Response ack = api.post("/api/v1/alarms/" + faultId + "/ack", Map.of("note", "đã kiểm tra tại chỗ"));
        assertThat(ack.status()).as(ack.body()).isEqualTo(200);
        assertThat(ack.json().get("state").asText()).isEqualTo("CLEARED");
        assertThat(ack.json().get("acknowledgedBy").asText()).isEqualTo("admin");
        assertThat(ack.json().get("ackNote").asText()).isEqualTo("đã kiểm tra tại chỗ");
        assertThat(events(api, faultId)).containsExactly("RAISED", "RETURNED", "ACKNOWLEDGED", "CLEARED");

        // acknowledged while the condition holds, cleared when it ends
        station.devices().sensors().set(new SensorReadings(false, false, true));
        await().atMost(Duration.ofSeconds(30)).until(() -> !Fixtures.alarms(api, s.id(), "ACTIVE", "DOOR_OPEN").isEmpty()
                && !Fixtures.alarms(api, s.id(), "ACTIVE", "MAINS_LOST").isEmpty());
        long doorId = Fixtures.alarms(api, s.id(), "ACTIVE", "DOOR_OPEN").get(0).get("id").asLong();
        assertThat(api.post("/api/v1/alarms/" + doorId + "/ack", "").json().get("state").asText())
                .isEqualTo("ACKNOWLEDGED");
        assertThat(Fixtures.alarms(api, s.id(), "ACKNOWLEDGED", null)).extracting(a -> a.get("id").asLong())
                .containsExactly(doorId);
        station.devices().sensors().set(new SensorReadings(false, false, false));
        await().atMost(Duration.ofSeconds(30)).until(() -> alarm(api, doorId).get("state").asText().equals("CLEARED"));
        assertThat(events(api, doorId)).containsExactly("RAISED", "ACKNOWLEDGED", "RETURNED", "CLEARED");
        assertThat(Fixtures.alarms(api, s.id(), "ACTIVE", "MAINS_LOST")).hasSize(1);

        // a second acknowledgement changes nothing; an unknown alarm is a 404
        assertThat(api.post("/api/v1/alarms/" + faultId + "/ack", "").json().get("state").asText()).isEqualTo("CLEARED");
        assertThat(events(api, faultId)).hasSize(4);
        assertThat(api.post("/api/v1/alarms/999999/ack", "").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/alarms?state=BOGUS").status()).isEqualTo(400);

        // the health history saw the fault
        ApiClient.Response health = api.get("/api/v1/stations/" + s.id() + "/health");
        assertThat(health.status()).as(health.body()).isEqualTo(200);
        assertThat(health.json().get("resolution").asText()).isEqualTo("raw");
        List<JsonNode> samples = new ArrayList<>();
        health.json().get("samples").forEach(samples::add);
        assertThat(samples).anySatisfy(x -> assertThat(x.get("amplifierFault").asBoolean()).isTrue());
        assertThat(samples).allSatisfy(x -> {
            assertThat(x.get("agentVersion").asText()).isNotEmpty();
            assertThat(x.get("diskTotalBytes").asLong()).isPositive();
        });
        assertThat(metrics(api)).contains("loa_alarms_open{kind=\"AMPLIFIER_FAULT\",state=\"ACTIVE\"} 0");
    }

    private static String metrics(ApiClient api) {
        return api.get("/metrics").body();
    }

    private static JsonNode alarm(ApiClient api, long id) {
        ApiClient.Response r = api.get("/api/v1/alarms/" + id);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        return r.json();
    }

    private static List<String> events(ApiClient api, long id) {
        List<String> out = new ArrayList<>();
        alarm(api, id).get("history").forEach(e -> out.add(e.get("event").asText()));
        return out;
    }
}
