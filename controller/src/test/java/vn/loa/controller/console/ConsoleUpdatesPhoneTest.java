package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/**
 * The station updates page on a phone (412×915, real headless Chromium; issue 17, docs/updates.md): an admin uploads
 * an agent jar through the page and cannot approve it herself; a second admin approves and signs it; the first starts
 * a rollout from the page (a station picked in the target picker, a canary, the waves) and sees its stations; the
 * station's page shows the rollout in its update history and the version it runs. Every page passed fits the screen
 * and shows only texts of the Vietnamese catalogue.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(240)
class ConsoleUpdatesPhoneTest {
    private static final String SECOND = "quantri.hai";
    private static final String PASSWORD = "mat-khau-rat-dai-456";
    private static final String STATION = "Đài truyền thanh xã Kiên Mộc";

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    @Test
    void uploadApproveByASecondAdminRolloutAndTheStationsHistory() throws Exception {
        TestController controller = TestController.start(dir.resolve("controller"));
        running.add(controller);
        ApiClient admin = controller.admin();
        assertThat(admin.post("/api/v1/accounts", Map.of("username", SECOND, "password", PASSWORD, "role", "ADMIN"))
                .status()).isEqualTo(201);
        long province = ConsoleFixture.id(admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE")));
        long commune = ConsoleFixture.id(admin.post("/api/v1/areas", Map.of("name", "Xã Kiên Mộc", "kind", "COMMUNE",
                "parentId", province)));
        ApiClient.Response st = admin.post("/api/v1/stations", Map.of("name", STATION, "areaId", commune,
                "zones", List.of(Map.of("name", "Cụm loa chợ"))));
        long station = ConsoleFixture.id(st);
        running.add(TestAgent.start(controller.agentPort(), station, st.json().get("secret").asText(), dir));
        await().atMost(Duration.ofSeconds(30)).until(() -> admin.get("/api/v1/stations/" + station).json().path("online").asBoolean());
        Path jar = jar(dir.resolve("loa-agent-2.1.0.jar"));
        List<String> data = new ArrayList<>(List.of("admin", SECOND, "Tỉnh Lạng Sơn", "Xã Kiên Mộc", STATION, "Cụm loa chợ",
                "2.1.0", "KiB"));

        Browser b = Browser.open(controller.httpPort(), dir.resolve("chromium"), false);
        running.add(b);
        b.size(412, 915);
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        b.go("/updates");
        b.find("#release-form");
        b.assertVietnameseAndFits("updates-empty", data);
        b.find("#release-file").sendKeys(jar.toAbsolutePath().toString());
        b.type("#release-notes", "chỉnh lịch phát");
        b.click("#release-upload");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text("#release-table").contains("2.1.0"));
        JsonNode release = admin.get("/api/v1/releases").json().get(0);
        long releaseId = release.get("id").asLong();
        assertThat(release.get("version").asText()).as("the version from the jar's manifest").isEqualTo("2.1.0");
        assertThat(release.get("notes").asText()).isEqualTo("chỉnh lịch phát");
        String row = "#release-table [data-release-id='" + releaseId + "']";
        assertThat(b.text(row)).contains("Chờ quản trị viên khác duyệt");
        assertThat(b.all(row + " button.approve")).as("the uploader cannot approve her own release").isEmpty();
        b.assertVietnameseAndFits("updates-uploaded", data);

        // a second admin approves and signs it
        b.click("#sign-out");
        b.signIn(SECOND, PASSWORD);
        b.go("/updates");
        b.find(row + " button.approve");
        b.click(row + " button.approve");
        b.waitFor(Duration.ofSeconds(15)).until(d -> b.text(row).contains("Đã duyệt và ký"));
        assertThat(admin.get("/api/v1/releases/" + releaseId).json().get("state").asText()).isEqualTo("APPROVED");

        // a rollout from the page: the station picked, one canary, then everyone
        b.click("#sign-out");
        b.signIn("admin", TestController.ADMIN_PASSWORD);
        b.go("/updates");
        b.find("#rollout-form");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.all("#rollout-release option").size() == 1);
        new Select(b.find("#rollout-release")).selectByValue(Long.toString(releaseId));
        b.type("#rollout-search", "kien moc");
        b.click("#rollout-station-" + station);
        b.js("const e = document.getElementById('rollout-percents'); e.value = '100'; e.dispatchEvent(new Event('input'));");
        b.click("#rollout-create");
        b.waitFor(Duration.ofSeconds(15)).until(d -> !b.all("#rollout-table tr[data-rollout-id]").isEmpty());
        JsonNode rollout = admin.get("/api/v1/rollouts").json().get(0);
        long rolloutId = rollout.get("id").asLong();
        assertThat(rollout.get("releaseId").asLong()).isEqualTo(releaseId);
        assertThat(rollout.get("canary").asInt()).isEqualTo(1);
        assertThat(rollout.get("percents").toString()).isEqualTo("[100]");
        assertThat(rollout.get("maxFailureShare").asDouble()).isEqualTo(0.2);
        assertThat(rollout.get("trialLimitSeconds").asLong()).isEqualTo(300);
        JsonNode stations = admin.get("/api/v1/rollouts/" + rolloutId).json().get("stations");
        assertThat(stations).hasSize(1);
        assertThat(stations.get(0).get("stationId").asLong()).isEqualTo(station);
        assertThat(stations.get(0).get("wave").asInt()).isZero();
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#rollout-station-table").contains(STATION));
        assertThat(b.text("#rollout-station-table")).contains("Thử trước");
        data.add("#" + rolloutId);
        b.screenshot("phone-updates");
        b.assertVietnameseAndFits("updates-rollout", data);

        // the station's page: its update history and the version it runs
        b.go("/stations/" + station);
        b.find("#station-updates");
        b.waitFor(Duration.ofSeconds(10)).until(d -> b.text("#station-updates").contains("2.1.0"));
        assertThat(b.text("#station-updates")).contains("#" + rolloutId);
        assertThat(b.text("#station-version")).contains("Phiên bản đang chạy");
        assertThat(b.js("return document.documentElement.scrollWidth <= document.documentElement.clientWidth"))
                .as("station page wider than the phone").isEqualTo(true);
        JsonNode history = admin.get("/api/v1/stations/" + station + "/updates").json();
        assertThat(history).hasSize(1);
        assertThat(history.get(0).get("version").asText()).isEqualTo("2.1.0");
        assertThat(history.get(0).get("rolloutId").asLong()).isEqualTo(rolloutId);
        assertThat(history.get(0).get("wave").asInt()).isZero();
        b.screenshot("phone-station-updates");
        assertThat(b.severeLogs()).as("browser console errors").isEmpty();
    }

    /** An agent jar as far as the controller checks one: a manifest naming a main class and a version. */
    private static Path jar(Path file) throws Exception {
        Manifest m = new Manifest();
        m.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        m.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "vn.loa.agent.cli.AgentCommand");
        m.getMainAttributes().put(Attributes.Name.IMPLEMENTATION_VERSION, "2.1.0");
        try (OutputStream out = Files.newOutputStream(file); JarOutputStream j = new JarOutputStream(out, m)) {
            j.flush();
        }
        return file;
    }
}
