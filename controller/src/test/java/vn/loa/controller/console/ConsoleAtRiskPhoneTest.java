package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.agent.cellular.CellularSettings;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.testsupport.FakeMmcli;

/**
 * Cellular link health end to end (issue 17, docs/updates.md#cellular-link-health): a real agent whose
 * ModemManager is the fake {@code mmcli} replaying the recorded weak Viettel LTE link (RSRP −118 dBm), with its
 * modem interface's counters past 80 % of the data plan in its settings. The controller raises WEAK_SIGNAL and
 * DATA_QUOTA from its heartbeats, and the console on a phone (412×915, real headless Chromium) marks the station
 * "at risk" on the stations list (cards) and on its page; the station beside it, without a modem, is not.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(240)
class ConsoleAtRiskPhoneTest {
    private static final long MIB = 1L << 20;

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void aWeakSignalAndANearlyUsedDataPlanMarkTheStationAtRisk() throws Exception {
        TestController controller = TestController.start(dir.resolve("controller"));
        running.add(controller);
        ApiClient admin = controller.admin();
        long province = ConsoleFixture.id(admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")));
        long commune = ConsoleFixture.id(admin.post("/api/v1/areas", Map.of("name", "Xã Kiên Mộc", "kind", "COMMUNE",
                "parentId", province)));
        ApiClient.Response weak = admin.post("/api/v1/stations", Map.of("name", "Đài thôn Khau Piêng", "areaId", commune,
                "zones", List.of(Map.of("name", "Cụm loa nhà văn hoá"))));
        ApiClient.Response good = admin.post("/api/v1/stations", Map.of("name", "Đài xã Kiên Mộc", "areaId", commune,
                "zones", List.of(Map.of("name", "Cụm loa chợ"))));
        long weakId = ConsoleFixture.id(weak);
        long goodId = ConsoleFixture.id(good);

        // the recorded weak link; the interface has carried 750 MiB this boot, the plan is 900 MiB a month (83 %)
        Path mmcli = FakeMmcli.install(dir.resolve("bin"), "list.json", "modem-weak.json", "signal-weak.json");
        FakeMmcli.counters(dir.resolve("sys-net"), "wwan0", 734_003_200L, 52_428_800L);
        CellularSettings cellular = new CellularSettings(mmcli.toString(), dir.resolve("sys-net"), 0).withQuotaMiB(900);
        running.add(TestAgent.start(controller.agentPort(), weakId, weak.json().get("secret").asText(), dir,
                c -> c.withCellular(cellular)));
        // no modem at all: mmcli is not there
        running.add(TestAgent.start(controller.agentPort(), goodId, good.json().get("secret").asText(), dir,
                c -> c.withCellular(new CellularSettings(dir.resolve("no-mmcli").toString(), dir.resolve("sys-net"), 0)
                        .withQuotaMiB(900))));

        await().atMost(Duration.ofSeconds(60)).until(() -> admin.get("/api/v1/stations/" + weakId).json().get("risks").size() == 2);
        JsonNode station = admin.get("/api/v1/stations/" + weakId).json();
        assertThat(station.get("atRisk").asBoolean()).isTrue();
        assertThat(station.get("risks").toString()).isEqualTo("[\"WEAK_SIGNAL\",\"DATA_QUOTA\"]");
        JsonNode alarms = admin.get("/api/v1/alarms?stationId=" + weakId).json();
        List<String> details = new ArrayList<>();
        alarms.forEach(a -> details.add(a.get("kind").asText() + ": " + a.get("detail").asText()));
        assertThat(details).contains("WEAK_SIGNAL: Viettel LTE RSRP -118 dBm (weak below -110 dBm), SINR -2.4 dB",
                "DATA_QUOTA: 750 MiB of the 900 MiB monthly data plan used this month (83 %; alarm at 80 %)");
        JsonNode other = admin.get("/api/v1/stations/" + goodId).json();
        assertThat(other.get("atRisk").asBoolean()).isFalse();
        assertThat(other.get("risks")).isEmpty();

        List<String> data = List.of("admin", "Tỉnh Lạng Sơn", "Xã Kiên Mộc", "Đài thôn Khau Piêng", "Đài xã Kiên Mộc",
                "Cụm loa nhà văn hoá", "Cụm loa chợ", "Viettel LTE RSRP -118 dBm (weak below -110 dBm), SINR -2.4 dB",
                "750 MiB of the 900 MiB monthly data plan used this month (83 %; alarm at 80 %)");
        Browser b = Browser.open(controller.httpPort(), dir.resolve("chromium"), false);
        running.add(b);
        b.size(412, 915);
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        b.go("/stations");
        b.find("#stations-table");
        assertThat(b.attr("#stations-table", "class")).contains("cards");
        String weakRow = "#stations-table [data-station-id='" + weakId + "']";
        String goodRow = "#stations-table [data-station-id='" + goodId + "']";
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text(weakRow + " .state").contains("Có nguy cơ mất kết nối"));
        assertThat(b.text(weakRow + " .state")).contains("Sóng di động yếu").contains("Sắp hết gói cước di động");
        assertThat(b.text(goodRow + " .state")).doesNotContain("Có nguy cơ");
        assertThat(b.all(goodRow + " .badge.at-risk")).isEmpty();
        b.screenshot("phone-stations-at-risk");
        b.assertVietnameseAndFits("stations-at-risk", data);

        b.go("/stations/" + weakId);
        b.find("#station-alarms");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#station-state").contains("Có nguy cơ mất kết nối"));
        assertThat(b.text("#station-state")).contains("Sóng di động yếu").contains("Sắp hết gói cước di động");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#station-alarms").contains("Sóng di động yếu, đài có nguy cơ mất kết nối"));
        assertThat(b.text("#station-alarms")).contains("Sắp hết dung lượng gói cước di động, đài có nguy cơ mất kết nối");
        assertThat(b.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                .as("station page wider than the phone").isEqualTo(true);
        b.screenshot("phone-station-at-risk");
        assertThat(b.severeLogs()).as("browser console errors").isEmpty();
    }
}
