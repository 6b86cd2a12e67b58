package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/** POST/GET/DELETE /api/v1/schedules: each refusal says what is wrong; a valid schedule shows its next runs. */
@Tag("e2e")
@Timeout(60)
class ScheduleApiTest {
    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient api;
    static long province;
    static long commune;
    static ApiFixtures.StationRef station;
    static ApiFixtures.BulletinRef bulletin;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        api = controller.admin();
        province = ApiFixtures.province(api);
        commune = ApiFixtures.area(api, "Xã Hòa Lạc", "COMMUNE", province);
        station = ApiFixtures.station(api, "Đài xã Hòa Lạc", commune, 2);
        bulletin = ApiFixtures.uploadWav(api, "Bản tin sáng", TestWav.tone(24_000, 1.0));
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static LocalDate today() {
        return LocalDate.now(Json.VIETNAM);
    }

    static ObjectNode rule(String type) {
        return ApiClient.json().createObjectNode().put("type", type);
    }

    static ObjectNode daily(LocalDate from, String... times) {
        ObjectNode r = rule("daily").put("from", from.toString());
        for (String t : times) {
            r.withArray("times").add(t);
        }
        return r;
    }

    static ObjectNode toStation(ObjectNode rule) {
        ObjectNode body = ApiFixtures.schedule(bulletin.id(), rule);
        ApiFixtures.targets(body).withArray("stationIds").add(station.id());
        return body;
    }

    private static List<Long> activeIds() {
        ApiClient.Response r = api.get("/api/v1/schedules");
        assertThat(r.status()).isEqualTo(200);
        List<Long> ids = new ArrayList<>();
        r.json().forEach(n -> ids.add(n.get("id").asLong()));
        return ids;
    }

    private static String assertRefused(ObjectNode body, String... fragments) {
        List<Long> before = activeIds();
        ApiClient.Response r = api.post("/api/v1/schedules", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.error()).contains(fragments);
        assertThat(activeIds()).as("schedules after a refusal").isEqualTo(before);
        return r.error();
    }

    @Test
    void aOnceRuleInThePastIsRefused() {
        // seconds other than :00 so every formatter prints them
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.MINUTES).plusSeconds(17);
        assertRefused(toStation(rule("once").put("at", Json.local(past))), "the rule never fires after now",
                "rule.at (" + Json.local(past) + ") is not after now");
    }

    @Test
    void aDailyRuleThatEndedBeforeTodayIsRefused() {
        LocalDate from = today().minusDays(30);
        LocalDate until = today().minusDays(2);
        assertRefused(toStation(daily(from, "05:30").put("until", until.toString())), "the rule never fires after now",
                "rule.until (" + until + ")", "is before now");
    }

    @Test
    void aWeeklyRuleWhoseDaysNeverOccurInItsRangeIsRefused() {
        LocalDate monday = today().plusDays(7).with(TemporalAdjusters.nextOrSame(DayOfWeek.MONDAY));
        ObjectNode weekly = rule("weekly").put("from", monday.toString()).put("until", monday.plusDays(1).toString());
        weekly.putArray("days").add("SUN");
        weekly.putArray("times").add("06:00");
        assertRefused(toStation(weekly), "the rule never fires after now", "none of rule.days (SUN) falls between",
                monday.toString());
    }

    @Test
    void anInvalidTimeIsRefused() {
        assertRefused(toStation(daily(today().plusDays(3), "05:30", "25:00")), "rule.times[1]: '25:00' is not a time");
    }

    @Test
    void anUnknownRuleTypeIsRefused() {
        assertRefused(toStation(rule("hourly").put("from", today().toString())), "rule.type: 'hourly' is not supported");
        assertRefused(toStation(rule("once")), "rule.at: is required");
        ObjectNode noRule = toStation(rule("once"));
        noRule.remove("rule");
        assertRefused(noRule, "rule: required");
    }

    @Test
    void unknownStationAreaAndZoneIdsAreRefused() {
        ObjectNode once = rule("once").put("at", Json.local(Instant.now().plus(2, ChronoUnit.HOURS)));
        ObjectNode s = ApiFixtures.schedule(bulletin.id(), once);
        ApiFixtures.targets(s).withArray("stationIds").add(999_001);
        assertRefused(s, "targets.stationIds: station 999001 does not exist");

        ObjectNode a = ApiFixtures.schedule(bulletin.id(), once);
        ApiFixtures.targets(a).withArray("areaIds").add(999_002);
        assertRefused(a, "targets.areaIds: area 999002 does not exist");

        ObjectNode z = ApiFixtures.schedule(bulletin.id(), once);
        ApiFixtures.targets(z).withArray("zoneIds").add(station.zoneIds().get(0)).add(999_003);
        assertRefused(z, "targets.zoneIds: zone 999003 does not exist");

        ObjectNode notIds = ApiFixtures.schedule(bulletin.id(), once);
        ApiFixtures.targets(notIds).withArray("zoneIds").add("Thôn 1");
        assertRefused(notIds, "targets.zoneIds[0]", "is not an id");
    }

    @Test
    void emptyOrMissingTargetsAreRefused() {
        ObjectNode once = rule("once").put("at", Json.local(Instant.now().plus(2, ChronoUnit.HOURS)));
        assertRefused(ApiFixtures.schedule(bulletin.id(), once), "targets: name at least one station, area or zone");
        ObjectNode missing = ApiFixtures.schedule(bulletin.id(), once);
        missing.remove("targets");
        assertRefused(missing, "targets: required");
    }

    @Test
    void targetsThatReachNoZoneAreRefused() {
        long empty = ApiFixtures.area(api, "Xã không có đài", "COMMUNE", province);
        ObjectNode s = ApiFixtures.schedule(bulletin.id(), rule("once").put("at",
                Json.local(Instant.now().plus(2, ChronoUnit.HOURS))));
        ApiFixtures.targets(s).withArray("areaIds").add(empty);
        assertRefused(s, "targets: no loudspeaker zone is reached");
    }

    @Test
    void anUnknownBulletinIsRefused() {
        ObjectNode s = toStation(daily(today().plusDays(1), "06:00"));
        s.put("bulletinId", 999_004);
        // the scope check's 404, the same as for a bulletin outside the caller's scope (docs/api.md#ids-and-scope)
        ApiClient.Response unknown = api.post("/api/v1/schedules", s);
        assertThat(unknown.status()).as(unknown.body()).isEqualTo(404);
        assertThat(unknown.json().get("code").asText()).isEqualTo("NOT_FOUND");
        s.remove("bulletinId");
        assertRefused(s, "bulletinId: required");
    }

    @Test
    void aBadPriorityIsRefused() {
        ObjectNode s = toStation(daily(today().plusDays(1), "06:00"));
        s.put("priority", "URGENT");
        assertRefused(s, "priority: 'URGENT' is not one of NORMAL, PRIORITY, EMERGENCY");
        s.put("priority", "BACKGROUND");
        assertRefused(s, "priority: 'BACKGROUND' is not one of");
        s.put("priority", 5);
        assertRefused(s, "priority: '5' is not one of");
    }

    @Test
    void severalProblemsAreReportedTogether() {
        ObjectNode s = ApiFixtures.schedule(bulletin.id(), daily(today().plusDays(1), "06:00", "24:10"));
        s.put("priority", "URGENT");
        s.put("title", "x".repeat(301));
        ApiFixtures.targets(s).withArray("stationIds").add(999_006);
        String error = assertRefused(s, "priority: 'URGENT'", "title:",
                "targets.stationIds: station 999006 does not exist", "rule.times[1]: '24:10' is not a time");
        assertThat(error.split("; ")).hasSize(4);
    }

    @Test
    void aValidDailyScheduleIsCreatedListedAndDeleted() {
        LocalDate from = today().plusDays(10);
        ObjectNode body = toStation(daily(from, "17:00", "05:30"));
        ApiClient.Response r = api.post("/api/v1/schedules", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        long id = r.json().get("id").asLong();
        assertThat(r.raw().headers().firstValue("Location")).hasValue("/api/v1/schedules/" + id);
        JsonNode runs = r.json().get("nextRuns");
        assertThat(runs).hasSize(10);
        assertThat(runs.get(0).asText()).isEqualTo(from + "T05:30:00+07:00");
        assertThat(runs.get(1).asText()).isEqualTo(from + "T17:00:00+07:00");
        assertThat(runs.get(2).asText()).isEqualTo(from.plusDays(1) + "T05:30:00+07:00");
        assertThat(r.json().get("title").asText()).isEqualTo("Bản tin thử");
        assertThat(r.json().get("priority").asText()).isEqualTo("NORMAL");
        assertThat(r.json().get("bulletinId").asLong()).isEqualTo(bulletin.id());
        assertThat(r.json().get("rule").get("times")).extracting(JsonNode::asText).containsExactly("05:30", "17:00");
        assertThat(r.json().get("targets").get("stationIds")).extracting(JsonNode::asLong).containsExactly(station.id());

        assertThat(activeIds()).contains(id);
        ApiClient.Response one = api.get("/api/v1/schedules/" + id);
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.json().get("deleted").asBoolean()).isFalse();
        assertThat(one.json().get("nextRuns").get(0).asText()).isEqualTo(from + "T05:30:00+07:00");

        assertThat(api.delete("/api/v1/schedules/" + id).status()).isEqualTo(204);
        assertThat(api.delete("/api/v1/schedules/" + id).status()).isEqualTo(404);
        assertThat(activeIds()).doesNotContain(id);
        ApiClient.Response gone = api.get("/api/v1/schedules/" + id);
        assertThat(gone.status()).isEqualTo(200);
        assertThat(gone.json().get("deleted").asBoolean()).isTrue();
        assertThat(gone.json().get("nextRuns")).isEmpty();
    }

    @Test
    void aScheduleWithoutTitleOrPriorityTakesTheBulletinTitleAndNormal() {
        ObjectNode body = toStation(daily(today().plusDays(2), "06:00"));
        body.remove("title");
        body.remove("priority");
        ApiClient.Response r = api.post("/api/v1/schedules", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("title").asText()).isEqualTo("Bản tin sáng");
        assertThat(r.json().get("priority").asText()).isEqualTo("NORMAL");
        assertThat(api.delete("/api/v1/schedules/" + r.json().get("id").asLong()).status()).isEqualTo(204);
    }

    @Test
    void aScheduleWithinTheHorizonIsPlannedForItsStationAndUnplannedWhenDeleted() {
        Instant at = Instant.now().plus(3, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ObjectNode body = ApiFixtures.schedule(bulletin.id(), rule("once").put("at", Json.local(at)));
        ApiFixtures.targets(body).withArray("zoneIds").add(station.zoneIds().get(1));
        int before = api.get("/api/v1/stations/" + station.id()).json().get("plannedItems").asInt();
        ApiClient.Response r = api.post("/api/v1/schedules", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("nextRuns")).extracting(JsonNode::asText).containsExactly(Json.local(at));
        // the planner rebuilds the plans shortly after the change, not within the request
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                api.get("/api/v1/stations/" + station.id()).json().get("plannedItems").asInt()).isEqualTo(before + 1));
        assertThat(api.delete("/api/v1/schedules/" + r.json().get("id").asLong()).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                api.get("/api/v1/stations/" + station.id()).json().get("plannedItems").asInt()).isEqualTo(before));
    }

    @Test
    void unknownSchedulesAre404() {
        assertThat(api.get("/api/v1/schedules/999999").status()).isEqualTo(404);
        assertThat(api.get("/api/v1/schedules/999999").error()).contains("no such schedule: 999999");
        assertThat(api.get("/api/v1/schedules/abc").status()).isEqualTo(404);
        assertThat(api.delete("/api/v1/schedules/999999").status()).isEqualTo(404);
    }

    static Stream<Arguments> codedProblems() {
        return Stream.of(
                Arguments.of("no targets", (Consumer<ObjectNode>) b -> b.remove("targets"), "REQUIRED",
                        "{'field':'targets'}"),
                Arguments.of("empty targets", (Consumer<ObjectNode>) b -> ApiFixtures.targets(b).withArray("stationIds")
                        .removeAll(), "TARGETS_EMPTY", "{}"),
                Arguments.of("unknown station", (Consumer<ObjectNode>) b -> ApiFixtures.targets(b).withArray("stationIds")
                        .add(999_101), "DOES_NOT_EXIST", "{'field':'targets.stationIds','kind':'STATION','id':999101}"),
                Arguments.of("not an id", (Consumer<ObjectNode>) b -> ApiFixtures.targets(b).withArray("zoneIds")
                        .add("x"), "NOT_AN_ID", "{'field':'targets.zoneIds[0]','value':'x'}"),
                Arguments.of("bad priority", (Consumer<ObjectNode>) b -> b.put("priority", "URGENT"), "NOT_ONE_OF",
                        "{'field':'priority','value':'URGENT','allowed':['NORMAL','PRIORITY','EMERGENCY']}"),
                Arguments.of("bad onPreempt", (Consumer<ObjectNode>) b -> b.put("onPreempt", "LATER"), "NOT_ONE_OF",
                        "{'field':'onPreempt','value':'LATER','allowed':['RESUME','RESTART','SKIP']}"),
                Arguments.of("bad hardTime mode", (Consumer<ObjectNode>) b -> b.putObject("hardTime").put("mode", "NOW"),
                        "NOT_ONE_OF", "{'field':'hardTime.mode','value':'NOW','allowed':['WAIT','CUT','NEXT']}"),
                Arguments.of("hardTime wait too long", (Consumer<ObjectNode>) b -> b.putObject("hardTime")
                        .put("mode", "WAIT").put("maxWaitSeconds", 90_000), "OUT_OF_RANGE",
                        "{'field':'hardTime.maxWaitSeconds','min':0,'max':86400}"),
                Arguments.of("title too long", (Consumer<ObjectNode>) b -> b.put("title", "x".repeat(301)), "TOO_LONG",
                        "{'field':'title','max':300}"),
                Arguments.of("no rule", (Consumer<ObjectNode>) b -> b.remove("rule"), "REQUIRED", "{'field':'rule'}"),
                Arguments.of("daily rule that ended", (Consumer<ObjectNode>) b -> b.set("rule", daily(today().minusDays(9),
                        "05:30").put("until", today().minusDays(2).toString())), "RULE_ENDED",
                        "{'until':'" + today().minusDays(2) + "','now':null}"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("codedProblems")
    void eachProblemIsAnsweredWithItsCodeAndParameters(String name, Consumer<ObjectNode> change, String code,
            String params) throws Exception {
        ObjectNode body = toStation(daily(today(), "05:30"));
        change.accept(body);
        ApiClient.Response r = api.post("/api/v1/schedules", body);
        assertThat(r.status()).as(r.body()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).as(r.body()).isEqualTo(code);
        JsonNode expected = ApiClient.json().readTree(params.replace('\'', '"'));
        ObjectNode actual = r.json().get("params").deepCopy();
        expected.fieldNames().forEachRemaining(f -> {
            if (expected.get(f).isNull()) {
                actual.put(f, (String) null); // a value that depends on the clock, checked elsewhere
            }
        });
        assertThat(actual).as(r.body()).isEqualTo(expected);
    }

    @Test
    void severalProblemsAreAnsweredTogetherEachWithItsCode() {
        ObjectNode body = toStation(daily(today(), "05:30")).put("priority", "URGENT");
        ApiFixtures.targets(body).withArray("zoneIds").add(999_103);
        ApiClient.Response r = api.post("/api/v1/schedules", body);
        assertThat(r.status()).isEqualTo(400);
        List<String> codes = new ArrayList<>();
        r.json().get("errors").forEach(e -> codes.add(e.get("code").asText()));
        assertThat(codes).containsExactly("NOT_ONE_OF", "DOES_NOT_EXIST");
        assertThat(r.error()).isEqualTo("priority: 'URGENT' is not one of NORMAL, PRIORITY, EMERGENCY; "
                + "targets.zoneIds: zone 999103 does not exist");
    }

    @Test
    void aOnceRuleInThePastSendsItsInstantsToTheSecond() {
        Instant past = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Response r = api.post("/api/v1/schedules", toStation(rule("once").put("at", past.toString())));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.json().get("code").asText()).isEqualTo("RULE_AT_NOT_AFTER_NOW");
        JsonNode params = r.json().get("params");
        assertThat(params.get("at").asText()).isEqualTo(Json.local(past));
        assertThat(params.get("now").asText()).matches("\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}:\\d{2}\\+07:00");
        assertThat(r.error()).doesNotContainPattern(":\\d{2}\\.\\d");
    }
}
