package vn.loa.controller.inbound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.TestWav;

/**
 * An inbound bulletin's dispatch held for approval is sent exactly once even when the controller stops between the
 * reviewer's decision and the dispatch (issue 20). Three held dispatches are left, with the controller stopped, at
 * the three points a stop can leave them: the review stored but not acted on (R1), the release claimed but nothing
 * sent (R2), the dispatch sent but not written down (R3). The restarted controller sends R1 and R2 and takes R3's
 * dispatch as sent; a second restart sends nothing more.
 */
@Tag("e2e")
@Timeout(180)
class HeldDispatchRestartTest {
    private static final String PASSWORD = "mật-khẩu-đủ-dài-2026";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void aDecisionLeftUndoneByAStoppedControllerIsSentOnceAfterTheRestart() throws Exception {
        Path data = dir.resolve("controller");
        TestController first = TestController.start(data);
        running.add(first);
        ApiClient admin = first.admin();
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
        ApiClient upstream = new ApiClient(first.httpPort()).login("he_thong_tinh", PASSWORD);
        Instant now = Instant.now();
        Map<String, Long> audio = new HashMap<>();
        for (String ref : List.of("R1", "R2", "R3")) {
            long bulletin = id(upstream.upload("/api/v1/bulletins", "Tin " + ref, ref + ".wav", TestWav.tone(24_000, 1.0)));
            audio.put(ref, bulletin);
            ApiClient.Response held = upstream.post("/api/v1/exchange/bulletins", Map.of("ref", ref, "level", "NORMAL",
                    "title", "Tin " + ref, "gsoCodes", List.of("06253"), "bulletinId", bulletin,
                    "proposedAt", now.plus(Duration.ofHours(3)).toString(),
                    "respondBy", now.plus(Duration.ofHours(1)).toString()));
            assertThat(held.status()).as(held.body()).isEqualTo(201);
            assertThat(held.json().get("approval").asText()).isEqualTo("PENDING");
        }
        // R3 is approved while the controller runs: sent at once
        assertThat(admin.post("/api/v1/bulletins/" + audio.get("R3") + "/approve", Map.of()).status()).isEqualTo(200);
        assertThat(Dispatches.bulletins(admin)).containsExactly(audio.get("R3"));
        long r3Dispatch = Dispatches.idOf(admin, audio.get("R3"));
        first.close();
        running.remove(first);

        // the controller is down; leave each held dispatch as a stop at that point would have
        Instant longAgo = Instant.now().minus(Duration.ofMinutes(5));
        Database db = Database.connect(TestController.databaseFor(data)); // H2, or PostgreSQL as the controller's
        try {
            Jdbc jdbc = new Jdbc(db);
            for (String ref : List.of("R1", "R2")) { // the review stored (the listener never ran for R1)
                assertThat(jdbc.update("UPDATE bulletin SET approval = 'APPROVED', reviewed_by = 'admin', reviewed_at = ? "
                        + "WHERE id = ?", longAgo, audio.get(ref))).isEqualTo(1);
            }
            // R2: claimed for release, nothing sent
            assertThat(jdbc.update("UPDATE inbound_hold SET state = 'RELEASED', decided_at = ? WHERE ref = 'R2'",
                    longAgo)).isEqualTo(1);
            // R3: sent, but its row not settled
            assertThat(jdbc.update("UPDATE inbound_hold SET dispatch_id = NULL, decided_at = ? WHERE ref = 'R3'",
                    longAgo)).isEqualTo(1);
        } finally {
            db.close();
        }

        TestController second = running.keep(TestController.start(data));
        ApiClient again = second.admin();
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(Dispatches.bulletins(again))
                .containsExactlyInAnyOrder(audio.get("R1"), audio.get("R2"), audio.get("R3")));
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Dispatches.bulletins(again)).hasSize(3));
        assertThat(Dispatches.idOf(again, audio.get("R3"))).isEqualTo(r3Dispatch);
        Map<String, Long> settled = new HashMap<>();
        Database check = second.controller().database();
        for (var row : new Jdbc(check).query("SELECT ref, state, dispatch_id FROM inbound_hold ORDER BY ref",
                rs -> List.of(rs.getString(1), rs.getString(2), Long.toString(rs.getLong(3))))) {
            assertThat(row.get(1)).as(row.get(0)).isEqualTo("RELEASED");
            settled.put(row.get(0), Long.valueOf(row.get(2)));
        }
        for (String ref : List.of("R1", "R2", "R3")) {
            assertThat(settled.get(ref)).as(ref).isEqualTo(Dispatches.idOf(again, audio.get(ref)));
        }
        // the decisions' receipts went back through the exchange, each with its dispatch
        Map<String, JsonNode> records = new HashMap<>();
        for (JsonNode r : again.get("/api/v1/exchange/records?limit=1000").json().get("records")) {
            records.put(r.get("key").asText(), r.get("data"));
        }
        for (String ref : List.of("R1", "R2", "R3")) {
            assertThat(records.get("inbound:" + ref + ":APPROVED")).as(ref).isNotNull();
            assertThat(records.get("inbound:" + ref + ":APPROVED").get("dispatchId").asLong()).as(ref)
                    .isEqualTo(settled.get(ref));
        }
        second.close();
        running.remove(second);

        // restarted once more: nothing is left to finish, nothing is sent again
        TestController third = running.keep(TestController.start(data));
        ApiClient last = third.admin();
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(Dispatches.bulletins(last)).hasSize(3));
    }


    private static long id(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
