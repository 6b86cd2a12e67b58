package vn.loa.controller.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.TestWav;

/**
 * A province operator's day under TT 39, on real agents: a normal bulletin to three communes — one
 * accepts at a slot it picks and it plays there then, one declines with a reason, one lets it expire;
 * a priority bulletin moved within its window plays at the new time, and a move outside is refused;
 * an emergency to the same communes plays at once without asking.
 */
@Tag("e2e")
@Timeout(150)
class InboxEndToEndTest {
    private static final String PASSWORD = "mật-khẩu-đủ-dài-2026";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();


    @Test
    void normalPriorityAndEmergencyBulletinsToThreeCommunes() throws Exception {
        TestController controller = running.keep(TestController.start(dir.resolve("controller")));
        ApiClient admin = controller.admin();
        long province = id(admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")));
        List<Long> communes = new ArrayList<>();
        Map<Long, Long> stationOf = new HashMap<>();
        List<TestAgent> agents = new ArrayList<>();
        for (String name : List.of("Xã Đội Cấn", "Xã Kiên Mộc", "Xã Hòa Lạc")) {
            long commune = id(admin.post("/api/v1/areas", Map.of("name", name, "kind", "COMMUNE", "parentId", province)));
            communes.add(commune);
            JsonNode s = admin.post("/api/v1/stations", Map.of("name", "Đài " + name, "areaId", commune,
                    "zones", List.of(Map.of("name", "Thôn 1")))).json();
            stationOf.put(commune, s.get("id").asLong());
            agents.add(running.keep(TestAgent.start(controller.agentPort(), s.get("id").asLong(), s.get("secret").asText(),
                    dir.resolve("agents"))));
        }
        account(admin, "can_bo_tinh", province);
        account(admin, "xa_doi_can", communes.get(0));
        account(admin, "xa_kien_moc", communes.get(1));
        ApiClient provinceOperator = new ApiClient(controller.httpPort()).login("can_bo_tinh", PASSWORD);
        ApiClient doiCan = new ApiClient(controller.httpPort()).login("xa_doi_can", PASSWORD);
        ApiClient kienMoc = new ApiClient(controller.httpPort()).login("xa_kien_moc", PASSWORD);
        await().atMost(Duration.ofSeconds(30)).until(() -> agents.stream()
                .allMatch(a -> a.agent().isConnected() && a.agent().clock().isSynchronised()));
        long bulletin = id(provinceOperator.upload("/api/v1/bulletins", "Tin phòng chống rét", "ret.wav",
                TestWav.tone(24_000, 2.0)));

        // normal: the communes decide
        Instant now = Instant.now();
        ApiClient.Response sent = provinceOperator.post("/api/v1/dispatches", Map.of("title", "Tin phòng chống rét",
                "bulletinId", bulletin, "level", "NORMAL", "communeIds", communes,
                "proposedAt", now.plus(Duration.ofHours(2)).toString(), "respondBy", now.plusSeconds(12).toString()));
        assertThat(sent.status()).as(sent.body()).isEqualTo(201);
        long normal = sent.json().get("id").asLong();
        assertThat(kienMoc.post("/api/v1/inbox/" + item(doiCan, normal) + "/decline", Map.of("reason", "x")).status())
                .as("a commune answers only its own items").isEqualTo(404);
        Instant slot = Instant.now().plusSeconds(6).truncatedTo(ChronoUnit.SECONDS);
        ApiClient.Response accepted = doiCan.post("/api/v1/inbox/" + item(doiCan, normal) + "/accept",
                Map.of("slots", List.of(slot.toString())));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(200);
        ApiClient.Response declined = kienMoc.post("/api/v1/inbox/" + item(kienMoc, normal) + "/decline",
                Map.of("reason", "Xã đang tổ chức lễ hội, phát vào tuần sau"));
        assertThat(declined.status()).as(declined.body()).isEqualTo(200);

        JsonNode played = awaitPlay(admin, stationOf.get(communes.get(0)), "NORMAL");
        assertThat(played.get("outcome").asText()).isEqualTo("PLAYED");
        assertThat(Duration.between(slot, Instant.parse(played.get("startedAt").asText())).abs())
                .isLessThan(Duration.ofMillis(500));
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode view = dispatch(provinceOperator, normal);
            assertThat(stateByCommune(view)).containsEntry(communes.get(0), "PLAYED")
                    .containsEntry(communes.get(1), "DECLINED").containsEntry(communes.get(2), "EXPIRED");
            assertThat(view.get("counts").get("PLAYED").asInt()).isEqualTo(1);
        });
        assertThat(dispatch(provinceOperator, normal).get("communes").get(1).get("reason").asText())
                .isEqualTo("Xã đang tổ chức lễ hội, phát vào tuần sau");

        String month = java.time.YearMonth.now(java.time.ZoneId.of("Asia/Ho_Chi_Minh")).toString();
        String csv = provinceOperator.get("/api/v1/reports/province?month=" + month + "&format=csv").body();
        assertThat(inboxColumns(csv, "Xã Đội Cấn")).as(csv).isEqualTo("0,0,1,0,0");
        assertThat(inboxColumns(csv, "Xã Kiên Mộc")).as(csv).isEqualTo("0,0,0,1,0");
        assertThat(inboxColumns(csv, "Xã Hòa Lạc")).as(csv).isEqualTo("0,0,0,0,1");

        // priority: scheduled at once; moved within the window it plays at the new time; outside is refused
        Instant proposed = Instant.now().plusSeconds(12).truncatedTo(ChronoUnit.SECONDS);
        long priority = id(provinceOperator.post("/api/v1/dispatches", Map.of("title", "Lịch cắt điện",
                "bulletinId", bulletin, "level", "PRIORITY", "communeIds", communes.subList(0, 2),
                "proposedAt", proposed.toString(), "windowMinutes", 5)));
        assertThat(kienMoc.post("/api/v1/inbox/" + item(kienMoc, priority) + "/move",
                Map.of("to", proposed.plus(Duration.ofMinutes(6)).toString())).error()).contains("outside the window");
        assertThat(kienMoc.post("/api/v1/inbox/" + item(kienMoc, priority) + "/move",
                Map.of("to", proposed.minusSeconds(30).toString())).error()).contains("outside the window");
        Instant movedTo = proposed.plusSeconds(5);
        ApiClient.Response moved = doiCan.post("/api/v1/inbox/" + item(doiCan, priority) + "/move",
                Map.of("to", movedTo.toString()));
        assertThat(moved.status()).as(moved.body()).isEqualTo(200);
        JsonNode priorityPlay = awaitPlay(admin, stationOf.get(communes.get(0)), "PRIORITY");
        assertThat(Duration.between(movedTo, Instant.parse(priorityPlay.get("startedAt").asText())).abs())
                .isLessThan(Duration.ofMillis(500));

        // emergency: at once, no inbox answer
        Instant before = Instant.now();
        ApiClient.Response urgent = provinceOperator.post("/api/v1/dispatches", Map.of("title", "Cảnh báo lũ quét",
                "bulletinId", bulletin, "level", "EMERGENCY", "communeIds", communes));
        assertThat(urgent.status()).as(urgent.body()).isEqualTo(201);
        for (long commune : communes) {
            JsonNode p = awaitPlay(admin, stationOf.get(commune), "EMERGENCY");
            assertThat(Duration.between(before, Instant.parse(p.get("startedAt").asText()))).isLessThan(Duration.ofSeconds(10));
        }
    }

    /** The report's last five columns (pending, accepted, played, declined, expired) on the commune's own line. */
    private static String inboxColumns(String csv, String commune) {
        for (String line : csv.split("\r\n")) {
            String[] cells = line.split(",", -1);
            if (cells.length > 5 && cells[3].equals(commune) && cells[4].isEmpty()) {
                return String.join(",", java.util.Arrays.copyOfRange(cells, cells.length - 5, cells.length));
            }
        }
        throw new AssertionError("no line for " + commune);
    }

    private static JsonNode awaitPlay(ApiClient api, long station, String priority) {
        JsonNode[] found = new JsonNode[1];
        await().atMost(Duration.ofSeconds(90)).until(() -> {
            for (JsonNode p : api.get("/api/v1/plays?stationId=" + station).json()) {
                if (priority.equals(p.get("priority").asText()) && p.hasNonNull("startedAt")) {
                    found[0] = p;
                    return true;
                }
            }
            return false;
        });
        return found[0];
    }

    private static long item(ApiClient commune, long dispatch) {
        for (JsonNode i : commune.get("/api/v1/inbox").json()) {
            if (i.get("dispatch").get("id").asLong() == dispatch) {
                return i.get("id").asLong();
            }
        }
        throw new AssertionError("no item of dispatch " + dispatch + " in " + commune.get("/api/v1/inbox").body());
    }

    private static JsonNode dispatch(ApiClient api, long id) {
        for (JsonNode d : api.get("/api/v1/dispatches").json()) {
            if (d.get("id").asLong() == id) {
                return d;
            }
        }
        throw new AssertionError("no dispatch " + id);
    }

    private static Map<Long, String> stateByCommune(JsonNode view) {
        Map<Long, String> out = new HashMap<>();
        view.get("communes").forEach(c -> out.put(c.get("communeId").asLong(), c.get("state").asText()));
        return out;
    }

    private static void account(ApiClient admin, String name, long scope) {
        id(admin.post("/api/v1/accounts", Map.of("username", name, "password", PASSWORD, "role", "OPERATOR",
                "scopeAreaId", scope)));
    }

    private static long id(ApiClient.Response r) {
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }
}
