package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.health.Fixtures;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;

/** The inbox API refuses through the one Rejection type: a stable code and parameters the console translates. */
@Tag("e2e")
@Timeout(60)
class InboxRejectionApiTest {
    private static final String PASSWORD = "mật-khẩu-đủ-dài-2026";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void refusalsCarryTheirCodes() throws Exception {
        TestController controller = running.keep(TestController.start(dir));
        ApiClient admin = controller.admin();
        long province = Fixtures.area(admin, "Tỉnh Lạng Sơn", "PROVINCE", null);
        long commune = Fixtures.area(admin, "Xã Đội Cấn", "COMMUNE", province);
        assertThat(admin.post("/api/v1/accounts", Map.of("username", "xa_doi_can", "password", PASSWORD,
                "role", "OPERATOR", "scopeAreaId", commune)).status()).isEqualTo(201);
        ApiClient communeOperator = new ApiClient(controller.httpPort()).login("xa_doi_can", PASSWORD);
        // a bulletin that exists: an unknown one is refused as NOT_FOUND before the body is checked (docs/api.md)
        long bulletin = ApiFixtures.uploadWav(admin, "Tin tỉnh", TestWav.tone(16000, 1.0)).id();
        Map<String, Object> dispatch = Map.of("title", "Tin", "bulletinId", bulletin, "level", "NORMAL",
                "communeIds", List.of(commune), "proposedAt", "2099-01-01T07:00:00+07:00");

        ApiClient.Response notProvince = communeOperator.post("/api/v1/dispatches", dispatch);
        assertThat(notProvince.status()).isEqualTo(403);
        assertThat(notProvince.json().get("code").asText()).isEqualTo("ROLE_FORBIDDEN");
        assertThat(notProvince.json().get("params").get("who").asText()).isEqualTo("PROVINCE_LEVEL");
        assertThat(notProvince.json().get("params").get("action").asText()).isEqualTo("SEND_DOWN");

        ApiClient.Response level = admin.post("/api/v1/dispatches", Map.of("title", "Tin", "bulletinId", bulletin,
                "level", "URGENT", "communeIds", List.of(commune)));
        assertThat(level.json().get("code").asText()).as(level.body()).isEqualTo("NOT_ONE_OF");

        ApiClient.Response noTime = admin.post("/api/v1/dispatches", Map.of("title", "Tin", "bulletinId", bulletin,
                "level", "NORMAL", "communeIds", List.of(commune)));
        assertThat(noTime.json().get("code").asText()).as(noTime.body()).isEqualTo("REQUIRED");

        ApiClient.Response unknown = communeOperator.post("/api/v1/inbox/999999/decline", Map.of("reason", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("params").get("kind").asText()).isEqualTo("INBOX_ITEM");
    }
}
