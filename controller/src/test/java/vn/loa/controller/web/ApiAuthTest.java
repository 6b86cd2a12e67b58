package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vn.loa.controller.account.AccountRepository;
import vn.loa.controller.account.Tokens;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/** Who may call the API, and how the HTTP layer answers requests it cannot route or read. */
@Tag("e2e")
@Timeout(60)
class ApiAuthTest {
    @TempDir
    static Path dir;

    static TestController controller;
    static ApiClient admin;

    @BeforeAll
    static void start() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        admin = controller.admin();
    }

    @AfterAll
    static void stop() {
        if (controller != null) {
            controller.close();
        }
    }

    /** Every route that needs a session: method, path. */
    static final List<String[]> PROTECTED = List.of(
            new String[] {"GET", "/api/v1/session"},
            new String[] {"DELETE", "/api/v1/session"},
            new String[] {"GET", "/api/v1/areas"},
            new String[] {"POST", "/api/v1/areas"},
            new String[] {"GET", "/api/v1/stations"},
            new String[] {"GET", "/api/v1/stations/1"},
            new String[] {"POST", "/api/v1/stations"},
            new String[] {"GET", "/api/v1/bulletins"},
            new String[] {"GET", "/api/v1/bulletins/1"},
            new String[] {"POST", "/api/v1/bulletins"},
            new String[] {"GET", "/api/v1/schedules"},
            new String[] {"GET", "/api/v1/schedules/1"},
            new String[] {"POST", "/api/v1/schedules"},
            new String[] {"DELETE", "/api/v1/schedules/1"},
            new String[] {"GET", "/api/v1/plays"});

    private static ApiClient anonymous() {
        return new ApiClient(controller.httpPort());
    }

    private static ApiClient.Response call(String method, String path, UnaryOperator<HttpRequest.Builder> auth) {
        HttpRequest.Builder b = anonymous().builder(path);
        b = switch (method) {
            case "GET" -> b.GET();
            case "DELETE" -> b.DELETE();
            default -> b.header("Content-Type", "application/json")
                    .method(method, HttpRequest.BodyPublishers.ofString("{\"name\":\"x\"}"));
        };
        return anonymous().send(auth.apply(b));
    }

    private static void assertAllRefused(String what, UnaryOperator<HttpRequest.Builder> auth) {
        for (String[] route : PROTECTED) {
            ApiClient.Response r = call(route[0], route[1], auth);
            assertThat(r.status()).as("%s %s %s: %s", what, route[0], route[1], r.body()).isEqualTo(401);
            assertThat(r.error()).as("%s %s %s", what, route[0], route[1]).contains("sign in first");
        }
    }

    private static void assertAllAccepted(String what, UnaryOperator<HttpRequest.Builder> auth) {
        for (String[] route : PROTECTED) {
            if (route[0].equals("DELETE")) {
                continue; // would end the session, or delete something
            }
            ApiClient.Response r = call(route[0], route[1], auth);
            assertThat(r.status()).as("%s %s %s: %s", what, route[0], route[1], r.body()).isNotEqualTo(401);
        }
    }

    @Test
    void everyProtectedEndpointRefusesARequestWithoutCredentials() {
        assertAllRefused("no credentials", b -> b);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer wrong", "Bearer ", "Bearer 0123456789abcdefghijklmnopqrstuvwxyzABCDEFG",
            "Basic YWRtaW46dGVzdC1hZG1pbi1wYXNzd29yZA==", "Token abc"})
    void everyProtectedEndpointRefusesAnUnknownToken(String authorization) {
        assertAllRefused(authorization, b -> b.header("Authorization", authorization));
    }

    @Test
    void everyProtectedEndpointRefusesAnOverlongToken() {
        String token = "A".repeat(5000);
        assertAllRefused("overlong token", b -> b.header("Authorization", "Bearer " + token));
    }

    @Test
    void everyProtectedEndpointRefusesAnUnknownSessionCookie() {
        assertAllRefused("bogus cookie", b -> b.header("Cookie", "loa_session=not-a-session"));
        assertAllRefused("cookie of another name", b -> b.header("Cookie", "session=" + admin.token()));
    }

    @Test
    void anExpiredSessionIsRefused() {
        long adminId = admin.get("/api/v1/session").json().get("id").asLong();
        String token = new Tokens().newToken();
        new AccountRepository(new Jdbc(controller.controller().database()))
                .createSession(Tokens.sha256Hex(token), adminId, Instant.now().minusSeconds(60));
        assertAllRefused("expired token", b -> b.header("Authorization", "Bearer " + token));
        assertAllRefused("expired cookie", b -> b.header("Cookie", "loa_session=" + token));
    }

    @Test
    void aSignedOutTokenIsRefused() {
        ApiClient other = controller.admin();
        assertThat(other.get("/api/v1/session").status()).isEqualTo(200);
        ApiClient.Response out = other.delete("/api/v1/session");
        assertThat(out.status()).isEqualTo(204);
        assertThat(out.raw().headers().firstValue("Set-Cookie").orElseThrow()).contains("loa_session=").contains("Max-Age=0");
        assertAllRefused("signed-out token", b -> b.header("Authorization", "Bearer " + other.token()));
        // the admin's other session is untouched
        assertThat(admin.get("/api/v1/session").status()).isEqualTo(200);
    }

    @Test
    void theBearerTokenAndTheSessionCookieBothWork() {
        ApiClient.Response login = anonymous().post("/api/v1/session",
                Map.of("username", "admin", "password", TestController.ADMIN_PASSWORD));
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.json().get("role").asText()).isEqualTo("ADMIN");
        assertThat(Instant.parse(login.json().get("expiresAt").asText())).isAfter(Instant.now().plusSeconds(3600));
        String token = login.json().get("token").asText();
        String setCookie = login.raw().headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(setCookie).startsWith("loa_session=" + token + ";").containsIgnoringCase("HttpOnly")
                .contains("Path=/").contains("SameSite=Strict");
        String cookie = setCookie.substring(0, setCookie.indexOf(';'));

        assertAllAccepted("bearer", b -> b.header("Authorization", "Bearer " + token));
        assertAllAccepted("cookie", b -> b.header("Cookie", cookie));
        assertAllAccepted("cookie among others", b -> b.header("Cookie", "theme=dark; " + cookie + "; lang=vi"));
        ApiClient.Response me = anonymous().send(anonymous().builder("/api/v1/session").header("Cookie", cookie).GET());
        assertThat(me.status()).isEqualTo(200);
        assertThat(me.json().get("username").asText()).isEqualTo("admin");
    }

    @Test
    void healthAndSignInNeedNoSession() {
        ApiClient.Response health = anonymous().get("/api/v1/health");
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().get("status").asText()).isEqualTo("ok");
        assertThat(anonymous().post("/api/v1/session",
                Map.of("username", "admin", "password", TestController.ADMIN_PASSWORD)).status()).isEqualTo(200);
    }

    @Test
    void aWrongPasswordOrUnknownUserIs401() {
        ApiClient.Response wrong = anonymous().post("/api/v1/session", Map.of("username", "admin", "password", "nope"));
        assertThat(wrong.status()).isEqualTo(401);
        assertThat(wrong.error()).contains("wrong username or password");
        assertThat(wrong.raw().headers().firstValue("Set-Cookie")).isEmpty();
        ApiClient.Response unknown = anonymous().post("/api/v1/session", Map.of("username", "ghost", "password", "nope"));
        assertThat(unknown.status()).isEqualTo(401);
        assertThat(unknown.error()).isEqualTo(wrong.error());
    }

    @Test
    void signInWithMissingFieldsIs400NamingThem() {
        ApiClient.Response r = anonymous().post("/api/v1/session", Map.of("password", 42));
        assertThat(r.status()).isEqualTo(400);
        assertThat(r.error()).contains("username: required").contains("password: required");
    }

    @Test
    void malformedJsonIs400WithAReason() {
        ApiClient.Response broken = admin.post("/api/v1/areas", "{\"name\": \"Xã\", ");
        assertThat(broken.status()).isEqualTo(400);
        assertThat(broken.error()).startsWith("the body is not valid JSON: ");
        ApiClient.Response array = admin.post("/api/v1/areas", "[1, 2]");
        assertThat(array.status()).isEqualTo(400);
        assertThat(array.error()).contains("must be a JSON object");
        ApiClient.Response empty = admin.post("/api/v1/stations", "");
        assertThat(empty.status()).isEqualTo(400);
        assertThat(empty.error()).contains("needs a JSON body");
        ApiClient.Response signIn = anonymous().post("/api/v1/session", "{username: admin}");
        assertThat(signIn.status()).isEqualTo(400);
        assertThat(signIn.error()).startsWith("the body is not valid JSON: ");
    }

    @Test
    void unknownPathsAre404() {
        // "/" serves the web console (ConsoleServingTest)
        for (String path : List.of("/api/v1/nothing", "/api/v2/stations", "/api/v1/stations/1/zones",
                "/api/v1/health/deep")) {
            ApiClient.Response r = admin.get(path);
            assertThat(r.status()).as(path).isEqualTo(404);
            assertThat(r.error()).as(path).contains("no such resource");
            assertThat(anonymous().get(path).status()).as(path + " without a session").isEqualTo(404);
        }
        assertThat(admin.get("/api/v1/stations/abc").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/stations/999999").status()).isEqualTo(404);
        assertThat(admin.get("/api/v1/bulletins/999999").status()).isEqualTo(404);
    }

    @Test
    void wrongMethodsAre405() {
        for (String[] route : List.of(new String[] {"PUT", "/api/v1/stations"}, new String[] {"DELETE", "/api/v1/areas"},
                new String[] {"POST", "/api/v1/health"}, new String[] {"PATCH", "/api/v1/schedules/1"},
                new String[] {"PUT", "/api/v1/session"}, new String[] {"DELETE", "/api/v1/plays"})) {
            ApiClient.Response r = call(route[0], route[1], b -> b.header("Authorization", "Bearer " + admin.token()));
            assertThat(r.status()).as("%s %s: %s", route[0], route[1], r.body()).isEqualTo(405);
            assertThat(r.error()).contains(route[0] + " is not allowed on " + route[1]);
        }
    }

    @Test
    void aGarbledHttpRequestIs400AndTheServerGoesOn() throws Exception {
        try (Socket s = new Socket("127.0.0.1", controller.httpPort())) {
            s.setSoTimeout(10_000);
            OutputStream out = s.getOutputStream();
            out.write("GET /api/v1/health HTTP/1.1\r\nHost: x\r\nContent-Length: banana\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            InputStream in = s.getInputStream();
            String answer = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            assertThat(answer).startsWith("HTTP/1.1 400");
        }
        assertThat(anonymous().get("/api/v1/health").status()).isEqualTo(200);
    }
}
