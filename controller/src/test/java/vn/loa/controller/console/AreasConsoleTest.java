package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.controller.web.TestWav;

/**
 * The areas page and the "send a bulletin down" form in real chromium on a phone-sized screen (412×915), in
 * Vietnamese: an admin previews a merge dated tomorrow, keeps it pending and cancels it, renames a commune today
 * and reads the tree of yesterday and a GSO code; a province operator sends a priority bulletin down to two
 * communes, which a commune operator then finds in the inbox. The pages never scroll sideways.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(240)
class AreasConsoleTest {
    private static final String PASSWORD = "mật-khẩu-đủ-dài-2026";
    private static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");

    @TempDir
    Path dir;

    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    @Test
    void anAdminPreviewsKeepsAndCancelsAMergeRenamesACommuneAndReadsTheHistoryOnAPhone() throws Exception {
        ConsoleFixture f = new ConsoleFixture(dir);
        open.add(f);
        LocalDate today = LocalDate.now(VIETNAM);
        long bulletin = ConsoleFixture.id(f.admin.upload("/api/v1/bulletins", "Tin xã Đội Cấn", "tin.wav",
                TestWav.tone(24_000, 1.0)));
        var schedule = vn.loa.controller.web.ApiFixtures.schedule(bulletin, ApiClient.json().createObjectNode()
                .put("type", "once").put("at", vn.loa.controller.web.Json.local(java.time.Instant.now().plusSeconds(7200))));
        schedule.put("title", "Lịch xã Đội Cấn");
        vn.loa.controller.web.ApiFixtures.targets(schedule).withArray("areaIds").add(f.communeA);
        long scheduleId = ConsoleFixture.id(f.admin.post("/api/v1/schedules", schedule));
        Browser b = phone(f, "admin", TestController.ADMIN_PASSWORD);
        b.click("#menu-toggle");
        b.click("#nav-areas");
        b.find("#history-area-" + f.communeA);
        assertThat(b.text("h1")).isEqualTo("Khu vực hành chính");

        // a merge of Đội Cấn into Hữu Lễ, dated tomorrow: previewed, then kept pending
        set(b, "#change-kind", "MERGE");
        set(b, "#change-effective", today.plusDays(1).toString());
        b.click("#merge-area-" + f.communeA);
        set(b, "#merge-into", String.valueOf(f.communeB));
        b.click("#change-preview-button");
        b.find("#change-preview");
        assertThat(b.text("#change-preview")).contains("Khu vực chấm dứt", "Xã Đội Cấn", "Đài chuyển sang",
                "Đài truyền thanh xã Đội Cấn → Xã Hữu Lễ");
        noSidewaysScroll(b);
        b.screenshot("phone-areas-preview");
        b.click("#change-submit");
        b.find("#pending-changes tr[data-state='PENDING']");
        String row = b.attr("#pending-changes tr[data-state='PENDING']", "id");
        assertThat(b.text("#" + row)).contains("Sáp nhập", "Đang chờ", today.plusDays(1).toString());
        assertThat(f.admin.get("/api/v1/stations/" + f.stations.get(0).id()).json().get("areaId").asLong())
                .isEqualTo(f.communeA);
        noSidewaysScroll(b);
        b.screenshot("phone-areas-pending");
        b.click("#cancel-" + row.replace("pending-", ""));
        b.waitFor(Duration.ofSeconds(15)).until(d -> "CANCELLED".equals(b.attr("#" + row, "data-state")));
        assertThat(b.text("#" + row)).contains("Đã huỷ");

        // a rename today is made at once; the tree of yesterday keeps the old name; the new code resolves
        set(b, "#change-kind", "RENAME");
        set(b, "#change-effective", today.toString());
        set(b, "#change-area", String.valueOf(f.communeB));
        b.type("#change-name", "Xã Hữu Lễ Mới");
        b.type("#change-code", "06100");
        b.click("#change-submit");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#history-area-" + f.communeB).contains("Xã Hữu Lễ Mới"));
        set(b, "#history-date", today.minusDays(1).toString());
        b.click("#history-show");
        b.waitFor(Duration.ofSeconds(15)).until(d -> !b.text("#history-area-" + f.communeB).contains("Mới"));
        assertThat(b.text("#history-area-" + f.communeB)).contains("Xã Hữu Lễ");
        b.type("#resolve-code", "06100");
        b.click("#resolve-go");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#resolve-result").contains("Xã Hữu Lễ Mới"));
        noSidewaysScroll(b);
        b.screenshot("phone-areas-history");

        // a merge made today: Đội Cấn ends, its station goes to Hữu Lễ, and its schedule waits for review
        assertThat(b.text("#review-list")).contains("Không có");
        set(b, "#change-kind", "MERGE");
        set(b, "#change-effective", today.toString());
        b.click("#merge-area-" + f.communeA);
        set(b, "#merge-into", String.valueOf(f.communeB));
        b.click("#change-submit");
        b.find("#review-schedule-" + scheduleId);
        assertThat(b.text("#review-schedule-" + scheduleId)).contains("Lịch phát", "Lịch xã Đội Cấn");
        assertThat(f.admin.get("/api/v1/stations/" + f.stations.get(0).id()).json().get("areaId").asLong())
                .isEqualTo(f.communeB);
        set(b, "#history-date", today.toString());
        b.click("#history-show");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.all("#history-area-" + f.communeA).isEmpty());
        noSidewaysScroll(b);
        b.screenshot("phone-areas-review");
        assertThat(b.severeLogs()).isEmpty();
    }

    @Test
    void aProvinceOperatorSendsAPriorityBulletinDownToTwoCommunesOnAPhone() throws Exception {
        ConsoleFixture f = new ConsoleFixture(dir);
        open.add(f);
        for (var a : List.of(Map.of("u", "can_bo_tinh", "s", f.province), Map.of("u", "xa_doi_can", "s", f.communeA))) {
            ConsoleFixture.id(f.admin.post("/api/v1/accounts", Map.of("username", a.get("u"), "password", PASSWORD,
                    "role", "OPERATOR", "scopeAreaId", a.get("s"))));
        }
        ApiClient province = new ApiClient(f.httpPort()).login("can_bo_tinh", PASSWORD);
        long bulletin = ConsoleFixture.id(province.upload("/api/v1/bulletins", "Tin phòng chống bão", "bao.wav",
                TestWav.tone(24_000, 1.0)));

        Browser p = phone(f, "can_bo_tinh", PASSWORD);
        p.go("/inbox");
        p.find("#send-form");
        set(p, "#send-bulletin", String.valueOf(bulletin));
        assertThat(p.js("return document.getElementById('send-title').value")).isEqualTo("Tin phòng chống bão");
        set(p, "#send-level", "PRIORITY");
        assertThat(p.text("#send-level-help")).contains("Ưu tiên");
        p.click("#send-all");
        set(p, "#send-window", "90");
        noSidewaysScroll(p);
        p.screenshot("phone-send-down");
        p.click("#send-submit");
        p.waitFor(Duration.ofSeconds(15)).until(d -> !p.all("#dispatch-list tr[id^='dispatch-']").isEmpty());
        JsonNode sent = province.get("/api/v1/dispatches").json().get(0);
        assertThat(sent.get("level").asText()).isEqualTo("PRIORITY");
        assertThat(sent.get("windowMinutes").asInt()).isEqualTo(90);
        List<Long> communes = new ArrayList<>();
        sent.get("communes").forEach(c -> communes.add(c.get("communeId").asLong()));
        assertThat(communes).containsExactlyInAnyOrder(f.communeA, f.communeB);
        p.waitFor(Duration.ofSeconds(15)).until(d -> p.text("#dispatch-" + sent.get("id").asLong() + "-" + f.communeA)
                .contains("Đã xếp lịch"));
        noSidewaysScroll(p);

        Browser c = phone(f, "xa_doi_can", PASSWORD);
        c.go("/inbox");
        c.find(".inbox-item[data-state='SCHEDULED']");
        assertThat(c.all("#send-form")).as("a commune operator sends nothing down").isEmpty();
        assertThat(c.text(".inbox-item")).contains("Tin phòng chống bão", "Ưu tiên");
        assertThat(p.severeLogs()).isEmpty();
        assertThat(c.severeLogs()).isEmpty();
    }

    private Browser phone(ConsoleFixture f, String user, String password) throws Exception {
        Browser b = Browser.open(f.httpPort(), dir.resolve("chromium-" + user), false);
        open.add(b);
        b.size(412, 915);
        b.signIn(user, password);
        return b;
    }

    /** Sets a field as a person would (select, date), firing the events the page listens to. */
    private static void set(Browser b, String css, String value) {
        b.find(css);
        b.js("const e = document.querySelector(arguments[0]); e.value = arguments[1];"
                + "e.dispatchEvent(new Event('input', {bubbles: true})); e.dispatchEvent(new Event('change', {bubbles: true}));",
                css, value);
    }

    private static void noSidewaysScroll(Browser b) {
        Number scrollWidth = (Number) b.js("return document.documentElement.scrollWidth");
        Number clientWidth = (Number) b.js("return document.documentElement.clientWidth");
        assertThat(scrollWidth.intValue()).as("page width on a 412 px phone").isLessThanOrEqualTo(clientWidth.intValue());
    }
}
