package vn.loa.controller.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import vn.loa.controller.web.Json;
import vn.loa.controller.web.TestWav;

/**
 * The demo's flows through the HTTP API with real agents on loopback, on whatever database the
 * controller was started on: areas, two stations, an operator's account, a bulletin uploaded, a daily
 * schedule and a one-off play six seconds ahead, played by both stations and recorded in the as-run log.
 * What came out is returned in a form that does not depend on ids or instants, so that two databases can
 * be compared.
 */
public final class DemoFlows {
    /** The bulletin as stored, and each as-run record as {@code station|outcome|zones|schedule|on time}, sorted. */
    public record Outcome(String bulletinSha256, long bulletinDurationMs, List<String> plays, long scheduleId,
            long bulletinId) {
    }

    private DemoFlows() {
    }

    public static Outcome run(TestController controller, Path agentsDir, Running running) {
        ApiClient api = controller.admin();
        long province = id(api.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")));
        long doiCan = id(api.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE", "parentId", province)));
        long hoaLac = id(api.post("/api/v1/areas", Map.of("name", "Xã Hòa Lạc", "kind", "COMMUNE", "parentId", province)));
        ObjectNode operator = ApiClient.json().createObjectNode().put("username", "can_bo_tinh")
                .put("password", "mật-khẩu-đủ-dài-2026").put("role", "OPERATOR").put("scopeAreaId", province);
        id(api.post("/api/v1/accounts", operator));

        List<JsonNode> stations = List.of(station(api, "Đài xã Đội Cấn", doiCan, 2), station(api, "Đài xã Hòa Lạc", hoaLac, 3));
        List<TestAgent> agents = new ArrayList<>();
        for (JsonNode s : stations) {
            agents.add(running.keep(TestAgent.start(controller.agentPort(), s.get("id").asLong(), s.get("secret").asText(),
                    agentsDir)));
        }
        await().atMost(Duration.ofSeconds(30)).until(() -> agents.stream()
                .allMatch(a -> a.agent().isConnected() && a.agent().clock().isSynchronised()));

        ApiClient.Response upload = api.upload("/api/v1/bulletins", "Bản tin phòng chống bão", "bao.wav",
                TestWav.tone(24_000, 3.0));
        assertThat(upload.status()).as(upload.body()).isEqualTo(201);
        long bulletin = upload.json().get("id").asLong();

        ObjectNode daily = schedule(bulletin, "Bản tin hằng ngày", province);
        daily.putObject("rule").put("type", "daily").put("from", LocalDate.now().plusDays(1).toString())
                .put("until", LocalDate.now().plusDays(30).toString()).putArray("times").add("05:30").add("17:00");
        id(api.post("/api/v1/schedules", daily));
        Instant at = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode once = schedule(bulletin, "Phát ngay", province);
        once.putObject("rule").put("type", "once").put("at", Json.local(at));
        long onceId = id(api.post("/api/v1/schedules", once));

        await().atMost(Duration.ofSeconds(40)).until(() -> api.get("/api/v1/plays").json().size() >= 2);
        List<String> plays = new ArrayList<>();
        for (JsonNode p : api.get("/api/v1/plays").json()) {
            String station = stations.stream().filter(s -> s.get("id").asLong() == p.get("stationId").asLong())
                    .map(s -> s.get("name").asText()).findFirst().orElse("?");
            boolean onTime = p.hasNonNull("startedAt") && Math.abs(Instant.parse(p.get("startedAt").asText()).toEpochMilli()
                    - at.toEpochMilli()) < 150;
            plays.add(station + "|" + p.get("outcome").asText() + "|" + p.get("zoneIds").size() + " zones|schedule "
                    + (p.get("scheduleId").asLong() == onceId ? "once" : p.get("scheduleId").asText()) + "|"
                    + (onTime ? "on time" : "late"));
        }
        plays.sort(null);
        JsonNode b = api.get("/api/v1/bulletins/" + bulletin).json();
        return new Outcome(b.get("sha256").asText(), b.get("durationMs").asLong(), plays, onceId, bulletin);
    }

    /** What the flows above give on any database. */
    public static void assertAsExpected(Outcome o) {
        assertThat(o.plays()).containsExactly("Đài xã Hòa Lạc|PLAYED|3 zones|schedule once|on time",
                "Đài xã Đội Cấn|PLAYED|2 zones|schedule once|on time");
        assertThat(o.bulletinDurationMs()).isEqualTo(3_000);
        assertThat(o.bulletinSha256()).hasSize(64);
    }

    private static ObjectNode schedule(long bulletin, String title, long area) {
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("bulletinId", bulletin).put("title", title).put("priority", "NORMAL");
        ObjectNode targets = body.putObject("targets");
        targets.putArray("stationIds");
        targets.putArray("areaIds").add(area);
        targets.putArray("zoneIds");
        return body;
    }

    private static JsonNode station(ApiClient api, String name, long area, int zones) {
        List<Map<String, Object>> z = new ArrayList<>();
        for (int i = 1; i <= zones; i++) {
            z.add(Map.of("name", "Thôn " + i));
        }
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("name", name, "areaId", area, "zones", z));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private static long id(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
