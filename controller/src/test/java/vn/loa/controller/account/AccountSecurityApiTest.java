package vn.loa.controller.account;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.ApiFixtures;
import vn.loa.controller.web.TestWav;

/** Accounts, CSRF, API tokens, sign-in throttling and approval, through the real HTTP API. */
@Tag("e2e")
@Timeout(120)
class AccountSecurityApiTest {
    static final String PASSWORD = "mật-khẩu-đủ-dài-123";

    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient admin;
    static long province;
    static long commune;
    static ApiFixtures.StationRef station;
    static long bulletin;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        admin = controller.admin();
        province = ApiFixtures.province(admin);
        commune = ApiFixtures.area(admin, "Xã Tú Xuyên", "COMMUNE", province);
        station = ApiFixtures.station(admin, "Đài Tú Xuyên", commune, 1);
        bulletin = ApiFixtures.uploadWav(admin, "Bản tin", TestWav.tone(16000, 1.0)).id();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    static long createAccount(String username, String role, Long scope) {
        ObjectNode body = ApiClient.json().createObjectNode().put("username", username).put("password", PASSWORD)
                .put("role", role);
        body.put("scopeAreaId", scope);
        ApiClient.Response r = admin.post("/api/v1/accounts", body);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    static ApiClient signIn(String username) {
        return new ApiClient(controller.httpPort()).login(username, PASSWORD);
    }

    static ObjectNode schedule(long bulletinId) {
        String at = ZonedDateTime.now(ZoneId.of("Asia/Ho_Chi_Minh")).plusHours(2).withNano(0).toOffsetDateTime().toString();
        ObjectNode body = ApiFixtures.schedule(bulletinId, ApiClient.json().createObjectNode().put("type", "once").put("at", at));
        ApiFixtures.targets(body).withArray("stationIds").add(station.id());
        return body;
    }

    static HttpRequest.Builder post(ApiClient anon, String path, Object body) throws Exception {
        return anon.builder(path).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.json().writeValueAsString(body)));
    }

    @Test
    void cookieRequestsThatChangeStateNeedTheCsrfHeaderBearerOnesDoNot() throws Exception {
        createAccount("csrf.op", "OPERATOR", commune);
        ApiClient anon = new ApiClient(controller.httpPort());
        ApiClient.Response login = anon.post("/api/v1/session", Map.of("username", "csrf.op", "password", PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        String csrf = login.json().get("csrfToken").asText();
        assertThat(login.json().get("scopeAreaId").asLong()).isEqualTo(commune);
        List<String> cookies = login.raw().headers().allValues("Set-Cookie");
        assertThat(cookies).hasSize(2);
        assertThat(cookies.get(0)).startsWith("loa_session=").containsIgnoringCase("HttpOnly");
        assertThat(cookies.get(1)).startsWith("loa_csrf=" + csrf + ";").contains("SameSite=Strict").contains("Path=/")
                .doesNotContainIgnoringCase("HttpOnly");
        String cookie = cookies.get(0).substring(0, cookies.get(0).indexOf(';'));

        ApiClient.Response me = anon.send(anon.builder("/api/v1/session").header("Cookie", cookie).GET());
        assertThat(me.json().get("csrfToken").asText()).isEqualTo(csrf);
        assertThat(me.json().get("role").asText()).isEqualTo("OPERATOR");

        ApiClient.Response without = anon.send(post(anon, "/api/v1/schedules", schedule(bulletin)).header("Cookie", cookie));
        assertThat(without.status()).as(without.body()).isEqualTo(403);
        assertThat(without.error()).contains("X-CSRF-Token");
        ApiClient.Response wrong = anon.send(post(anon, "/api/v1/schedules", schedule(bulletin)).header("Cookie", cookie)
                .header("X-CSRF-Token", "not-it"));
        assertThat(wrong.status()).isEqualTo(403);
        ApiClient.Response with = anon.send(post(anon, "/api/v1/schedules", schedule(bulletin)).header("Cookie", cookie)
                .header("X-CSRF-Token", csrf));
        assertThat(with.status()).as(with.body()).isEqualTo(201);
        // reads need no header; the same session as a bearer token needs none either
        assertThat(anon.send(anon.builder("/api/v1/schedules").header("Cookie", cookie).GET()).status()).isEqualTo(200);
        ApiClient.Response bearer = anon.send(post(anon, "/api/v1/schedules", schedule(bulletin))
                .header("Authorization", "Bearer " + login.json().get("token").asText()));
        assertThat(bearer.status()).as(bearer.body()).isEqualTo(201);
        // signing out by cookie is a state change too
        ApiClient.Response out = anon.send(anon.builder("/api/v1/session").header("Cookie", cookie).DELETE());
        assertThat(out.status()).isEqualTo(403);
    }

    @Test
    void aCookieWebSocketMustComeFromThisControllersPage() throws Exception {
        ApiClient anon = new ApiClient(controller.httpPort());
        ApiClient.Response login = anon.post("/api/v1/session", Map.of("username", "admin", "password", TestController.ADMIN_PASSWORD));
        String token = login.json().get("token").asText();
        try (var socket = new java.net.Socket("127.0.0.1", controller.httpPort())) {
            String req = "GET /api/v1/announcements/1/live HTTP/1.1\r\nHost: 127.0.0.1:" + controller.httpPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://evil.example\r\n"
                    + "Cookie: loa_session=" + token + "\r\n\r\n";
            socket.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
            assertThat(status).contains("403");
        }
        try (var socket = new java.net.Socket("127.0.0.1", controller.httpPort())) {
            String req = "GET /api/v1/announcements/999/live HTTP/1.1\r\nHost: 127.0.0.1:" + controller.httpPort()
                    + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Version: 13\r\n"
                    + "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nOrigin: http://127.0.0.1:" + controller.httpPort()
                    + "\r\nCookie: loa_session=" + token + "\r\n\r\n";
            socket.getOutputStream().write(req.getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String status = new java.io.BufferedReader(new java.io.InputStreamReader(socket.getInputStream())).readLine();
            assertThat(status).as("same origin passes the check; no such live announcement").contains("409");
        }
    }

    @Test
    void apiTokensActWithTheOwnersRoleAndScopeAndCanBeRevoked() {
        long other = ApiFixtures.area(admin, "Xã Hữu Lễ", "COMMUNE", province);
        ApiFixtures.StationRef otherStation = ApiFixtures.station(admin, "Đài Hữu Lễ", other, 1);
        createAccount("token.op", "OPERATOR", commune);
        ApiClient op = signIn("token.op");
        ApiClient.Response issued = op.post("/api/v1/tokens", Map.of("name", "cron", "expiresInDays", 30));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().get("token").asText();
        long tokenId = issued.json().get("id").asLong();
        ApiClient anon = new ApiClient(controller.httpPort());
        ApiClient.Response mine = anon.send(anon.builder("/api/v1/schedules").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(schedule(bulletin).toString())));
        assertThat(mine.status()).as(mine.body()).isEqualTo(201);
        ObjectNode outside = schedule(bulletin);
        ApiFixtures.targets(outside).withArray("stationIds").removeAll().add(otherStation.id());
        ApiClient.Response theirs = anon.send(anon.builder("/api/v1/schedules").header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(outside.toString())));
        // a station outside the scope answers as one that does not exist (issue 13)
        assertThat(theirs.status()).isEqualTo(404);
        assertThat(theirs.error()).isEqualTo("no such station: " + otherStation.id());
        // a token cannot be used as the session cookie
        assertThat(anon.send(anon.builder("/api/v1/stations").header("Cookie", "loa_session=" + token).GET()).status())
                .isEqualTo(401);
        assertThat(op.get("/api/v1/tokens").json().toString()).contains("\"cron\"").doesNotContain(token);
        assertThat(admin.get("/api/v1/tokens").json().toString()).doesNotContain("\"cron\"");
        assertThat(admin.delete("/api/v1/tokens/" + tokenId).status()).as("not the admin's token").isEqualTo(404);
        assertThat(op.delete("/api/v1/tokens/" + tokenId).status()).isEqualTo(204);
        assertThat(anon.send(anon.builder("/api/v1/stations").header("Authorization", "Bearer " + token).GET()).status())
                .isEqualTo(401);
        assertThat(op.post("/api/v1/tokens", Map.of("name", "x", "expiresInDays", 0)).status()).isEqualTo(400);
    }

    @Test
    void signInIsThrottledFromTheFailingAddressButNeverLocksTheAccount() {
        createAccount("slow.down", "VIEWER", commune);
        ApiClient attacker = new ApiClient(controller.httpPort(), "127.0.0.3");
        for (int i = 0; i <= LoginThrottle.USER_FREE_FAILURES; i++) {
            assertThat(attacker.post("/api/v1/session", Map.of("username", "slow.down", "password", "sai-mat-khau-" + i))
                    .status()).isEqualTo(401);
        }
        ApiClient.Response delayed = attacker.post("/api/v1/session", Map.of("username", "slow.down", "password", PASSWORD));
        assertThat(delayed.status()).as("from the failing address even the right password waits").isEqualTo(429);
        long retryAfter = Long.parseLong(delayed.raw().headers().firstValue("Retry-After").orElseThrow());
        assertThat(retryAfter).isBetween(1L, LoginThrottle.MAX_DELAY.toSeconds());
        assertThat(delayed.json().get("code").asText()).isEqualTo("SIGN_IN_THROTTLED");
        // the real user, from an address with no failures, signs in at once; so does everyone else
        assertThat(new ApiClient(controller.httpPort(), "127.0.0.4").login("slow.down", PASSWORD).token()).isNotNull();
        assertThat(new ApiClient(controller.httpPort()).login("admin", TestController.ADMIN_PASSWORD).token()).isNotNull();
    }

    @Test
    void whileAnAttackerKeepsFailingAgainstAdminTheRealAdminSignsInFromAnotherAddressAtOnce() {
        ApiClient attacker = new ApiClient(controller.httpPort(), "127.0.0.5");
        int refused = 0;
        for (int i = 0; i < 20; i++) {
            int status = attacker.post("/api/v1/session", Map.of("username", "admin", "password", "đoán-" + i)).status();
            assertThat(status).isIn(401, 429);
            refused += status == 429 ? 1 : 0;
            ApiClient realAdmin = new ApiClient(controller.httpPort(), "127.0.0.6");
            assertThat(realAdmin.login("admin", TestController.ADMIN_PASSWORD).token()).as("attempt " + i).isNotNull();
        }
        assertThat(refused).as("the attacker is slowed down").isGreaterThan(0);
        // the admin's open session keeps working throughout
        assertThat(admin.get("/api/v1/session").status()).isEqualTo(200);
    }

    @Test
    void accountsAreAdminOnlyAndTheLastAdminStays() {
        long id = createAccount("tech.x", "TECHNICIAN", commune);
        ApiClient tech = signIn("tech.x");
        assertThat(tech.get("/api/v1/accounts").status()).isEqualTo(403);
        assertThat(tech.send(tech.builder("/api/v1/accounts/" + id).method("PATCH",
                HttpRequest.BodyPublishers.ofString("{\"role\":\"ADMIN\"}"))).status()).isEqualTo(403);
        long adminId = admin.get("/api/v1/session").json().get("id").asLong();
        ApiClient.Response demote = patch("/api/v1/accounts/" + adminId, "{\"role\":\"OPERATOR\",\"scopeAreaId\":" + commune + "}");
        assertThat(demote.status()).as(demote.body()).isEqualTo(409);
        assertThat(demote.error()).contains("last enabled admin");
        assertThat(patch("/api/v1/accounts/" + adminId, "{\"disabled\":true}").status()).isEqualTo(409);
        assertThat(admin.delete("/api/v1/accounts/" + adminId).status()).isEqualTo(409);

        // validation: every problem at once
        ApiClient.Response bad = admin.post("/api/v1/accounts", Map.of("username", "x", "password", "ngắn", "role", "OPERATOR"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).contains("username:").contains("password: at least 10 characters").contains("scopeAreaId: required");
        // each problem coded (issue 15: the console renders them in Vietnamese), the role by its stable name
        assertThat(bad.json().get("errors")).extracting(e -> e.get("code").asText()).containsExactly("USERNAME_FORMAT",
                "TOO_SHORT", "SCOPE_REQUIRED");
        assertThat(bad.json().get("errors").get(2).get("params").get("role").asText()).isEqualTo("OPERATOR");
        assertThat(demote.json().get("code").asText()).isEqualTo("LAST_ADMIN");
        assertThat(admin.post("/api/v1/accounts", Map.of("username", "tech.x", "password", PASSWORD, "role", "VIEWER",
                "scopeAreaId", commune)).status()).isEqualTo(409);

        // the admin widens the technician's scope; it applies to the existing session at once
        assertThat(tech.get("/api/v1/areas").json().size()).isEqualTo(1);
        assertThat(patch("/api/v1/accounts/" + id, "{\"scopeAreaId\":" + province + "}").status()).isEqualTo(200);
        assertThat(tech.get("/api/v1/areas").json().size()).isGreaterThan(1);
        // disabling ends its sessions
        assertThat(patch("/api/v1/accounts/" + id, "{\"disabled\":true}").status()).isEqualTo(200);
        assertThat(tech.get("/api/v1/areas").status()).isEqualTo(401);
        assertThat(admin.delete("/api/v1/accounts/" + id).status()).isEqualTo(204);
        assertThat(admin.get("/api/v1/accounts").json().toString()).doesNotContain("tech.x");
    }

    @Test
    void aUserChangesTheirOwnPassword() {
        createAccount("pw.user", "VIEWER", commune);
        ApiClient user = signIn("pw.user");
        ApiClient other = signIn("pw.user");
        ApiClient.Response wrong = user.post("/api/v1/session/password", Map.of("current", "sai", "new", "mot-mat-khau-moi"));
        assertThat(wrong.status()).isEqualTo(400);
        assertThat(user.post("/api/v1/session/password", Map.of("current", PASSWORD, "new", "ngắn")).status()).isEqualTo(400);
        assertThat(user.post("/api/v1/session/password", Map.of("current", PASSWORD, "new", "mot-mat-khau-moi")).status())
                .isEqualTo(204);
        assertThat(user.get("/api/v1/session").status()).as("this session stays").isEqualTo(200);
        assertThat(other.get("/api/v1/session").status()).as("other sessions end").isEqualTo(401);
        new ApiClient(controller.httpPort()).login("pw.user", "mot-mat-khau-moi");
    }

    static ApiClient.Response patch(String path, String body) {
        return admin.send(admin.builder(path).header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString(body)));
    }

    @Test
    void anAreaCanRequireApprovalOfItsOperatorsWork() {
        long village = ApiFixtures.area(admin, "Xã Kiên Mộc", "COMMUNE", province);
        ApiFixtures.StationRef st = ApiFixtures.station(admin, "Đài Kiên Mộc", village, 1);
        assertThat(patch("/api/v1/areas/" + village, "{\"requiresApproval\":true}").json().get("requiresApproval").asBoolean())
                .isTrue();
        createAccount("author", "OPERATOR", village);
        createAccount("reviewer", "OPERATOR", village);
        createAccount("viewer.k", "VIEWER", village);
        ApiClient author = signIn("author");
        ApiClient reviewer = signIn("reviewer");

        ApiClient.Response up = author.upload("/api/v1/bulletins", "Tin xã", "tin.wav", TestWav.tone(16000, 1.0));
        assertThat(up.status()).as(up.body()).isEqualTo(201);
        assertThat(up.json().get("approval").asText()).isEqualTo("PENDING");
        long b = up.json().get("id").asLong();
        ObjectNode s = schedule(b);
        ApiFixtures.targets(s).withArray("stationIds").removeAll().add(st.id());
        ApiClient.Response refused = author.post("/api/v1/schedules", s);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.error()).contains("bulletin " + b + " is PENDING approval");
        ObjectNode ann = ApiClient.json().createObjectNode().put("title", "x").put("priority", "EMERGENCY");
        ann.putObject("targets").putArray("stationIds").add(st.id());
        ann.putObject("source").put("type", "bulletin").put("bulletinId", b);
        assertThat(author.post("/api/v1/announcements", ann).status()).isEqualTo(400);

        assertThat(author.post("/api/v1/bulletins/" + b + "/approve", Map.of()).status()).as("not one's own").isEqualTo(403);
        assertThat(signIn("viewer.k").post("/api/v1/bulletins/" + b + "/approve", Map.of()).status()).isEqualTo(403);
        ApiClient.Response approved = reviewer.post("/api/v1/bulletins/" + b + "/approve", Map.of("note", "đã nghe"));
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("approval").asText()).isEqualTo("APPROVED");
        assertThat(reviewer.post("/api/v1/bulletins/" + b + "/approve", Map.of()).status()).isEqualTo(409);

        // the schedule waits for approval; the planner ignores it meanwhile
        ApiClient.Response sch = author.post("/api/v1/schedules", s);
        assertThat(sch.status()).as(sch.body()).isEqualTo(201);
        assertThat(sch.json().get("approval").asText()).isEqualTo("PENDING");
        long scheduleId = sch.json().get("id").asLong();
        assertThat(admin.get("/api/v1/stations/" + st.id()).json().get("plannedItems").asInt()).isZero();
        assertThat(reviewer.post("/api/v1/schedules/" + scheduleId + "/approve", Map.of()).status()).isEqualTo(200);
        assertThat(admin.get("/api/v1/schedules/" + scheduleId).json().get("approval").asText()).isEqualTo("APPROVED");
        // approved: the planner plans it shortly
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(
                admin.get("/api/v1/stations/" + st.id()).json().get("plannedItems").asInt()).isEqualTo(1));

        // a rejected schedule never airs; the admin's own work needs no approval
        long second = author.post("/api/v1/schedules", s).json().get("id").asLong();
        ApiClient.Response rejected = admin.post("/api/v1/schedules/" + second + "/reject", Map.of("note", "sai giờ"));
        assertThat(rejected.json().get("approval").asText()).isEqualTo("REJECTED");
        assertThat(admin.get("/api/v1/stations/" + st.id()).json().get("plannedItems").asInt()).isEqualTo(1);
        assertThat(admin.post("/api/v1/schedules", s).json().get("approval").asText()).isEqualTo("APPROVED");
        // an announcement is never subject to approval: urgent ones go at once
        ann.with("source").put("bulletinId", b);
        ApiClient.Response urgent = author.post("/api/v1/announcements", ann);
        assertThat(urgent.status()).as(urgent.body()).isEqualTo(201);
    }
}
