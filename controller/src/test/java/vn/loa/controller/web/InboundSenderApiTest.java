package vn.loa.controller.web;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;

/**
 * The senders of inbound bulletins ({@code /api/v1/exchange/senders}): an admin issues a token for the province
 * system's operator account (shown once, listed without its secret, with the account and scope), it authenticates as
 * that account until revoked; a viewer account cannot be a sender; only admins manage them.
 */
@Tag("e2e")
@Timeout(120)
class InboundSenderApiTest {
    private static final String PASSWORD = "mat-khau-du-dai-2026";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void anAdminIssuesListsAndRevokesASendersToken() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient admin = controller.admin();
        long province = id(admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")));
        long operator = id(admin.post("/api/v1/accounts", Map.of("username", "he_thong_tinh", "password", PASSWORD,
                "role", "OPERATOR", "scopeAreaId", province)));
        long viewer = id(admin.post("/api/v1/accounts", Map.of("username", "chi_xem", "password", PASSWORD,
                "role", "VIEWER", "scopeAreaId", province)));

        ApiClient.Response refused = admin.post("/api/v1/exchange/senders", Map.of("accountId", viewer, "name", "x"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("NOT_ONE_OF");
        ApiClient.Response missing = admin.post("/api/v1/exchange/senders", Map.of("name", ""));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.body()).contains("accountId").contains("name");
        ApiClient.Response unknown = admin.post("/api/v1/exchange/senders", Map.of("accountId", 9999, "name", "x"));
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.body()).contains("NOT_FOUND");

        ApiClient.Response issued = admin.post("/api/v1/exchange/senders", Map.of("accountId", operator,
                "name", "Hệ thống tỉnh", "expiresInDays", 30));
        assertThat(issued.status()).as(issued.body()).isEqualTo(201);
        String token = issued.json().get("token").asText();
        long tokenId = issued.json().get("id").asLong();
        assertThat(token).startsWith("loa_");
        JsonNode listed = admin.get("/api/v1/exchange/senders").json();
        assertThat(listed).hasSize(1);
        assertThat(listed.get(0).get("username").asText()).isEqualTo("he_thong_tinh");
        assertThat(listed.get(0).get("role").asText()).isEqualTo("OPERATOR");
        assertThat(listed.get(0).get("scopeAreaId").asLong()).isEqualTo(province);
        assertThat(listed.toString()).doesNotContain(token);
        assertThat(whoAmI(controller, token).status()).isEqualTo(200);
        assertThat(whoAmI(controller, token).json().get("username").asText()).isEqualTo("he_thong_tinh");

        // only admins: the sender's own token cannot manage senders
        ApiClient sender = new ApiClient(controller.httpPort()).login("he_thong_tinh", PASSWORD);
        assertThat(sender.get("/api/v1/exchange/senders").status()).isEqualTo(403);
        assertThat(sender.delete("/api/v1/exchange/senders/" + tokenId).status()).isEqualTo(403);

        assertThat(admin.delete("/api/v1/exchange/senders/" + tokenId).status()).isEqualTo(204);
        assertThat(admin.delete("/api/v1/exchange/senders/" + tokenId).status()).isEqualTo(404);
        assertThat(whoAmI(controller, token).status()).isEqualTo(401);
        assertThat(admin.get("/api/v1/exchange/senders").json()).isEmpty();
    }

    private static ApiClient.Response whoAmI(TestController controller, String token) {
        return new ApiClient(controller.httpPort()).send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + controller.httpPort() + "/api/v1/session"))
                .header("Authorization", "Bearer " + token).GET());
    }

    private static long id(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
