package vn.loa.controller.quiet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.ApiFixtures;
import vn.loa.controller.web.TestWav;
import vn.loa.protocol.quiet.QuietHours;

/**
 * Quiet hours through the API with a real agent: a rule added lists the schedule it now holds back, goes to
 * the station in its plan, and the station (which needs no link for it) records that play SKIPPED with
 * reason QUIET_HOURS in the as-run log; a new schedule in quiet hours is refused with the rule's name,
 * one of priority PRIORITY passes (the rule lets it through); deleting the rule takes it out of the plan.
 */
@Tag("e2e")
@Timeout(120)
class QuietHoursEndToEndTest {
    private static final ZoneOffset VN = ZoneOffset.ofHours(7);

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private static ObjectNode once(Instant at) {
        return ApiClient.json().createObjectNode().put("type", "once")
                .put("at", OffsetDateTime.ofInstant(at.truncatedTo(ChronoUnit.SECONDS), VN).toString());
    }

    @Test
    void aRuleHoldsBackPlannedPlaysAndRefusesNewSchedulesByName() throws Exception {
        TestController controller = TestController.start(dir.resolve("controller"));
        running.add(controller);
        ApiClient api = controller.admin();
        long province = ApiFixtures.province(api);
        long commune = ApiFixtures.area(api, "Xã Hoàng Văn Thụ", "COMMUNE", province);
        ApiFixtures.StationRef station = ApiFixtures.station(api, "Đài xã Hoàng Văn Thụ", commune, 1);
        TestAgent agent = TestAgent.start(controller.agentPort(), station.id(), station.secret(), dir);
        running.add(agent);
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.agent().isConnected() && agent.agent().clock().isSynchronised());
        ApiFixtures.BulletinRef bulletin = ApiFixtures.uploadWav(api, "Bản tin thời sự", TestWav.tone(24_000, 1.0));

        // a schedule planned before the rule exists
        ObjectNode early = ApiFixtures.schedule(bulletin.id(), once(Instant.now().plusSeconds(20)));
        ApiFixtures.targets(early).withArray("stationIds").add(station.id());
        ApiClient.Response s = api.post("/api/v1/schedules", early);
        assertThat(s.status()).as(s.body()).isEqualTo(201);
        long scheduleId = s.json().get("id").asLong();

        // quiet hours from an hour ago to an hour from now, Vietnam time, for every station
        LocalTime now = LocalTime.now(QuietHours.VIETNAM).withSecond(0).withNano(0);
        ObjectNode rule = ApiClient.json().createObjectNode().put("name", "Giờ nghỉ đêm")
                .put("from", now.minusHours(1).toString()).put("to", now.plusHours(1).toString())
                .put("effect", "HOLD_BACK").put("overrideFrom", "PRIORITY");
        ApiClient.Response r = api.post("/api/v1/quiet-rules", rule);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long ruleId = r.json().get("id").asLong();
        JsonNode conflicts = r.json().get("conflicts");
        assertThat(conflicts).hasSize(1);
        assertThat(conflicts.get(0).get("scheduleId").asLong()).isEqualTo(scheduleId);
        assertThat(conflicts.get(0).get("rule").asText()).isEqualTo("Giờ nghỉ đêm");
        assertThat(api.get("/api/v1/quiet-rules").json()).extracting(n -> n.get("name").asText()).containsExactly("Giờ nghỉ đêm");

        // the next allowed slot (what the inbox moves an accepted item to): the rule's end, for a NORMAL item
        var service = controller.controller().quietHours();
        assertThat(service.nextAllowed(station.id(), Instant.now(), vn.loa.protocol.v1.Priority.NORMAL,
                java.util.Set.copyOf(station.zoneIds()))).hasValueSatisfying(t -> assertThat(t).isAfter(Instant.now()));
        assertThat(service.nextAllowed(station.id(), Instant.now().minusSeconds(1), vn.loa.protocol.v1.Priority.PRIORITY,
                java.util.Set.copyOf(station.zoneIds()))).isPresent();

        // the station gets the rule in its plan and holds the play back itself
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().plan().getQuietRulesCount() == 1);
        await().atMost(Duration.ofSeconds(40)).until(() -> !plays(api, scheduleId).isEmpty());
        JsonNode play = plays(api, scheduleId).get(0);
        assertThat(play.get("outcome").asText()).isEqualTo("SKIPPED");
        assertThat(play.get("reason").asText()).isEqualTo("QUIET_HOURS");
        assertThat(agent.recordings()).isEmpty();

        // a new NORMAL schedule in quiet hours is refused with the rule's name; a PRIORITY one is let through
        ObjectNode refused = ApiFixtures.schedule(bulletin.id(), once(Instant.now().plusSeconds(600)));
        ApiFixtures.targets(refused).withArray("stationIds").add(station.id());
        ApiClient.Response no = api.post("/api/v1/schedules", refused);
        assertThat(no.status()).as(no.body()).isEqualTo(400);
        assertThat(no.json().get("code").asText()).as(no.body()).isEqualTo("QUIET_HOURS_CONFLICT");
        assertThat(no.json().get("params").get("rule").asText()).isEqualTo("Giờ nghỉ đêm");
        assertThat(no.json().get("params").get("station").asText()).isEqualTo("Đài xã Hoàng Văn Thụ");
        assertThat(no.json().get("params").get("at").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+07:00");
        assertThat(no.error()).contains("quiet hours 'Giờ nghỉ đêm'").contains("at station Đài xã Hoàng Văn Thụ")
                .contains("a NORMAL bulletin may not play then");
        refused.put("priority", "PRIORITY");
        assertThat(api.post("/api/v1/schedules", refused).status()).isEqualTo(201);

        // deleted: out of the plan
        assertThat(api.delete("/api/v1/quiet-rules/" + ruleId).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(10)).until(() -> agent.agent().plan().getQuietRulesCount() == 0);
        assertThat(api.get("/api/v1/quiet-rules").json()).isEmpty();
    }

    @Test
    void aRuleIsRefusedWithEveryReason() throws Exception {
        TestController controller = TestController.start(dir.resolve("controller"));
        running.add(controller);
        ApiClient api = controller.admin();
        ObjectNode bad = ApiClient.json().createObjectNode().put("from", "25:00").put("effect", "ATTENUATE")
                .put("gainDb", 3).put("stationId", 999_999).put("overrideFrom", "LOUD");
        bad.putArray("days").add("FUNDAY");
        ApiClient.Response r = api.post("/api/v1/quiet-rules", bad);
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.body()).contains("name:").contains("from:").contains("to:").contains("FUNDAY").contains("overrideFrom:");
        // every problem coded, with the field it concerns (issue 15: the console renders them in Vietnamese)
        assertThat(r.json().get("errors")).extracting(e -> e.get("code").asText() + " " + e.get("params").get("field").asText())
                .containsExactly("REQUIRED name", "NOT_A_TIME from", "REQUIRED to", "NOT_ONE_OF days",
                        "NOT_ONE_OF overrideFrom");
        ObjectNode loud = ApiClient.json().createObjectNode().put("name", "Sáng sớm").put("from", "05:00").put("to", "06:00")
                .put("effect", "ATTENUATE").put("gainDb", 3).put("stationId", 999_999);
        ApiClient.Response r2 = api.post("/api/v1/quiet-rules", loud);
        assertThat(r2.status()).isEqualTo(400);
        assertThat(r2.body()).contains("gainDb:").contains("stationId: station 999999 does not exist");
        assertThat(r2.json().get("errors")).extracting(e -> e.get("code").asText() + " " + e.get("params"))
                .containsExactly("OUT_OF_RANGE {\"field\":\"gainDb\",\"min\":-40,\"max\":0}",
                        "DOES_NOT_EXIST {\"field\":\"stationId\",\"kind\":\"STATION\",\"id\":999999}");
    }

    private static List<JsonNode> plays(ApiClient api, long scheduleId) {
        ApiClient.Response r = api.get("/api/v1/plays?scheduleId=" + scheduleId);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }
}
