package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import java.util.function.LongFunction;
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

/**
 * Issue 13, finding 1 for ids in request BODIES: a station, area, zone, commune or bulletin id outside the caller's
 * scope is answered exactly like an id that does not exist — same status, same code, same text but for the id —
 * on every route that takes target ids. Each row names one route and one id field; the test sends it once with
 * commune B's id and once with an id that does not exist, as a caller scoped to commune A (or province P for
 * the province's dispatches), over real HTTP on loopback.
 */
@Tag("e2e")
@Timeout(120)
class TargetScopeApiTest {
    static final String PASSWORD = "mật-khẩu-đủ-dài-123";
    static final long MISSING = 987_654_321L;

    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient admin;
    static ApiClient operatorA;
    static ApiClient technicianA;
    static ApiClient operatorP;
    static long p;
    static long a;
    static long b;
    static long communeQ;
    static ApiFixtures.StationRef sa;
    static ApiFixtures.StationRef sb;
    static long bulletinA;
    static long bulletinQ;
    static long quietRuleB;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        admin = controller.admin();
        p = ApiFixtures.province(admin);
        a = ApiFixtures.area(admin, "Xã Đội Cấn", "COMMUNE", p);
        b = ApiFixtures.area(admin, "Xã Hòa Lạc", "COMMUNE", p);
        long q = ApiFixtures.area(admin, "Tỉnh Cao Bằng", "PROVINCE", null);
        communeQ = ApiFixtures.area(admin, "Xã Quảng Uyên", "COMMUNE", q);
        sa = ApiFixtures.station(admin, "Đài Đội Cấn", a, 1);
        sb = ApiFixtures.station(admin, "Đài Hòa Lạc", b, 1);
        operatorA = account("op.a", "OPERATOR", a);
        technicianA = account("tech.a", "TECHNICIAN", a);
        operatorP = account("op.p", "OPERATOR", p);
        ApiClient operatorQ = account("op.q", "OPERATOR", q);
        bulletinA = ApiFixtures.uploadWav(operatorA, "Tin xã Đội Cấn", TestWav.tone(16000, 1.0)).id();
        bulletinQ = ApiFixtures.uploadWav(operatorQ, "Tin bí mật Cao Bằng", TestWav.tone(16000, 1.0)).id();
        ObjectNode rule = quietRule().put("stationId", sb.id());
        ApiClient.Response r = admin.post("/api/v1/quiet-rules", rule);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        quietRuleB = r.json().get("id").asLong();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static ApiClient account(String username, String role, long scope) {
        ObjectNode body = ApiClient.json().createObjectNode().put("username", username).put("password", PASSWORD)
                .put("role", role).put("scopeAreaId", scope);
        ApiClient.Response r = admin.post("/api/v1/accounts", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return new ApiClient(controller.httpPort()).login(username, PASSWORD);
    }

    /**
     * {@code hours} from now, moved on 3 h when that falls near the noon quiet hours this test sets (11:30–13:30):
     * run between 09:30 and 11:30 in Vietnam, a schedule 2 h ahead was refused as QUIET_HOURS_CONFLICT.
     */
    static String later(int hours) {
        ZonedDateTime t = ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusHours(hours).withNano(0);
        if (!t.toLocalTime().isBefore(LocalTime.of(11, 0)) && t.toLocalTime().isBefore(LocalTime.of(14, 0))) {
            t = t.plusHours(3);
        }
        return t.toOffsetDateTime().toString();
    }

    static ObjectNode schedule(String field, long id) {
        ObjectNode body = ApiFixtures.schedule(bulletinA,
                ApiClient.json().createObjectNode().put("type", "once").put("at", later(2)));
        ApiFixtures.targets(body).withArray(field).add(id);
        return body;
    }

    static ObjectNode announcement(String field, long id) {
        ObjectNode body = ApiClient.json().createObjectNode().put("title", "Thông báo").put("priority", "PRIORITY")
                .put("chime", false).put("startAt", later(24));
        body.putObject("targets").putArray(field).add(id);
        body.putObject("source").put("type", "text").put("text", "Xin chào bà con");
        return body;
    }

    static ObjectNode relay(String field, long id) {
        ObjectNode body = ApiClient.json().createObjectNode().put("title", "Tiếp sóng VOV1")
                .put("url", "http://203.0.113.9:9/vov1.mp3").put("from", LocalDate.now().toString());
        body.putObject("targets").putArray(field).add(id);
        body.putArray("windows").addObject().put("start", "06:00").put("end", "06:30");
        return body;
    }

    static ObjectNode quietRule() {
        return ApiClient.json().createObjectNode().put("name", "Giờ nghỉ trưa").put("from", "11:30").put("to", "13:30")
                .put("effect", "HOLD_BACK").put("overrideFrom", "PRIORITY");
    }

    static ObjectNode dispatch(long bulletin, long commune) {
        ObjectNode body = ApiClient.json().createObjectNode().put("title", "Tin của tỉnh").put("bulletinId", bulletin)
                .put("level", "NORMAL").put("proposedAt", later(30));
        body.putArray("communeIds").add(commune);
        return body;
    }

    /** One route and one id in its body: {@code body} builds the request around the id under test. */
    record Row(String name, Supplier<ApiClient> caller, String method, Supplier<String> path, LongFunction<Object> body,
            Supplier<Long> outOfScope) {
        @Override
        public String toString() {
            return name;
        }
    }

    static Row row(String name, Supplier<ApiClient> caller, String path, LongFunction<Object> body, Supplier<Long> id) {
        return new Row(name, caller, "POST", () -> path, body, id);
    }

    static Stream<Arguments> routes() {
        Supplier<ApiClient> op = () -> operatorA;
        return Stream.of(
                row("schedule → station of B", op, "/api/v1/schedules", id -> schedule("stationIds", id), () -> sb.id()),
                row("schedule → zone of B", op, "/api/v1/schedules", id -> schedule("zoneIds", id), () -> sb.zoneIds().get(0)),
                row("schedule → area B", op, "/api/v1/schedules", id -> schedule("areaIds", id), () -> b),
                row("schedule → the province above the scope", op, "/api/v1/schedules", id -> schedule("areaIds", id), () -> p),
                row("announcement → station of B", op, "/api/v1/announcements", id -> announcement("stationIds", id),
                        () -> sb.id()),
                row("announcement → zone of B", op, "/api/v1/announcements", id -> announcement("zoneIds", id),
                        () -> sb.zoneIds().get(0)),
                row("announcement → area B", op, "/api/v1/announcements", id -> announcement("areaIds", id), () -> b),
                row("relay → station of B", op, "/api/v1/relays", id -> relay("stationIds", id), () -> sb.id()),
                row("relay → zone of B", op, "/api/v1/relays", id -> relay("zoneIds", id), () -> sb.zoneIds().get(0)),
                row("relay → area B", op, "/api/v1/relays", id -> relay("areaIds", id), () -> b),
                row("quiet rule → station of B", op, "/api/v1/quiet-rules", id -> quietRule().put("stationId", id),
                        () -> sb.id()),
                new Row("quiet rule of B deleted", op, "DELETE", () -> null, id -> null, () -> quietRuleB),
                row("station in area B", () -> technicianA, "/api/v1/stations",
                        id -> Map.of("name", "Đài mới", "areaId", id), () -> b),
                row("station in A with a zone in area B", () -> technicianA, "/api/v1/stations",
                        id -> Map.of("name", "Đài mới", "areaId", a, "zones", List.of(Map.of("name", "Thôn", "areaId", id))),
                        () -> b),
                row("dispatch to a commune of another province", () -> operatorP, "/api/v1/dispatches",
                        id -> dispatch(bulletinA, id), () -> communeQ),
                row("dispatch of another province's bulletin", () -> operatorP, "/api/v1/dispatches",
                        id -> dispatch(id, a), () -> bulletinQ),
                row("command naming a zone of B", () -> technicianA, "/api/v1/stations/" + sa.id() + "/commands",
                        id -> Map.of("type", "TEST_TONE", "zoneId", id, "seconds", 5), () -> sb.zoneIds().get(0)))
                .map(Arguments::of);
    }

    static ApiClient.Response call(Row row, long id) {
        ApiClient api = row.caller().get();
        if (row.method().equals("DELETE")) {
            return api.delete("/api/v1/quiet-rules/" + id);
        }
        return api.post(row.path().get(), row.body().apply(id));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("routes")
    void anIdOutsideTheScopeAnswersLikeOneThatDoesNotExist(Row row) {
        long hiddenId = row.outOfScope().get();
        ApiClient.Response hidden = call(row, hiddenId);
        ApiClient.Response absent = call(row, MISSING);
        assertThat(hidden.status()).as("%s: %s", row, hidden.body()).isEqualTo(absent.status()).isIn(400, 404, 409);
        assertThat(hidden.body().replace(Long.toString(hiddenId), "ID")).as(row.toString())
                .isEqualTo(absent.body().replace(Long.toString(MISSING), "ID"));
        if (hidden.json() != null && hidden.json().has("code")) {
            assertThat(hidden.json().get("code").asText()).as(row.toString()).isNotEqualTo("TARGETS_OUTSIDE_SCOPE");
        }
        // nothing else about B leaks: its names stay hidden
        assertThat(hidden.body()).doesNotContain("Hòa Lạc", "Cao Bằng", "Quảng Uyên");
    }

    @Test
    void targetIdsInBodiesAreTheOne404NotFound() {
        ApiClient.Response r = operatorA.post("/api/v1/schedules", schedule("stationIds", sb.id()));
        assertThat(r.status()).as(r.body()).isEqualTo(404);
        assertThat(r.json().get("code").asText()).isEqualTo("NOT_FOUND");
        assertThat(r.json().get("params").get("kind").asText()).isEqualTo("STATION");
        // the caller's own targets still pass; the admin sees everything
        assertThat(operatorA.post("/api/v1/schedules", schedule("stationIds", sa.id())).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/schedules", schedule("stationIds", sb.id())).status()).isEqualTo(201);
    }

    @Test
    void anObjectSeenButReachingBeyondTheScopeIsRefusedWithoutNamingWhatLiesOutside() {
        ObjectNode wide = schedule("areaIds", p);
        ApiClient.Response created = admin.post("/api/v1/schedules", wide);
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        long schedule = created.json().get("id").asLong();
        ApiClient.Response r = operatorA.delete("/api/v1/schedules/" + schedule);
        assertThat(r.status()).as(r.body()).isEqualTo(403);
        assertThat(r.json().get("code").asText()).isEqualTo("REACHES_OUTSIDE_SCOPE");
        assertThat(r.json().get("params").get("id").asLong()).isEqualTo(schedule);
        assertThat(r.error()).doesNotContain("area " + p);

        ObjectNode both = announcement("stationIds", sa.id());
        ((com.fasterxml.jackson.databind.node.ArrayNode) both.get("targets").get("stationIds")).add(sb.id());
        ApiClient.Response ann = admin.post("/api/v1/announcements", both);
        assertThat(ann.status()).as(ann.body()).isEqualTo(201);
        long id = ann.json().get("id").asLong();
        ApiClient.Response stop = operatorA.delete("/api/v1/announcements/" + id);
        assertThat(stop.status()).as(stop.body()).isEqualTo(403);
        assertThat(stop.json().get("code").asText()).isEqualTo("REACHES_OUTSIDE_SCOPE");
        assertThat(stop.json().get("params").get("id").asLong()).isEqualTo(id);
        assertThat(stop.error()).doesNotContain("station");
    }
}
