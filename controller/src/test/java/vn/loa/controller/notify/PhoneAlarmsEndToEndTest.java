package vn.loa.controller.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.alarm.AlarmKey;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;

/**
 * Issue 20's done-when for phones: a fake Telegram Bot API gateway (a real HTTP server) gets each new alarm as a
 * short Vietnamese text for the people whose area holds the station; a non-urgent alarm is not sent to someone in
 * their quiet period, an urgent one is.
 */
@Tag("e2e")
@Timeout(90)
class PhoneAlarmsEndToEndTest {
    private static final String BOT_TOKEN = "123456789:AAFakeTokenForTheTestGateway";

    @TempDir
    Path dir;
    private TestController controller;
    private HttpServer gateway;
    private final List<String[]> sent = new CopyOnWriteArrayList<>(); // path, body

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        if (gateway != null) {
            gateway.stop(0);
        }
    }

    @Test
    void alarmsReachThePeopleOfTheirAreaAndNotDuringAQuietPeriodUnlessUrgent() throws Exception {
        gateway = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 10);
        gateway.createContext("/", ex -> {
            sent.add(new String[] {ex.getRequestURI().getPath(),
                    new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)});
            byte[] ok = "{\"ok\":true}".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(200, ok.length);
            ex.getResponseBody().write(ok);
            ex.close();
        });
        gateway.start();
        controller = TestController.start(dir, SecurityConfig.off().withRelayAllow(List.of("127.0.0.1")));
        ApiClient admin = controller.admin();
        long province = admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")).json()
                .get("id").asLong();
        long doiCan = admin.post("/api/v1/areas", Map.of("name", "Xã Đội Cấn", "kind", "COMMUNE", "parentId", province))
                .json().get("id").asLong();
        long kienMoc = admin.post("/api/v1/areas", Map.of("name", "Xã Kiên Mộc", "kind", "COMMUNE", "parentId",
                province)).json().get("id").asLong();
        long station = admin.post("/api/v1/stations", Map.of("name", "Đài xã Đội Cấn", "areaId", doiCan,
                "zones", List.of(Map.of("name", "Thôn 1")))).json().get("id").asLong();

        ApiClient.Response gw = admin.send(admin.builder("/api/v1/phone/gateway").header("Content-Type", "application/json")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString(ApiClient.json().writeValueAsString(Map.of(
                        "baseUrl", "http://127.0.0.1:" + gateway.getAddress().getPort(), "botToken", BOT_TOKEN)))));
        assertThat(gw.status()).as(gw.body()).isEqualTo(200);
        assertThat(gw.body()).doesNotContain(BOT_TOKEN);
        LocalTime now = LocalTime.now(ZoneId.of("Asia/Ho_Chi_Minh"));
        // the province technician is in a quiet period now; the commune's is not; the other commune's sees nothing
        assertThat(admin.post("/api/v1/phone/recipients", Map.of("name", "Kỹ thuật tỉnh", "chatId", "1001",
                "quietFrom", now.minusHours(1).withSecond(0).withNano(0).toString(),
                "quietTo", now.plusHours(1).withSecond(0).withNano(0).toString())).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/phone/recipients", Map.of("name", "Kỹ thuật xã Đội Cấn", "chatId", "2002",
                "areaId", doiCan)).status()).isEqualTo(201);
        assertThat(admin.post("/api/v1/phone/recipients", Map.of("name", "Kỹ thuật xã Kiên Mộc", "chatId", "3003",
                "areaId", kienMoc)).status()).isEqualTo(201);

        // non-urgent: only the commune's technician (the province's is in a quiet period)
        controller.controller().alarms().assess(station, Set.of(AlarmKind.DISK_LOW),
                Map.of(AlarmKey.of(AlarmKind.DISK_LOW), "còn 3 %"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 1);
        // urgent: both, quiet period or not
        controller.controller().alarms().assess(station, Set.of(AlarmKind.STATION_OFFLINE),
                Map.of(AlarmKey.of(AlarmKind.STATION_OFFLINE), "không có tín hiệu"));
        await().atMost(Duration.ofSeconds(30)).until(() -> sent.size() == 3);
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10)).until(() -> sent.size() == 3);

        Map<String, List<String>> byChat = new HashMap<>();
        for (String[] s : sent) {
            assertThat(s[0]).isEqualTo("/bot" + BOT_TOKEN + "/sendMessage");
            JsonNode m = ApiClient.json().readTree(s[1]);
            byChat.computeIfAbsent(m.get("chat_id").asText(), k -> new java.util.ArrayList<>()).add(m.get("text").asText());
        }
        assertThat(byChat).containsOnlyKeys("1001", "2002");
        assertThat(byChat.get("2002")).hasSize(2);
        assertThat(byChat.get("2002").get(0)).startsWith("[Loa] Sắp hết dung lượng lưu trữ – Đài xã Đội Cấn (Xã Đội Cấn)");
        assertThat(byChat.get("1001")).singleElement().asString()
                .startsWith("[Loa] KHẨN: Đài mất kết nối – Đài xã Đội Cấn (Xã Đội Cấn) – lúc ");
    }
}
