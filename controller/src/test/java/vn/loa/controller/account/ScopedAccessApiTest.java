package vn.loa.controller.account;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
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
import vn.loa.controller.web.ApiFixtures;
import vn.loa.controller.web.TestWav;

/**
 * Every role × scope combination that matters, through the real HTTP API: a province P with communes A and
 * B; station SA in A (its zone serves village A1), station SB in B; an operator, a technician and a viewer
 * scoped to A; the admin.
 */
@Tag("e2e")
@Timeout(120)
class ScopedAccessApiTest {
    static final String PASSWORD = "mật-khẩu-đủ-dài-123";

    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient admin;
    static ApiClient operatorA;
    static ApiClient technicianA;
    static ApiClient viewerA;
    static long p;
    static long a;
    static long a1;
    static long b;
    static ApiFixtures.StationRef sa;
    static ApiFixtures.StationRef sb;
    static long bulletin;
    static long scheduleA;
    static long scheduleB;
    static long scheduleP;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        admin = controller.admin();
        p = ApiFixtures.province(admin);
        a = ApiFixtures.area(admin, "Xã Đội Cấn", "COMMUNE", p);
        a1 = ApiFixtures.area(admin, "Thôn Nà Vường", "VILLAGE", a);
        b = ApiFixtures.area(admin, "Xã Hòa Lạc", "COMMUNE", p);
        sa = station(admin, "Đài Đội Cấn", a, a1);
        sb = station(admin, "Đài Hòa Lạc", b, null);
        bulletin = ApiFixtures.uploadWav(admin, "Bản tin sáng", TestWav.tone(16000, 1.0)).id();
        operatorA = account("op.a", "OPERATOR", a);
        technicianA = account("tech.a", "TECHNICIAN", a);
        viewerA = account("view.a", "VIEWER", a);
        scheduleA = created(admin.post("/api/v1/schedules", schedule(List.of(sa.id()), List.of(), List.of())));
        scheduleB = created(admin.post("/api/v1/schedules", schedule(List.of(sb.id()), List.of(), List.of())));
        scheduleP = created(admin.post("/api/v1/schedules", schedule(List.of(), List.of(p), List.of())));
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static ApiFixtures.StationRef station(ApiClient api, String name, long areaId, Long zoneArea) {
        Map<String, Object> zone = zoneArea == null ? Map.of("name", "Thôn 1") : Map.of("name", "Thôn 1", "areaId", zoneArea);
        ApiClient.Response r = api.post("/api/v1/stations", Map.of("name", name, "areaId", areaId, "zones", List.of(zone)));
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new ApiFixtures.StationRef(r.json().get("id").asLong(), r.json().get("secret").asText(),
                List.of(r.json().get("zones").get(0).get("id").asLong()));
    }

    static ApiClient account(String username, String role, Long scope) {
        ObjectNode body = ApiClient.json().createObjectNode().put("username", username).put("password", PASSWORD)
                .put("role", role);
        body.put("scopeAreaId", scope);
        ApiClient.Response r = admin.post("/api/v1/accounts", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new ApiClient(controller.httpPort()).login(username, PASSWORD);
    }

    static long created(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static ObjectNode schedule(List<Long> stations, List<Long> areas, List<Long> zones) {
        String at = ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusHours(2).withNano(0).toOffsetDateTime().toString();
        ObjectNode body = ApiFixtures.schedule(bulletin, ApiClient.json().createObjectNode().put("type", "once").put("at", at));
        ObjectNode t = ApiFixtures.targets(body);
        stations.forEach(t.withArray("stationIds")::add);
        areas.forEach(t.withArray("areaIds")::add);
        zones.forEach(t.withArray("zoneIds")::add);
        return body;
    }

    static ObjectNode announcement(List<Long> stations, List<Long> areas) {
        ObjectNode body = ApiClient.json().createObjectNode().put("title", "Thông báo").put("priority", "PRIORITY")
                .put("chime", false);
        ObjectNode t = body.putObject("targets");
        stations.forEach(t.withArray("stationIds")::add);
        areas.forEach(t.withArray("areaIds")::add);
        body.putObject("source").put("type", "bulletin").put("bulletinId", bulletin);
        return body;
    }

    record Case(String who, String what, Supplier<ApiClient> client, String method, Supplier<String> path,
            Supplier<Object> body, int status, String error) {
        @Override
        public String toString() {
            return who + ": " + what + " → " + status;
        }
    }

    static Case c(String who, String what, Supplier<ApiClient> client, String method, Supplier<String> path,
            Supplier<Object> body, int status, String error) {
        return new Case(who, what, client, method, path, body, status, error);
    }

    static Stream<Arguments> changes() {
        Supplier<ApiClient> op = () -> operatorA;
        Supplier<ApiClient> tech = () -> technicianA;
        Supplier<ApiClient> view = () -> viewerA;
        Supplier<ApiClient> adm = () -> admin;
        List<Case> cases = List.of(
                c("operator A", "schedule station in A", op, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(sa.id()), List.of(), List.of()), 201, null),
                c("operator A", "schedule area A", op, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(), List.of(a), List.of()), 201, null),
                c("operator A", "schedule village zone in A", op, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(), List.of(), sa.zoneIds()), 201, null),
                c("operator A", "schedule station in B", op, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(sb.id()), List.of(), List.of()), 404, "no such station"),
                c("operator A", "schedule zone in B", op, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(), List.of(), sb.zoneIds()), 404, "no such zone"),
                c("operator A", "schedule the whole province", op, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(), List.of(p), List.of()), 404, "no such area"),
                c("operator A", "schedule A and B together", op, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(sa.id(), sb.id()), List.of(), List.of()), 404, "no such station"),
                c("operator A", "announce to station in A", op, "POST", () -> "/api/v1/announcements",
                        () -> announcement(List.of(sa.id()), List.of()), 201, null),
                c("operator A", "announce to area B", op, "POST", () -> "/api/v1/announcements",
                        () -> announcement(List.of(), List.of(b)), 404, "no such area"),
                c("operator A", "announce to the province", op, "POST", () -> "/api/v1/announcements",
                        () -> announcement(List.of(), List.of(p)), 404, "no such area"),
                c("operator A", "delete a schedule of B", op, "DELETE", () -> "/api/v1/schedules/" + scheduleB, () -> null,
                        404, "no such schedule"),
                c("operator A", "delete the province-wide schedule it sees", op, "DELETE",
                        () -> "/api/v1/schedules/" + scheduleP, () -> null, 403, "also reaches beyond your area"),
                c("operator A", "create a station", op, "POST", () -> "/api/v1/stations",
                        () -> Map.of("name", "x", "areaId", a), 403, "only an admin or a technician"),
                c("operator A", "create an area", op, "POST", () -> "/api/v1/areas",
                        () -> Map.of("name", "x", "kind", "VILLAGE", "parentId", a), 403, "only an admin"),
                c("operator A", "widen own scope", op, "PATCH", () -> "/api/v1/accounts/" + id(operatorA),
                        () -> Map.of("scopeAreaId", p), 403, "only an admin"),
                c("operator A", "raise own role", op, "PATCH", () -> "/api/v1/accounts/" + id(operatorA),
                        () -> Map.of("role", "ADMIN"), 403, "only an admin"),
                c("operator A", "create an account", op, "POST", () -> "/api/v1/accounts",
                        () -> Map.of("username", "x.y", "password", PASSWORD, "role", "ADMIN"), 403, "only an admin"),
                c("operator A", "require approval", op, "PATCH", () -> "/api/v1/areas/" + a,
                        () -> Map.of("requiresApproval", true), 403, "only an admin"),
                c("technician A", "add a station in A", tech, "POST", () -> "/api/v1/stations",
                        () -> Map.of("name", "Đài mới", "areaId", a), 201, null),
                c("technician A", "add a station in B", tech, "POST", () -> "/api/v1/stations",
                        () -> Map.of("name", "Đài lạ", "areaId", b), 404, "no such area"),
                c("technician A", "command a station in A (offline)", tech, "POST",
                        () -> "/api/v1/stations/" + sa.id() + "/commands", () -> Map.of("type", "SILENT_TEST"), 409, null),
                c("technician A", "command a station in B", tech, "POST",
                        () -> "/api/v1/stations/" + sb.id() + "/commands", () -> Map.of("type", "SILENT_TEST"), 404, "no such station"),
                c("technician A", "schedule", tech, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(sa.id()), List.of(), List.of()), 403, "only an admin or an operator"),
                c("technician A", "announce", tech, "POST", () -> "/api/v1/announcements",
                        () -> announcement(List.of(sa.id()), List.of()), 403, "only an admin or an operator"),
                c("viewer A", "schedule", view, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(sa.id()), List.of(), List.of()), 403, "only an admin or an operator"),
                c("viewer A", "add a station", view, "POST", () -> "/api/v1/stations",
                        () -> Map.of("name", "x", "areaId", a), 403, "only an admin or a technician"),
                c("viewer A", "command a station", view, "POST", () -> "/api/v1/stations/" + sa.id() + "/commands",
                        () -> Map.of("type", "SILENT_TEST"), 403, "only an admin or a technician"),
                c("viewer A", "announce", view, "POST", () -> "/api/v1/announcements",
                        () -> announcement(List.of(sa.id()), List.of()), 403, "only an admin or an operator"),
                c("admin", "schedule the province", adm, "POST", () -> "/api/v1/schedules",
                        () -> schedule(List.of(), List.of(p), List.of()), 201, null),
                c("admin", "announce to B", adm, "POST", () -> "/api/v1/announcements",
                        () -> announcement(List.of(sb.id()), List.of()), 201, null),
                c("admin", "add a station in B", adm, "POST", () -> "/api/v1/stations",
                        () -> Map.of("name", "Đài phụ", "areaId", b), 201, null));
        return cases.stream().map(Arguments::of);
    }

    static long id(ApiClient api) {
        return api.get("/api/v1/session").json().get("id").asLong();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("changes")
    void changesFollowRoleAndScope(Case k) {
        ApiClient api = k.client().get();
        Object body = k.body().get();
        ApiClient.Response r = switch (k.method()) {
            case "POST" -> api.post(k.path().get(), body);
            case "DELETE" -> api.delete(k.path().get());
            default -> api.send(api.builder(k.path().get()).header("Content-Type", "application/json")
                    .method(k.method(), java.net.http.HttpRequest.BodyPublishers.ofString(json(body))));
        };
        assertThat(r.status()).as("%s: %s", k, r.body()).isEqualTo(k.status());
        if (k.error() != null) {
            assertThat(r.error()).as(k.toString()).contains(k.error());
        }
    }

    static String json(Object o) {
        try {
            return ApiClient.json().writeValueAsString(o);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Long> ids(ApiClient.Response r, String field) {
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<Long> out = new ArrayList<>();
        r.json().forEach(n -> out.add(n.get(field).asLong()));
        return out;
    }

    @Test
    void scopedAccountsSeeOnlyWhatIsInsideTheirScope() {
        for (ApiClient api : List.of(operatorA, technicianA, viewerA)) {
            assertThat(ids(api.get("/api/v1/stations"), "id")).contains(sa.id()).doesNotContain(sb.id());
            assertThat(ids(api.get("/api/v1/areas"), "id")).contains(a, a1).doesNotContain(p, b);
            // a schedule aimed at A, or at the province that contains A, is seen; one aimed at B is not
            assertThat(ids(api.get("/api/v1/schedules"), "id")).contains(scheduleA, scheduleP).doesNotContain(scheduleB);
            assertThat(api.get("/api/v1/stations/" + sb.id()).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/stations/" + sa.id()).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/schedules/" + scheduleB).status()).isEqualTo(404);
            assertThat(api.get("/api/v1/schedules/" + scheduleA).status()).isEqualTo(200);
            assertThat(api.get("/api/v1/stations/" + sb.id() + "/health").status()).isEqualTo(404);
            assertThat(api.get("/api/v1/stations/" + sb.id() + "/commands").status()).isEqualTo(404);
        }
        assertThat(ids(admin.get("/api/v1/stations"), "id")).contains(sa.id(), sb.id());
        assertThat(ids(admin.get("/api/v1/schedules"), "id")).contains(scheduleA, scheduleB, scheduleP);
    }

    @Test
    void announcementsOutsideTheScopeAreNotFoundAndOnlyOwnStationsShow() {
        long both = created(admin.post("/api/v1/announcements", announcement(List.of(sa.id(), sb.id()), List.of())));
        long onlyB = created(admin.post("/api/v1/announcements", announcement(List.of(sb.id()), List.of())));
        ApiClient.Response seen = viewerA.get("/api/v1/announcements/" + both);
        assertThat(seen.status()).as(seen.body()).isEqualTo(200);
        List<Long> stations = new ArrayList<>();
        seen.json().get("stations").forEach(s -> stations.add(s.get("stationId").asLong()));
        assertThat(stations).containsExactly(sa.id());
        assertThat(viewerA.get("/api/v1/announcements/" + onlyB).status()).isEqualTo(404);
        // the operator may not stop an announcement that also plays outside its scope
        ApiClient.Response stop = operatorA.delete("/api/v1/announcements/" + both);
        assertThat(stop.status()).as(stop.body()).isEqualTo(403);
        assertThat(operatorA.delete("/api/v1/announcements/" + onlyB).status()).isEqualTo(404);
    }

    @Test
    void playsAndAlarmsAreFilteredByScope() {
        var jdbc = new vn.loa.controller.storage.Jdbc(controller.controller().database());
        var plays = new vn.loa.controller.playlog.PlayRepository(jdbc);
        for (long station : List.of(sa.id(), sb.id())) {
            plays.store(station, vn.loa.protocol.v1.PlayReport.newBuilder().setReportId("r-" + station)
                    .setItemId("s1-1").setPlannedAtMs(System.currentTimeMillis()).setOutcome(vn.loa.protocol.v1.PlayReport.Outcome.PLAYED).build());
        }
        assertThat(ids(admin.get("/api/v1/plays"), "stationId")).contains(sa.id(), sb.id());
        assertThat(ids(viewerA.get("/api/v1/plays"), "stationId")).containsOnly(sa.id());
        assertThat(ids(viewerA.get("/api/v1/plays?stationId=" + sb.id()), "stationId")).isEmpty();

        var alarms = controller.controller().alarms();
        for (long station : List.of(sa.id(), sb.id())) {
            var kind = vn.loa.controller.alarm.AlarmKind.STATION_OFFLINE;
            alarms.assess(station, java.util.Set.of(kind), Map.of(vn.loa.controller.alarm.AlarmKey.of(kind), "test"));
        }
        List<Long> all = ids(admin.get("/api/v1/alarms"), "stationId");
        assertThat(all).contains(sa.id(), sb.id());
        assertThat(ids(technicianA.get("/api/v1/alarms"), "stationId")).containsOnly(sa.id());
        JsonNode alarmsOfB = admin.get("/api/v1/alarms?stationId=" + sb.id()).json();
        long alarmB = alarmsOfB.get(0).get("id").asLong();
        assertThat(technicianA.get("/api/v1/alarms/" + alarmB).status()).isEqualTo(404);
        assertThat(technicianA.post("/api/v1/alarms/" + alarmB + "/ack", Map.of("note", "x")).status()).isEqualTo(404);
    }

    @Test
    void relaysCalendarReportEnrollmentAndLiveFollowTheScope() {
        // relays: a province-wide one is not the commune operator's to change, one for B is not even visible
        ObjectNode relayB = ApiClient.json().createObjectNode().put("title", "Tiếp sóng VOV1")
                .put("url", "http://203.0.113.9:9/vov1.mp3").put("from", java.time.LocalDate.now().toString());
        relayB.putObject("targets").putArray("stationIds").add(sb.id());
        relayB.putArray("windows").addObject().put("start", "06:00").put("end", "06:30");
        long relay = created(admin.post("/api/v1/relays", relayB));
        assertThat(operatorA.get("/api/v1/relays").json()).isEmpty();
        assertThat(operatorA.get("/api/v1/relays/" + relay).status()).isEqualTo(404);
        assertThat(operatorA.post("/api/v1/relays", relayB).status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/relays").json()).hasSize(1);

        // the calendar shows the operator's own station only
        ApiClient.Response calendar = operatorA.get("/api/v1/calendar?from="
                + java.time.LocalDate.now() + "&to=" + java.time.LocalDate.now().plusDays(2));
        assertThat(calendar.status()).as(calendar.body()).isEqualTo(200);
        assertThat(calendar.body()).doesNotContain("\"stationId\":" + sb.id() + ",");
        assertThat(operatorA.get("/api/v1/calendar?stationId=" + sb.id()).status()).isEqualTo(404);

        // the province report lists the communes of the scope
        String report = viewerA.get("/api/v1/reports/province?month=" + java.time.YearMonth.now() + "&format=csv").body();
        assertThat(report).contains("Xã Đội Cấn").doesNotContain("Xã Hòa Lạc");
        assertThat(admin.get("/api/v1/reports/province?month=" + java.time.YearMonth.now() + "&format=csv").body())
                .contains("Xã Hòa Lạc");

        // certificates of stations outside the scope are not a technician's to issue or revoke
        assertThat(technicianA.post("/api/v1/stations/" + sb.id() + "/enrollment", "{}").status()).isEqualTo(404);
        assertThat(technicianA.post("/api/v1/stations/" + sb.id() + "/revoke", "{}").status()).isEqualTo(404);
    }
}
