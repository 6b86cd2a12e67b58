package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.web.TestWav;

/**
 * The commune's inbox in the console on a phone-sized screen (412×915): one commune accepts the
 * province's bulletin at a time it picks, another declines it with a reason, in Vietnamese; the page
 * never scrolls sideways, and the sender sees both answers.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class InboxConsoleTest {
    private static final String PASSWORD = "mật-khẩu-đủ-dài-2026";

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
    void aCommuneAcceptsAtItsTimeAndAnotherDeclinesOnAPhone() throws Exception {
        ConsoleFixture f = new ConsoleFixture(dir);
        open.add(f);
        for (var a : List.of(Map.of("u", "can_bo_tinh", "s", f.province), Map.of("u", "xa_doi_can", "s", f.communeA),
                Map.of("u", "xa_huu_le", "s", f.communeB))) {
            ConsoleFixture.id(f.admin.post("/api/v1/accounts", Map.of("username", a.get("u"), "password", PASSWORD,
                    "role", "OPERATOR", "scopeAreaId", a.get("s"))));
        }
        ApiClient province = new ApiClient(f.httpPort()).login("can_bo_tinh", PASSWORD);
        long bulletin = ConsoleFixture.id(province.upload("/api/v1/bulletins", "Tin phòng chống rét", "ret.wav",
                TestWav.tone(24_000, 1.0)));
        Instant proposed = Instant.now().plus(Duration.ofHours(3));
        long dispatch = ConsoleFixture.id(province.post("/api/v1/dispatches", Map.of("title", "Tin phòng chống rét",
                "bulletinId", bulletin, "level", "NORMAL", "communeIds", List.of(f.communeA, f.communeB),
                "proposedAt", proposed.toString(), "respondBy", Instant.now().plus(Duration.ofHours(2)).toString())));

        Browser a = phone(f, "xa_doi_can");
        a.click("#menu-toggle");
        a.click("#nav-inbox");
        a.find(".inbox-item[data-state='PENDING']");
        assertThat(a.text("h1")).isEqualTo("Tin tỉnh gửi xuống xã");
        String itemA = a.attr(".inbox-item", "id").replace("inbox-item-", "");
        // the commune picks 30 minutes after the proposal (Vietnam time in the field)
        a.js("const i = document.getElementById(arguments[0]); i.value = arguments[1];", "slot-" + itemA,
                java.time.LocalDateTime.ofInstant(proposed.plus(Duration.ofMinutes(30)), java.time.ZoneId.of("Asia/Ho_Chi_Minh"))
                        .withSecond(0).withNano(0).toString().substring(0, 16));
        noSidewaysScroll(a);
        a.screenshot("phone-inbox-pending");
        a.click("#accept-" + itemA);
        a.waitFor(Duration.ofSeconds(15)).until(d -> "ACCEPTED".equals(a.attr("#inbox-item-" + itemA, "data-state")));
        assertThat(a.text("#inbox-item-" + itemA)).contains("Đã nhận", "Giờ phát");
        a.screenshot("phone-inbox-accepted");

        Browser b = phone(f, "xa_huu_le");
        b.go("/inbox");
        b.find(".inbox-item[data-state='PENDING']");
        String itemB = b.attr(".inbox-item", "id").replace("inbox-item-", "");
        b.type("#reason-" + itemB, "Xã đang tổ chức lễ hội");
        b.click("#decline-" + itemB);
        b.waitFor(Duration.ofSeconds(15)).until(d -> "DECLINED".equals(b.attr("#inbox-item-" + itemB, "data-state")));
        assertThat(b.text("#inbox-item-" + itemB)).contains("Từ chối", "Xã đang tổ chức lễ hội");
        noSidewaysScroll(b);

        JsonNode sent = province.get("/api/v1/dispatches").json().get(0);
        assertThat(sent.get("id").asLong()).isEqualTo(dispatch);
        assertThat(sent.get("counts").get("ACCEPTED").asInt()).isEqualTo(1);
        assertThat(sent.get("counts").get("DECLINED").asInt()).isEqualTo(1);
        JsonNode accepted = sent.get("communes").get(0);
        assertThat(Instant.parse(accepted.get("slots").get(0).asText())).isEqualTo(
                proposed.plus(Duration.ofMinutes(30)).truncatedTo(java.time.temporal.ChronoUnit.MINUTES));
        Browser p = phone(f, "can_bo_tinh");
        p.go("/inbox");
        p.waitFor(Duration.ofSeconds(15)).until(d -> p.text("#dispatch-" + dispatch + "-" + f.communeB).contains("Từ chối"));
        assertThat(p.text("#dispatch-" + dispatch + "-" + f.communeA)).contains("Đã nhận");
        noSidewaysScroll(p);
        p.screenshot("phone-inbox-sender");
        assertThat(a.severeLogs()).isEmpty();
        assertThat(b.severeLogs()).isEmpty();
        assertThat(p.severeLogs()).isEmpty();
    }

    private Browser phone(ConsoleFixture f, String user) throws Exception {
        Browser b = Browser.open(f.httpPort(), dir.resolve("chromium-" + user), false);
        open.add(b);
        b.size(412, 915);
        b.signIn(user, PASSWORD);
        return b;
    }

    private static void noSidewaysScroll(Browser b) {
        Number scrollWidth = (Number) b.js("return document.documentElement.scrollWidth");
        Number clientWidth = (Number) b.js("return document.documentElement.clientWidth");
        assertThat(scrollWidth.intValue()).as("page width on a 412 px phone").isLessThanOrEqualTo(clientWidth.intValue());
    }
}
