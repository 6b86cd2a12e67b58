package vn.loa.controller.console;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.support.ui.Select;
import vn.loa.controller.LoaController;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.controller.support.TestDatabase;
import vn.loa.controller.web.ApiFixtures;

/**
 * The console's live page when its node stops leading mid-announcement (issue 22): two controllers on one
 * PostgreSQL database, the speaker on the leader's console with Chromium's fake microphone; the lease is taken
 * from under the leader. The live socket closes, and the page tells the speaker that the announcement ended
 * because that server stopped leading and names the other node's console to speak again on — read from
 * GET /api/v1/cluster on the node that stepped down (it stands by and still answers).
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class ConsoleLiveFailoverTest {

    @TempDir
    Path dir;
    private TestDatabase.Fresh database;
    private LoaController a;
    private LoaController b;
    private Browser browser;

    @AfterEach
    void stop() {
        if (browser != null) {
            browser.close();
        }
        if (b != null) {
            b.close();
        }
        if (a != null) {
            a.close();
        }
        if (database != null) {
            database.close();
        }
    }

    private LoaController node(String id) throws Exception {
        return TestController.clusterNode(dir, database.settings(), id);
    }

    /** Two nodes, node-a leading; the speaker on node-a's console, speaking live for a second already. */
    private String speakingOnTheLeader() throws Exception {
        database = TestDatabase.POSTGRESQL.create(dir);
        a = node("node-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leadership().isServing());
        b = node("node-b");
        ApiClient admin = new ApiClient(a.httpPort()).login("admin", TestController.ADMIN_PASSWORD);
        String bConsole = "http://127.0.0.1:" + b.httpPort();
        await().atMost(Duration.ofSeconds(20)).until(() -> {
            JsonNode c = admin.get("/api/v1/cluster").json();
            return c.get("nodes").size() == 2 && c.get("leading").asBoolean()
                    && c.get("nodes").toString().contains(bConsole);
        });
        String name = "Đài xã Đội Cấn";
        long station = ApiFixtures.station(admin, name, ApiFixtures.province(admin), 1).id();

        Path wav = dir.resolve("micro.wav");
        Files.write(wav, tone(48_000, 20, 440));
        browser = Browser.open(a.httpPort(), dir.resolve("chromium"), true, wav);
        Browser w = browser;
        w.signIn("admin", TestController.ADMIN_PASSWORD);
        w.go("/announce");
        w.find("#ann-form");
        w.type("#ann-title", "Nói trực tiếp");
        new Select(w.find("#ann-priority")).selectByValue("PRIORITY");
        w.type("#ann-search", name);
        w.click("#ann-station-" + station);
        w.click("#ann-src-live");
        w.js("document.getElementById('ann-chime').checked = false;");
        w.click("#ann-send");
        w.click("#ann-confirm");
        w.waitFor(Duration.ofSeconds(30)).until(d -> {
            String s = w.attr("#ann-live-info", "data-seconds");
            return s != null && Double.parseDouble(s) >= 1.0;
        });
        return bConsole;
    }

    @Test
    void aLiveAnnouncementEndedByItsNodeSteppingDownNamesTheOtherNode() throws Exception {
        String bConsole = speakingOnTheLeader();
        Browser w = browser;
        // another node takes the lease from under node-a (as after a pause): node-a stands by
        long generation = a.leadership().generation().orElseThrow();
        new Jdbc(a.database()).update("UPDATE leader_lease SET holder = 'node-x', agent_address = 'x.example:7000', "
                + "generation = ?, expires_at = CURRENT_TIMESTAMP + INTERVAL '60 seconds' WHERE id = 1", generation + 1);
        w.waitFor(Duration.ofSeconds(20)).until(d -> !w.text("#ann-live-lost").isEmpty());
        String said = w.text("#ann-live-lost");
        assertThat(said).contains("Bản tin trực tiếp đã kết thúc").contains("ngừng điều khiển")
                .contains("127.0.0.1:" + a.httpPort()).contains("Hãy nói lại trên " + bConsole);
        assertThat(a.leaderJobsRunning()).as("node-a stands by in its process").isEmpty();
        assertThat(w.attr("#ann-live-end", "disabled")).as("the microphone closed").isNotNull();
    }

    /** The node dies under the speaker: the page cannot ask it, and names the other node it listed at the start. */
    @Test
    void aLiveAnnouncementEndedByItsNodeStoppingNamesTheOtherNode() throws Exception {
        String bConsole = speakingOnTheLeader();
        Browser w = browser;
        int aPort = a.httpPort();
        a.close();
        a = null;
        w.waitFor(Duration.ofSeconds(20)).until(d -> !w.text("#ann-live-lost").isEmpty());
        String said = w.text("#ann-live-lost");
        assertThat(said).contains("Bản tin trực tiếp đã kết thúc").contains("127.0.0.1:" + aPort)
                .contains("Hãy nói lại trên " + bConsole);
    }

    /** What the fake microphone hears: a quiet tone, mono 16-bit. */
    private static byte[] tone(int rate, int seconds, double hz) {
        int n = rate * seconds;
        ByteBuffer b = ByteBuffer.allocate(44 + n * 2).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(36 + n * 2).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(16)
                .putShort((short) 1).putShort((short) 1).putInt(rate).putInt(rate * 2).putShort((short) 2)
                .putShort((short) 16).put("data".getBytes()).putInt(n * 2);
        for (int i = 0; i < n; i++) {
            b.putShort((short) Math.round(0.2 * 32767 * Math.sin(2 * Math.PI * hz * i / rate)));
        }
        return b.array();
    }
}
