package vn.loa.controller.bulletin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
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
import vn.loa.controller.web.ApiFixtures;
import vn.loa.controller.web.TestWav;

/**
 * Issue 19's acceptance for languages: a bulletin tagged {@code tyz} is played by a real agent and appears
 * under Tày in the as-run log (shown and filtered) and in the province report (HTML and CSV); a code off
 * the list is refused; a text announcement in Tày is refused with a message saying there is no voice.
 */
@Tag("e2e")
@Timeout(120)
class BulletinLanguageEndToEndTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private static ApiClient.Response put(ApiClient api, String path, String json) {
        return api.send(api.builder(path).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json, StandardCharsets.UTF_8)));
    }

    @Test
    void aBulletinTaggedTayAppearsUnderTayInTheAsRunLogAndTheProvinceReport() throws Exception {
        TestController controller = TestController.start(dir.resolve("controller"));
        running.add(controller);
        ApiClient api = controller.admin();
        long province = ApiFixtures.province(api);
        long commune = ApiFixtures.area(api, "Xã Bắc Sơn", "COMMUNE", province);
        ApiFixtures.StationRef station = ApiFixtures.station(api, "Đài xã Bắc Sơn", commune, 1);
        TestAgent agent = TestAgent.start(controller.agentPort(), station.id(), station.secret(), dir);
        running.add(agent);
        await().atMost(Duration.ofSeconds(60)).until(() -> agent.agent().isConnected() && agent.agent().clock().isSynchronised());

        JsonNode languages = api.get("/api/v1/languages").json();
        assertThat(languages.get(0).get("code").asText()).isEqualTo("vi");
        assertThat(languages).anySatisfy(l -> {
            assertThat(l.get("code").asText()).isEqualTo("tyz");
            assertThat(l.get("name").asText()).isEqualTo("Tiếng Tày");
            assertThat(l.get("speech").asBoolean()).isFalse();
        });

        ApiFixtures.BulletinRef tay = ApiFixtures.uploadWav(api, "Bản tin tiếng Tày", TestWav.tone(24_000, 1.0));
        ApiFixtures.BulletinRef viet = ApiFixtures.uploadWav(api, "Bản tin tiếng Việt", TestWav.tone(24_000, 1.0));
        assertThat(api.get("/api/v1/bulletins/" + viet.id()).json().get("language").asText()).isEqualTo("vi");
        ApiClient.Response bad = put(api, "/api/v1/bulletins/" + tay.id() + "/language", "{\"language\":\"xx-tay\"}");
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.body()).contains("xx-tay").contains("tyz");
        ApiClient.Response tagged = put(api, "/api/v1/bulletins/" + tay.id() + "/language", "{\"language\":\"TYZ\"}");
        assertThat(tagged.status()).as(tagged.body()).isEqualTo(200);
        assertThat(tagged.json().get("language").asText()).isEqualTo("tyz");
        assertThat(tagged.json().get("languageName").asText()).isEqualTo("Tiếng Tày");

        Instant at = Instant.now().plusSeconds(8).truncatedTo(ChronoUnit.SECONDS);
        long tayPlay = schedule(api, tay.id(), station.id(), at);
        long vietPlay = schedule(api, viet.id(), station.id(), at.plusSeconds(4));
        await().atMost(Duration.ofSeconds(40)).until(() -> plays(api, "?stationId=" + station.id()).stream()
                .filter(p -> p.get("outcome").asText().equals("PLAYED")).count() == 2);

        List<JsonNode> tayOnly = plays(api, "?language=tyz");
        assertThat(tayOnly).singleElement().satisfies(p -> {
            assertThat(p.get("scheduleId").asLong()).isEqualTo(tayPlay);
            assertThat(p.get("language").asText()).isEqualTo("tyz");
            assertThat(p.get("languageName").asText()).isEqualTo("Tiếng Tày");
        });
        assertThat(plays(api, "?language=vi")).extracting(p -> p.get("scheduleId").asLong()).containsExactly(vietPlay);
        assertThat(api.get("/api/v1/plays?language=tay").status()).isEqualTo(400);

        YearMonth month = YearMonth.now(ZoneOffset.ofHours(7));
        String html = api.get("/api/v1/reports/province?month=" + month + "&format=html").body();
        assertThat(html).contains("Bản tin đã phát theo ngôn ngữ")
                .contains("<th>Tiếng Tày<span class=\"en\">Tày (tyz)</span></th>")
                .contains("<th>Tiếng Việt<span class=\"en\">Vietnamese (vi)</span></th>")
                .contains("<tr class=\"commune\"><td>Xã Bắc Sơn</td><td class=\"n\">1</td><td class=\"n\">1</td></tr>");
        String csv = api.get("/api/v1/reports/province?month=" + month + "&format=csv").body();
        assertThat(csv).contains(month + ",Xã Bắc Sơn,tyz,Tiếng Tày,1").contains(month + ",Xã Bắc Sơn,vi,Tiếng Việt,1");

        // text-to-speech has no Tày voice: refused, saying so
        ObjectNode a = ApiClient.json().createObjectNode();
        a.put("title", "Thông báo").put("priority", "NORMAL");
        a.putObject("targets").putArray("stationIds").add(station.id());
        a.putObject("source").put("type", "text").put("text", "Slam bản").put("language", "tyz");
        ApiClient.Response refused = api.post("/api/v1/announcements", a);
        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.json().get("code").asText()).isEqualTo("NO_VOICE_FOR_LANGUAGE");
        assertThat(refused.json().get("params").get("language").asText()).isEqualTo("tyz (Tiếng Tày / Tày)");
        assertThat(refused.error()).contains("no voice for tyz (Tiếng Tày / Tày)");
    }

    private static long schedule(ApiClient api, long bulletinId, long stationId, Instant at) {
        ObjectNode s = ApiFixtures.schedule(bulletinId, ApiClient.json().createObjectNode().put("type", "once")
                .put("at", OffsetDateTime.ofInstant(at, ZoneOffset.ofHours(7)).toString()));
        ApiFixtures.targets(s).withArray("stationIds").add(stationId);
        ApiClient.Response r = api.post("/api/v1/schedules", s);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json().get("id").asLong();
    }

    private static List<JsonNode> plays(ApiClient api, String query) {
        ApiClient.Response r = api.get("/api/v1/plays" + query);
        assertThat(r.status()).as(r.body()).isEqualTo(200);
        List<JsonNode> out = new ArrayList<>();
        r.json().forEach(out::add);
        return out;
    }
}
