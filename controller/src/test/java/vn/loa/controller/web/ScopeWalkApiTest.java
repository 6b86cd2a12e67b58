package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/**
 * Issue 13, finding 1: an operator scoped to commune A walks THE ROUTER'S OWN TABLE — every route, every id
 * kind it takes — with ids of commune B's objects and with ids that do not exist; both are the same 404
 * (nothing but the id differs), so a route added later is covered without editing this test. And a bulletin
 * of B named in the body of a schedule or an announcement is the same 404, its title never shown.
 */
@Tag("e2e")
@Timeout(120)
class ScopeWalkApiTest {
    static final String PASSWORD = "mật-khẩu-đủ-dài-123";
    static final long MISSING = 987_654_321L;

    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient admin;
    static ApiClient operatorA;
    static final Map<ObjectKind, Long> outOfScope = new EnumMap<>(ObjectKind.class);
    static long stationA;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        admin = controller.admin();
        long p = ApiFixtures.province(admin);
        long a = ApiFixtures.area(admin, "Xã Đội Cấn", "COMMUNE", p);
        long b = ApiFixtures.area(admin, "Xã Hòa Lạc", "COMMUNE", p);
        stationA = ApiFixtures.station(admin, "Đài Đội Cấn", a, 1).id();
        ApiFixtures.StationRef sb = ApiFixtures.station(admin, "Đài Hòa Lạc", b, 1);
        operatorA = account("op.a", a);
        ApiClient operatorB = account("op.b", b);
        long bulletinB = ApiFixtures.uploadWav(operatorB, "Bí mật của xã Hòa Lạc", TestWav.tone(16000, 1.0)).id();
        outOfScope.put(ObjectKind.STATION, sb.id());
        outOfScope.put(ObjectKind.ZONE, sb.zoneIds().get(0));
        outOfScope.put(ObjectKind.AREA, b);
        outOfScope.put(ObjectKind.BULLETIN, bulletinB);
        outOfScope.put(ObjectKind.SCHEDULE, created(admin.post("/api/v1/schedules", schedule(bulletinB, sb.id()))));
        ObjectNode announcement = ApiClient.json().createObjectNode().put("title", "Thông báo").put("priority", "PRIORITY")
                .put("chime", false).put("startAt", ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusDays(1)
                        .withNano(0).toOffsetDateTime().toString());
        announcement.putObject("targets").putArray("stationIds").add(sb.id());
        announcement.putObject("source").put("type", "text").put("text", "Xin chào");
        outOfScope.put(ObjectKind.ANNOUNCEMENT, created(admin.post("/api/v1/announcements", announcement)));
        ObjectNode relay = ApiClient.json().createObjectNode().put("title", "Tiếp sóng VOV1")
                .put("url", "http://203.0.113.9:9/vov1.mp3").put("from", java.time.LocalDate.now().toString());
        relay.putObject("targets").putArray("stationIds").add(sb.id());
        relay.putArray("windows").addObject().put("start", "06:00").put("end", "06:30");
        outOfScope.put(ObjectKind.RELAY, created(admin.post("/api/v1/relays", relay)));
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static ApiClient account(String username, long scope) {
        ObjectNode body = ApiClient.json().createObjectNode().put("username", username).put("password", PASSWORD)
                .put("role", "OPERATOR").put("scopeAreaId", scope);
        ApiClient.Response r = admin.post("/api/v1/accounts", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new ApiClient(controller.httpPort()).login(username, PASSWORD);
    }

    static long created(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static ObjectNode schedule(long bulletin, long station) {
        String at = ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusHours(2).withNano(0).toOffsetDateTime().toString();
        ObjectNode body = ApiFixtures.schedule(bulletin, ApiClient.json().createObjectNode().put("type", "once").put("at", at));
        ApiFixtures.targets(body).withArray("stationIds").add(station);
        return body;
    }

    static ApiClient.Response call(Router.Route route, Map<ObjectKind, Long> ids) {
        String path = route.template();
        for (var id : route.ids().entrySet()) {
            path = path.replace("{" + id.getKey() + "}", Long.toString(ids.get(id.getValue())));
        }
        HttpRequest.BodyPublisher body = route.method().name().equals("GET") || route.method().name().equals("DELETE")
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString("{}");
        return operatorA.send(operatorA.builder(path).header("Content-Type", "application/json")
                .method(route.method().name(), body));
    }

    @Test
    void everyRouteAnswersTheSame404ForOutOfScopeAndMissingIds() {
        List<Router.Route> withIds = controller.controller().router().routes().stream()
                .filter(r -> !r.ids().isEmpty()).toList();
        assertThat(withIds).extracting(r -> r.ids().values().iterator().next()).contains(ObjectKind.STATION,
                ObjectKind.BULLETIN, ObjectKind.SCHEDULE, ObjectKind.ANNOUNCEMENT, ObjectKind.RELAY, ObjectKind.AREA);
        Map<ObjectKind, Long> missing = new EnumMap<>(ObjectKind.class);
        outOfScope.keySet().forEach(k -> missing.put(k, MISSING));
        for (Router.Route route : withIds) {
            ApiClient.Response hidden = call(route, outOfScope);
            ApiClient.Response absent = call(route, missing);
            String what = route.method() + " " + route.template();
            assertThat(hidden.status()).as(what + ": " + hidden.body()).isEqualTo(404);
            assertThat(absent.status()).as(what + ": " + absent.body()).isEqualTo(404);
            assertThat(hidden.json().get("code").asText()).as(what).isEqualTo("NOT_FOUND");
            String hiddenBody = hidden.body();
            for (long id : outOfScope.values()) {
                hiddenBody = hiddenBody.replace(Long.toString(id), "ID");
            }
            assertThat(hiddenBody).as(what).isEqualTo(absent.body().replace(Long.toString(MISSING), "ID"));
        }
    }

    @Test
    void aBulletinOutsideTheScopeCannotBeScheduledOrAnnouncedAndItsTitleStaysHidden() {
        long bulletinB = outOfScope.get(ObjectKind.BULLETIN);
        ApiClient.Response scheduled = operatorA.post("/api/v1/schedules", schedule(bulletinB, stationA));
        ApiClient.Response scheduledMissing = operatorA.post("/api/v1/schedules", schedule(MISSING, stationA));
        assertThat(scheduled.status()).as(scheduled.body()).isEqualTo(404);
        assertThat(scheduled.body()).doesNotContain("Bí mật")
                .isEqualTo(scheduledMissing.body().replace(Long.toString(MISSING), Long.toString(bulletinB)));
        ObjectNode announcement = ApiClient.json().createObjectNode().put("title", "Thông báo").put("priority", "PRIORITY")
                .put("chime", false);
        announcement.putObject("targets").putArray("stationIds").add(stationA);
        announcement.putObject("source").put("type", "bulletin").put("bulletinId", bulletinB);
        ApiClient.Response announced = operatorA.post("/api/v1/announcements", announcement);
        assertThat(announced.status()).as(announced.body()).isEqualTo(404);
        assertThat(announced.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(announced.json().get("params").get("kind").asText()).isEqualTo("BULLETIN");
        assertThat(announced.body()).doesNotContain("Bí mật");
        // the same bulletin is the admin's to schedule
        assertThat(admin.post("/api/v1/schedules", schedule(bulletinB, stationA)).status()).isEqualTo(201);
    }
}
