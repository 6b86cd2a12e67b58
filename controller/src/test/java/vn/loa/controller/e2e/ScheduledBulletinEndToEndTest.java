package vn.loa.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Audio;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.Json;

/**
 * The foundation's promise, end to end over real TCP on loopback: upload an MP3 made by a real
 * encoder, schedule it a few seconds ahead, and have real agents on simulated hardware play it on
 * time, switch in the right order, and report it.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class ScheduledBulletinEndToEndTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private <T extends AutoCloseable> T keep(T t) {
        return running.keep(t);
    }

    record Fixture(TestController controller, ApiClient api, long provinceId, long communeA, long communeB) {
    }

    private Fixture controller(Path data) throws Exception {
        TestController controller = keep(TestController.start(data));
        ApiClient api = controller.admin();
        long province = api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")).json().get("id").asLong();
        long a = api.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE", "parentId", province)).json().get("id").asLong();
        long b = api.post("/api/v1/areas", Map.of("name", "Xã Hòa Lạc", "kind", "COMMUNE", "parentId", province)).json().get("id").asLong();
        return new Fixture(controller, api, province, a, b);
    }

    public record StationRef(long id, String secret, List<Long> zoneIds) {
    }

    static StationRef station(ApiClient api, String name, long areaId, int zones) {
        List<Map<String, Object>> z = new ArrayList<>();
        for (int i = 1; i <= zones; i++) {
            z.add(Map.of("name", "Thôn " + i));
        }
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("name", name, "areaId", areaId, "zones", z));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        List<Long> zoneIds = new ArrayList<>();
        r.json().get("zones").forEach(n -> zoneIds.add(n.get("id").asLong()));
        return new StationRef(r.json().get("id").asLong(), r.json().get("secret").asText(), zoneIds);
    }

    private long uploadMp3(ApiClient api, Path mp3) throws Exception {
        ApiClient.Response r = api.upload("/api/v1/bulletins", "Bản tin phòng chống bão", "bao.mp3", Files.readAllBytes(mp3));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("sha256").asText()).hasSize(64);
        assertThat(r.json().get("durationMs").asLong()).isBetween(3950L, 4050L);
        return r.json().get("id").asLong();
    }

    static long scheduleOnce(ApiClient api, long bulletinId, Instant at, String targetField, List<Long> ids) {
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("bulletinId", bulletinId).put("title", "Thử nghiệm").put("priority", "NORMAL");
        ObjectNode targets = body.putObject("targets");
        targets.putArray("stationIds");
        targets.putArray("areaIds");
        targets.putArray("zoneIds");
        ids.forEach(targets.withArray(targetField)::add);
        body.putObject("rule").put("type", "once").put("at", Json.local(at));
        ApiClient.Response r = api.post("/api/v1/schedules", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("nextRuns").get(0).asText()).isEqualTo(Json.local(at));
        return r.json().get("id").asLong();
    }

    static List<JsonNode> plays(ApiClient api, String query) {
        ApiClient.Response r = api.get("/api/v1/plays" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }

    @Test
    void bulletinPlaysOnTimeAtTwoStationsAndAnAreaAndIsReported() throws Exception {
        Fixture f = controller(dir.resolve("controller"));
        StationRef s1 = station(f.api(), "Đài xã Đội Cấn", f.communeA(), 2);
        StationRef s2 = station(f.api(), "Đài xã Đội Cấn 2", f.communeA(), 3);
        StationRef s3 = station(f.api(), "Đài xã Hòa Lạc", f.communeB(), 2);
        StationRef s4 = station(f.api(), "Đài xã Hòa Lạc 2", f.communeB(), 4);
        Map<Long, TestAgent> agents = new TreeMap<>();
        for (StationRef s : List.of(s1, s2, s3, s4)) {
            agents.put(s.id(), keep(TestAgent.start(f.controller().agentPort(), s.id(), s.secret(), dir)));
        }
        await().atMost(Duration.ofSeconds(20)).until(() -> agents.values().stream()
                .allMatch(a -> a.agent().isConnected() && a.agent().clock().isSynchronised()));
        assertThat(f.api().get("/api/v1/stations").json()).allSatisfy(s -> assertThat(s.get("online").asBoolean()).isTrue());

        Path mp3 = Audio.mp3(dir, "bao.mp3", 4.0);
        long bulletin = uploadMp3(f.api(), mp3);
        Instant at = Instant.now().plusSeconds(7).truncatedTo(ChronoUnit.SECONDS);
        long byStations = scheduleOnce(f.api(), bulletin, at, "stationIds", List.of(s1.id(), s2.id()));
        long byArea = scheduleOnce(f.api(), bulletin, at, "areaIds", List.of(f.communeB()));

        await().atMost(Duration.ofSeconds(40)).until(() -> plays(f.api(), "").size() >= 4);
        List<JsonNode> all = plays(f.api(), "");
        assertThat(all).hasSize(4);
        for (JsonNode p : all) {
            assertThat(p.get("outcome").asText()).isEqualTo("PLAYED");
            long planned = Instant.parse(p.get("plannedAt").asText()).toEpochMilli();
            long started = Instant.parse(p.get("startedAt").asText()).toEpochMilli();
            assertThat(planned).isEqualTo(at.toEpochMilli());
            assertThat(Math.abs(started - planned)).as("start offset of station %s", p.get("stationId")).isLessThan(100);
            assertThat(Instant.parse(p.get("endedAt").asText()).toEpochMilli() - started).isBetween(3900L, 4400L);
        }
        assertThat(plays(f.api(), "?scheduleId=" + byStations)).extracting(p -> p.get("stationId").asLong())
                .containsExactlyInAnyOrder(s1.id(), s2.id());
        assertThat(plays(f.api(), "?scheduleId=" + byArea)).extracting(p -> p.get("stationId").asLong())
                .containsExactlyInAnyOrder(s3.id(), s4.id());
        assertThat(plays(f.api(), "?stationId=" + s4.id()).get(0).get("zoneIds")).extracting(JsonNode::asLong)
                .containsExactlyElementsOf(s4.zoneIds());

        short[] reference = Audio.decodeWithFfmpeg(mp3, 24_000);
        for (StationRef s : List.of(s1, s2, s3, s4)) {
            TestAgent agent = agents.get(s.id());
            List<Path> wavs = agent.recordings();
            assertThat(wavs).as("recordings of station %d", s.id()).hasSize(1);
            Audio.Wav wav = Audio.readWav(wavs.get(0));
            assertThat(wav.sampleRate()).isEqualTo(24_000);
            assertThat(wav.durationMs()).isBetween(3970L, 4030L);
            assertThat(Audio.bestCorrelation(reference, wav.samples(), 400)).as("correlation with the original")
                    .isGreaterThan(0.9);
            await().atMost(Duration.ofSeconds(5)).until(() -> agent.events().stream().anyMatch(
                    e -> e.contains("\"amplifier\"") && e.contains("\"off\"")));
            assertSwitchingOrder(agent.events(), s.zoneIds());
        }
    }

    /** amplifier on → zones on → audio → zones off in reverse order → amplifier off. */
    static void assertSwitchingOrder(List<String> events, List<Long> zones) {
        List<String> sequence = events.stream().map(e -> {
            String device = field(e, "device");
            String state = field(e, "state");
            return "zone".equals(device) ? "zone" + field(e, "zoneId") + ":" + state : device + ":" + state;
        }).toList();
        List<String> expected = new ArrayList<>();
        expected.add("amplifier:on");
        zones.forEach(z -> expected.add("zone" + z + ":on"));
        expected.add("audio:start");
        expected.add("audio:stop");
        for (int i = zones.size() - 1; i >= 0; i--) {
            expected.add("zone" + zones.get(i) + ":off");
        }
        expected.add("amplifier:off");
        assertThat(sequence).containsExactlyElementsOf(expected);
        long ampOn = atMs(events.get(0));
        long zoneOn = atMs(events.get(1));
        assertThat(zoneOn - ampOn).as("warm-up between amplifier and zones").isGreaterThanOrEqualTo(290);
    }

    static String field(String json, String name) {
        try {
            JsonNode n = ApiClient.json().readTree(json).get(name);
            return n == null ? null : n.asText();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static long atMs(String json) {
        return Long.parseLong(field(json, "atMs"));
    }

    @Test
    void agentRestartedWhileControllerIsDownStillPlaysAndReportsOnceLater() throws Exception {
        Path data = dir.resolve("controller");
        Fixture f = controller(data);
        StationRef s = station(f.api(), "Đài xã Đội Cấn", f.communeA(), 2);
        TestAgent first = TestAgent.start(f.controller().agentPort(), s.id(), s.secret(), dir);
        await().atMost(Duration.ofSeconds(20)).until(() -> first.agent().isConnected() && first.agent().clock().isSynchronised());
        long bulletin = uploadMp3(f.api(), Audio.mp3(dir, "bao.mp3", 4.0));
        Instant at = Instant.now().plusSeconds(9).truncatedTo(ChronoUnit.SECONDS);
        long schedule = scheduleOnce(f.api(), bulletin, at, "stationIds", List.of(s.id()));
        await().atMost(Duration.ofSeconds(10)).until(() -> first.agent().plan().getItemsCount() == 1
                && Files.list(first.dataDir().resolve("cache")).anyMatch(p -> p.toString().endsWith(".lop")));

        int httpPort = f.controller().httpPort();
        int agentPort = f.controller().agentPort();
        running.remove(f.controller());
        f.controller().close();
        first.close();

        // the agent comes back while the controller is still down, and plays from its stored plan
        TestAgent second = keep(TestAgent.start(agentPort, s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> second.recordings().size() == 1 && second.agent().outboxPending() == 1);
        assertThat(second.agent().isConnected()).isFalse();

        // the controller comes back on the same ports; the stored report arrives exactly once
        TestController again = keep(TestController.start(data, httpPort, agentPort,
                vn.loa.controller.ControllerConfig.DEFAULT_MAX_UPLOAD_BYTES));
        ApiClient api = again.admin();
        await().atMost(Duration.ofSeconds(20)).until(() -> second.agent().isConnected() && second.agent().outboxPending() == 0);
        List<JsonNode> reported = plays(api, "?scheduleId=" + schedule);
        assertThat(reported).hasSize(1);
        assertThat(reported.get(0).get("outcome").asText()).isEqualTo("PLAYED");
        long started = Instant.parse(reported.get(0).get("startedAt").asText()).toEpochMilli();
        assertThat(Math.abs(started - at.toEpochMilli())).isLessThan(100);

        // a further reconnect does not count it twice
        second.close();
        running.remove(second);
        TestAgent third = keep(TestAgent.start(agentPort, s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> third.agent().isConnected());
        assertThat(plays(api, "?scheduleId=" + schedule)).hasSize(1);
        assertThat(third.recordings()).hasSize(1);
    }

    @Test
    void deletedScheduleDoesNotPlay() throws Exception {
        Fixture f = controller(dir.resolve("controller"));
        StationRef s = station(f.api(), "Đài xã Hòa Lạc", f.communeB(), 2);
        TestAgent agent = keep(TestAgent.start(f.controller().agentPort(), s.id(), s.secret(), dir));
        await().atMost(Duration.ofSeconds(20)).until(() -> agent.agent().isConnected() && agent.agent().clock().isSynchronised());
        long bulletin = uploadMp3(f.api(), Audio.mp3(dir, "bao.mp3", 4.0));
        Instant at = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        long schedule = scheduleOnce(f.api(), bulletin, at, "areaIds", List.of(f.provinceId()));
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.agent().plan().getItemsCount() == 1);

        assertThat(f.api().delete("/api/v1/schedules/" + schedule).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).until(() -> agent.agent().plan().getItemsCount() == 0);
        assertThat(f.api().delete("/api/v1/schedules/" + schedule).status()).isEqualTo(404);

        // until well past the planned instant: nothing played, nothing switched, nothing reported
        await().during(Duration.between(Instant.now(), at.plusSeconds(2))).atMost(Duration.ofSeconds(15))
                .pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
                    assertThat(agent.recordings()).isEmpty();
                    assertThat(agent.events()).isEmpty();
                    assertThat(plays(f.api(), "?scheduleId=" + schedule)).isEmpty();
                });
    }
}
