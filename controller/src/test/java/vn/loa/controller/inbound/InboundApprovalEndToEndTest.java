package vn.loa.controller.inbound;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
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
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.TestWav;

/**
 * Inbound bulletins take the console's approval path: in a province that requires approval, a NORMAL bulletin's
 * dispatch is held until a reviewer approves its bulletin (then sent, with a second receipt), a PRIORITY one whose
 * bulletin is rejected is never sent, and an EMERGENCY (fresh audio) does not wait, as the console's announcements
 * never do.
 */
@Tag("e2e")
@Timeout(120)
class InboundApprovalEndToEndTest {
    private static final String PASSWORD = "mật-khẩu-đủ-dài-2026";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void heldForTheReviewerLikeTheConsolesAndEmergenciesDoNotWait() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller"),
                SecurityConfig.off().withRelayAllow(List.of("127.0.0.1"))));
        ApiClient admin = controller.admin();
        long province = id(admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE", "code", "20")));
        long commune = id(admin.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE",
                "parentId", province, "code", "06253")));
        id(admin.post("/api/v1/stations", Map.of("name", "Đài xã Đội Cấn", "areaId", commune,
                "zones", List.of(Map.of("name", "Thôn 1")))));
        ApiClient.Response patched = admin.send(admin.builder("/api/v1/areas/" + province)
                .header("Content-Type", "application/json")
                .method("PATCH", HttpRequest.BodyPublishers.ofString("{\"requiresApproval\": true}")));
        assertThat(patched.status()).as(patched.body()).isEqualTo(200);
        id(admin.post("/api/v1/accounts", Map.of("username", "he_thong_tinh", "password", PASSWORD, "role", "OPERATOR",
                "scopeAreaId", province)));
        ApiClient upstream = new ApiClient(controller.httpPort()).login("he_thong_tinh", PASSWORD);
        Instant now = Instant.now();

        // NORMAL: its bulletin (uploaded by the upstream's account, so pending) holds the dispatch
        long normalAudio = id(upstream.upload("/api/v1/bulletins", "Tin tiêm phòng", "tiem-phong.wav",
                TestWav.tone(24_000, 1.0)));
        ApiClient.Response normal = upstream.post("/api/v1/exchange/bulletins", Map.of("ref", "T20-A1", "level", "NORMAL",
                "title", "Tin tiêm phòng", "gsoCodes", List.of("06253"), "bulletinId", normalAudio,
                "proposedAt", now.plus(Duration.ofHours(3)).toString(),
                "respondBy", now.plus(Duration.ofHours(1)).toString()));
        assertThat(normal.status()).as(normal.body()).isEqualTo(201);
        assertThat(normal.json().get("approval").asText()).isEqualTo("PENDING");
        assertThat(normal.json().get("dispatchId").isNull()).isTrue();
        assertThat(Dispatches.bulletins(admin)).isEmpty();
        // the reviewer approves the bulletin: the dispatch goes down then
        ApiClient.Response approved = admin.post("/api/v1/bulletins/" + normalAudio + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(Dispatches.bulletins(admin)).containsExactly(normalAudio);

        // PRIORITY: held, then its bulletin is rejected: never sent
        long priorityAudio = id(upstream.upload("/api/v1/bulletins", "Lịch cắt điện", "cat-dien.wav",
                TestWav.tone(24_000, 1.0)));
        ApiClient.Response priority = upstream.post("/api/v1/exchange/bulletins", Map.of("ref", "T20-A2",
                "level", "PRIORITY", "title", "Lịch cắt điện", "gsoCodes", List.of("06253"), "bulletinId", priorityAudio,
                "proposedAt", now.plus(Duration.ofHours(2)).toString(), "windowMinutes", 30));
        assertThat(priority.status()).as(priority.body()).isEqualTo(201);
        assertThat(priority.json().get("approval").asText()).isEqualTo("PENDING");
        assertThat(admin.post("/api/v1/bulletins/" + priorityAudio + "/reject", Map.of("note", "Sai lịch")).status())
                .isEqualTo(200);
        assertThat(Dispatches.bulletins(admin)).containsExactly(normalAudio);
        // a rejected bulletin cannot be sent down again
        ApiClient.Response again = upstream.post("/api/v1/exchange/bulletins", Map.of("ref", "T20-A3",
                "level", "PRIORITY", "title", "Lịch cắt điện", "gsoCodes", List.of("06253"), "bulletinId", priorityAudio,
                "proposedAt", now.plus(Duration.ofHours(2)).toString(), "windowMinutes", 30));
        assertThat(again.status()).as(again.body()).isEqualTo(400);
        assertThat(again.body()).contains("rejected");

        // EMERGENCY with its audio fetched now: on the air at once, no approval asked
        HttpServer audio = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        byte[] wav = TestWav.tone(24_000, 1.0);
        audio.createContext("/lu.wav", ex -> {
            ex.sendResponseHeaders(200, wav.length);
            ex.getResponseBody().write(wav);
            ex.close();
        });
        audio.start();
        try {
            ApiClient.Response emergency = upstream.post("/api/v1/exchange/bulletins", Map.of("ref", "T20-A4",
                    "level", "EMERGENCY", "title", "Cảnh báo lũ", "gsoCodes", List.of("06253"),
                    "audioUrl", "http://127.0.0.1:" + audio.getAddress().getPort() + "/lu.wav"));
            assertThat(emergency.status()).as(emergency.body()).isEqualTo(201);
            assertThat(emergency.json().get("approval").asText()).isEqualTo("APPROVED");
            assertThat(emergency.json().get("announcementId").isNull()).isFalse();
        } finally {
            audio.stop(0);
        }

        // the receipts, and the decisions' receipts, go back through the exchange
        Map<String, JsonNode> records = new java.util.HashMap<>();
        for (JsonNode r : upstream.get("/api/v1/exchange/records?limit=1000").json().get("records")) {
            records.put(r.get("key").asText(), r.get("data"));
        }
        assertThat(records).containsKeys("inbound:T20-A1", "inbound:T20-A1:APPROVED", "inbound:T20-A2",
                "inbound:T20-A2:REJECTED", "inbound:T20-A4").doesNotContainKey("inbound:T20-A3");
        assertThat(records.get("inbound:T20-A1").get("approval").asText()).isEqualTo("PENDING");
        assertThat(records.get("inbound:T20-A1:APPROVED").get("dispatchId").asLong())
                .isEqualTo(Dispatches.idOf(admin, normalAudio));
        assertThat(records.get("inbound:T20-A2:REJECTED").get("dispatchId").isNull()).isTrue();
    }


    private static long id(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
