package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.alarm.AlarmKey;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.exchange.FakeUpstream;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;

/**
 * The connectors page on a phone (412×915) in a real headless Chromium against a real controller: it shows the
 * exchange endpoint with the delivery counts its outbox really has, the phone recipients and the admin's API tokens
 * (the senders of inbound bulletins) as cards; a webhook subscribed from the page's form is stored with its events
 * and then receives a signed event. Only texts of the Vietnamese catalogue, and nothing wider than the screen.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(300)
class ConsoleConnectorsPhoneTest {
    private static final String SECRET = "bi-mat-dung-chung-0123456789";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void anAdminSeesTheConnectorsAndSubscribesAWebhookFromThePhone() throws Exception {
        FakeUpstream province = running.keep(new FakeUpstream(SECRET));
        FakeUpstream hook = running.keep(new FakeUpstream(SECRET));
        TestController controller = running.keep(TestController.start(dir.resolve("controller"),
                SecurityConfig.off().withRelayAllow(List.of("127.0.0.1"))));
        ApiClient admin = controller.admin();
        long province1 = ConsoleFixture.id(admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")));
        ApiClient.Response set = admin.send(admin.builder("/api/v1/exchange/endpoint")
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        ApiClient.json().writeValueAsString(Map.of("url", province.url(), "secret", SECRET)))));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        ApiClient.Response gateway = admin.send(admin.builder("/api/v1/phone/gateway")
                .header("Content-Type", "application/json").PUT(java.net.http.HttpRequest.BodyPublishers.ofString(
                        ApiClient.json().writeValueAsString(Map.of("baseUrl", hook.url(), "botToken", "123456:bot-token-cua-xa")))));
        assertThat(gateway.status()).as(gateway.body()).isEqualTo(200);
        ApiClient.Response person = admin.post("/api/v1/phone/recipients", Map.of("name", "Nguyễn Văn Kỹ Thuật",
                "chatId", "987654321", "areaId", province1, "quietFrom", "22:00", "quietTo", "06:00"));
        assertThat(person.status()).as(person.body()).isEqualTo(201);
        ApiClient.Response token = admin.post("/api/v1/tokens", Map.of("name", "Nguồn tin Sở Thông tin", "expiresInDays", 30));
        assertThat(token.status()).as(token.body()).isEqualTo(201);
        long upstreamAccount = ConsoleFixture.id(admin.post("/api/v1/accounts", Map.of("username", "he_thong_tinh",
                "password", "mat-khau-he-thong-tinh-2026", "role", "OPERATOR", "scopeAreaId", province1)));
        // something for the exchange to push: an alarm record
        controller.controller().alarms().assess(5, Set.of(AlarmKind.STATION_OFFLINE),
                Map.of(AlarmKey.of(AlarmKind.STATION_OFFLINE), "no heartbeat for 90 s"));
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode e = admin.get("/api/v1/exchange/endpoint").json();
            return e.get("delivered").asLong() > 0 && e.get("pending").asLong() == 0;
        });
        JsonNode endpoint = admin.get("/api/v1/exchange/endpoint").json();
        assertThat(endpoint.get("lastDeliveredAt").asText()).isNotEmpty();
        String delivered = endpoint.get("delivered").asText();
        assertThat(province.accepted()).hasSize(Integer.parseInt(delivered));

        List<String> data = new ArrayList<>(List.of(province.url(), hook.url(), "Tỉnh Lạng Sơn", "Nguyễn Văn Kỹ Thuật",
                "987654321", "Nguồn tin Sở Thông tin", "admin", "he_thong_tinh", "Hệ thống tỉnh gửi tin", gateway.json().get("url").asText()));
        Browser b = running.keep(Browser.open(controller.httpPort(), dir.resolve("chromium"), false));
        b.size(412, 915);
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        b.go("/connectors");
        String row = "#exchange-table tr[data-endpoint-id='" + endpoint.get("id").asLong() + "']";
        b.find(row);
        assertThat(b.attr("#exchange-table", "class")).contains("cards");
        assertThat(b.text(row + " .url")).isEqualTo(province.url());
        assertThat(b.text(row + " .delivered")).isEqualTo(delivered);
        assertThat(b.text(row + " .pending")).isEqualTo("0");
        assertThat(b.text(row + " .last-delivered")).matches(".*\\d\\d:\\d\\d:\\d\\d.*");
        assertThat(b.text(row + " .endpoint-alarm")).isEqualTo("Không có");
        assertThat(b.text("#recipient-table")).contains("Nguyễn Văn Kỹ Thuật").contains("Tỉnh Lạng Sơn")
                .contains("22:00–06:00");
        assertThat(b.text("#token-table")).contains("Nguồn tin Sở Thông tin").contains("Toàn hệ thống")
                .contains("admin · Quản trị");
        assertThat(b.text("#webhook-list")).contains("Chưa đăng ký webhook nào.");
        assertThat(b.text("#phone-gateway")).contains(gateway.json().get("url").asText()).doesNotContain("bot-token-cua-xa");
        b.screenshot("phone-connectors");
        b.assertVietnameseAndFits("connectors", data);

        // a short secret is refused in Vietnamese before anything is sent, nothing stored
        b.type("#webhook-url", hook.url());
        b.type("#webhook-secret", "ngan");
        b.click("#webhook-event-STATION_OFFLINE");
        b.click("#webhook-subscribe");
        b.waitFor(Duration.ofSeconds(10)).until(d -> !b.text("#connectors-error").isEmpty());
        assertThat(b.text("#connectors-error")).isEqualTo("Khoá bí mật phải có ít nhất 16 ký tự.");
        b.assertVietnameseAndFits("connectors-refused", data);
        assertThat(admin.get("/api/v1/webhooks").json()).isEmpty();

        // subscribed from the form: stored with its events, shown as a card, and it takes the event it chose
        b.find("#webhook-secret").clear();
        b.type("#webhook-secret", SECRET);
        b.click("#webhook-subscribe");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#webhook-list").contains(hook.url()));
        JsonNode stored = admin.get("/api/v1/webhooks").json();
        assertThat(stored).hasSize(1);
        assertThat(stored.get(0).get("url").asText()).isEqualTo(hook.url());
        assertThat(stored.get(0).get("events").toString()).isEqualTo("[\"STATION_OFFLINE\"]");
        assertThat(b.text("#webhook-table")).contains("Đài mất kết nối");
        controller.controller().alarms().assess(6, Set.of(AlarmKind.STATION_OFFLINE),
                Map.of(AlarmKey.of(AlarmKind.STATION_OFFLINE), "no heartbeat for 90 s"));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(hook.accepted()).hasSize(1));
        String hookRow = "#webhook-table tr[data-webhook-id='" + stored.get(0).get("id").asLong() + "']";
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/webhooks").json().get(0).get("delivered").asLong() == 1);
        b.go("/");
        b.go("/connectors");
        b.waitFor(Duration.ofSeconds(15)).until(d -> "1".equals(b.text(hookRow + " .delivered")));
        assertThat(b.text(hookRow + " .last-delivered")).matches(".*\\d\\d:\\d\\d:\\d\\d.*");
        b.assertVietnameseAndFits("connectors-webhook", data);

        // a sender's token issued from the page for the province system's operator account: shown once, listed
        // with the account's scope, and it authenticates
        new org.openqa.selenium.support.ui.Select(b.find("#token-account")).selectByValue(Long.toString(upstreamAccount));
        b.type("#token-name", "Hệ thống tỉnh gửi tin");
        b.click("#token-create");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#token-secret").startsWith("loa_"));
        String secret = b.text("#token-secret");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#token-table").contains("Hệ thống tỉnh gửi tin"));
        JsonNode senders = admin.get("/api/v1/exchange/senders").json();
        JsonNode issued = null;
        for (JsonNode t : senders) {
            if (t.get("accountId").asLong() == upstreamAccount) {
                issued = t;
            }
        }
        assertThat(issued).as(senders.toString()).isNotNull();
        assertThat(issued.get("name").asText()).isEqualTo("Hệ thống tỉnh gửi tin");
        assertThat(senders.toString()).doesNotContain(secret);
        String tokenRow = "#token-table tr[data-token-id='" + issued.get("id").asLong() + "']";
        assertThat(b.text(tokenRow + " .account")).isEqualTo("he_thong_tinh · Vận hành");
        assertThat(b.text(tokenRow + " .scope")).isEqualTo("Tỉnh Lạng Sơn");
        ApiClient.Response asSender = admin.send(java.net.http.HttpRequest.newBuilder(
                java.net.URI.create("http://127.0.0.1:" + controller.httpPort() + "/api/v1/session"))
                .header("Authorization", "Bearer " + secret).GET());
        assertThat(asSender.status()).as(asSender.body()).isEqualTo(200);
        assertThat(asSender.json().get("username").asText()).isEqualTo("he_thong_tinh");
        data.add(secret);
        b.assertVietnameseAndFits("connectors-sender", data);
        b.click("#lang-switch");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#conn-webhooks-card h2").startsWith("Webhooks"));
        b.click("#lang-switch");
        assertThat(b.severeLogs()).as("browser console errors").isEmpty();
    }
}
