package vn.loa.controller.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.TestWav;

/**
 * Issue 20's done-when for inbound bulletins, on real agents: an emergency from the authenticated upstream plays at
 * once on the stations of the communes its GSO codes name (and not elsewhere; its audio uploaded first), a normal one lands in the communes'
 * inboxes with its audio fetched from a URL, the same ref twice is taken once, an unauthenticated sender is refused,
 * and the receipt and the broadcast log go back through the exchange, readable by the province's account.
 */
@Tag("e2e")
@Timeout(150)
class InboundBulletinEndToEndTest {
    private static final String PASSWORD = "mật-khẩu-đủ-dài-2026";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void emergencyPlaysAtOnceNormalLandsInTheInboxesUnauthenticatedIsRefused() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller"),
                SecurityConfig.off().withRelayAllow(List.of("127.0.0.1"))));
        ApiClient admin = controller.admin();
        long province = id(admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE", "code", "20")));
        Map<String, Long> communeOf = new HashMap<>();
        Map<String, Long> stationOf = new HashMap<>();
        List<TestAgent> agents = new ArrayList<>();
        for (String code : List.of("06253", "06254", "06255")) {
            long commune = id(admin.post("/api/v1/areas", Map.of("name", "Xã " + code, "kind", "COMMUNE",
                    "parentId", province, "code", code)));
            communeOf.put(code, commune);
            JsonNode s = admin.post("/api/v1/stations", Map.of("name", "Đài xã " + code, "areaId", commune,
                    "zones", List.of(Map.of("name", "Thôn 1")))).json();
            stationOf.put(code, s.get("id").asLong());
            agents.add(running.keep(TestAgent.start(controller.agentPort(), s.get("id").asLong(),
                    s.get("secret").asText(), dir.resolve("agents"))));
        }
        id(admin.post("/api/v1/accounts", Map.of("username", "he_thong_tinh", "password", PASSWORD, "role", "OPERATOR",
                "scopeAreaId", province)));
        ApiClient upstreamSession = new ApiClient(controller.httpPort()).login("he_thong_tinh", PASSWORD);
        String token = upstreamSession.post("/api/v1/tokens", Map.of("name", "nguồn tỉnh")).json().get("token").asText();
        long uploaded = id(upstreamSession.upload("/api/v1/bulletins", "Cảnh báo lũ quét", "lu-quet.wav",
                TestWav.tone(24_000, 2.0)));
        await().atMost(Duration.ofSeconds(30)).until(() -> agents.stream()
                .allMatch(a -> a.agent().isConnected() && a.agent().clock().isSynchronised()));
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + controller.httpPort();

        // unauthenticated: refused, nothing happens
        assertThat(post(http, base, null, Map.of("ref", "T20-0000", "level", "EMERGENCY", "title", "Giả mạo",
                "gsoCodes", List.of("06253"), "text", "Giả mạo")).statusCode()).isEqualTo(401);
        Map<String, Object> emergency = Map.of("ref", "T20-0001", "level", "EMERGENCY", "title", "Cảnh báo lũ quét",
                "gsoCodes", List.of("06253", "06254"), "bulletinId", uploaded);

        // emergency: on the air at once at the two communes named, not at the third
        Instant before = Instant.now();
        HttpResponse<String> sent = post(http, base, token, emergency);
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        JsonNode receipt = ApiClient.json().readTree(sent.body());
        long announcement = receipt.get("announcementId").asLong();
        assertThat(receipt.get("communeIds")).hasSize(2);
        for (String code : List.of("06253", "06254")) {
            JsonNode p = awaitPlay(admin, stationOf.get(code));
            assertThat(p.get("priority").asText()).isEqualTo("EMERGENCY");
            assertThat(Duration.between(before, Instant.parse(p.get("startedAt").asText()))).isLessThan(Duration.ofSeconds(15));
        }
        assertThat(admin.get("/api/v1/plays?stationId=" + stationOf.get("06255")).json()).isEmpty();
        // the same ref again: taken once
        HttpResponse<String> again = post(http, base, token, emergency);
        assertThat(again.statusCode()).as(again.body()).isEqualTo(200);
        assertThat(ApiClient.json().readTree(again.body()).get("duplicate").asBoolean()).isTrue();

        // normal: the audio fetched from a URL, an item in each named commune's inbox
        HttpServer audio = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        byte[] wav = TestWav.tone(24_000, 1.0);
        audio.createContext("/ban-tin.wav", ex -> {
            ex.sendResponseHeaders(200, wav.length);
            ex.getResponseBody().write(wav);
            ex.close();
        });
        audio.start();
        try {
            Instant now = Instant.now();
            HttpResponse<String> normal = post(http, base, token, Map.of("ref", "T20-0002", "level", "NORMAL",
                    "title", "Tin tiêm phòng", "gsoCodes", List.of("06255"),
                    "audioUrl", "http://127.0.0.1:" + audio.getAddress().getPort() + "/ban-tin.wav",
                    "proposedAt", now.plus(Duration.ofHours(3)).toString(),
                    "respondBy", now.plus(Duration.ofHours(1)).toString()));
            assertThat(normal.statusCode()).as(normal.body()).isEqualTo(201);
            long dispatch = ApiClient.json().readTree(normal.body()).get("dispatchId").asLong();
            JsonNode d = dispatchOf(admin, dispatch);
            assertThat(d.get("source").asText()).isEqualTo("PROVINCE_SYSTEM");
            assertThat(d.toString()).contains(String.valueOf(communeOf.get("06255"))).contains("PENDING");
        } finally {
            audio.stop(0);
        }
        // a code nobody carries: refused with the code named
        HttpResponse<String> unknown = post(http, base, token, Map.of("ref", "T20-0003", "level", "EMERGENCY",
                "title", "x", "gsoCodes", List.of("99999"), "text", "Thử"));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(unknown.body()).contains("GSO_CODE_UNKNOWN").contains("99999");

        // a commune's account may not pull the province's records; the province's (below) may
        assertCommuneAccountMayNotPull(admin, controller.httpPort(), communeOf.get("06253"));
        // the receipt and the emergency's broadcast log go back through the exchange
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode records = upstreamSession.get("/api/v1/exchange/records?limit=1000").json().get("records");
            List<String> keys = new ArrayList<>();
            long plays = 0;
            for (JsonNode r : records) {
                keys.add(r.get("key").asText());
                if (r.get("kind").asText().equals("broadcast-log") && r.at("/data/broadcastId").asLong() == announcement) {
                    plays++;
                }
            }
            assertThat(keys).contains("inbound:T20-0001", "inbound:T20-0002").doesNotContain("inbound:T20-0003", "inbound:T20-0000");
            assertThat(plays).isEqualTo(2);
        });
    }

    private static void assertCommuneAccountMayNotPull(ApiClient admin, int port, long commune) {
        id(admin.post("/api/v1/accounts", Map.of("username", "xa_06253", "password", PASSWORD, "role", "VIEWER",
                "scopeAreaId", commune)));
        ApiClient.Response r = new ApiClient(port).login("xa_06253", PASSWORD).get("/api/v1/exchange/records");
        assertThat(r.status()).isEqualTo(403);
        assertThat(r.body()).contains("ROLE_FORBIDDEN");
    }

    private static HttpResponse<String> post(HttpClient http, String base, String token, Map<String, Object> body)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/api/v1/exchange/bulletins"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(ApiClient.json().writeValueAsString(body)));
        if (token != null) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private static JsonNode dispatchOf(ApiClient api, long id) {
        for (JsonNode d : api.get("/api/v1/dispatches").json()) {
            if (d.get("id").asLong() == id) {
                return d;
            }
        }
        throw new AssertionError("no dispatch " + id + " in " + api.get("/api/v1/dispatches").body());
    }

    private static JsonNode awaitPlay(ApiClient api, long station) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(60)).until(() -> {
            for (JsonNode p : api.get("/api/v1/plays?stationId=" + station).json()) {
                if (p.hasNonNull("startedAt")) {
                    found[0] = p;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static long id(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
