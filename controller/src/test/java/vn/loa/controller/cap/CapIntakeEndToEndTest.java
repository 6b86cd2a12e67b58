package vn.loa.controller.cap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;

/**
 * CAP alerts posted to a real controller with real agents: the specification's examples, their areas given as GSO
 * codes of the test's communes, become announcements to exactly the stations inside at the mapped priority; a
 * Cancel stops; invalid alerts get 400 with the validator's message; an operator's alert airs only once approved.
 * Text is spoken by espeak-ng.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(180)
class CapIntakeEndToEndTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private ApiClient admin;
    private TestController controller;
    private final List<Long> stations = new ArrayList<>();
    private long province;

    /** Province 20 and three communes 05971, 05974, 05977, one station each. */
    private void setup() throws Exception {
        controller = TestController.start(dir.resolve("controller"));
        running.add(controller);
        admin = controller.admin();
        province = admin.post("/api/v1/areas", Map.of("name", "Tỉnh Lạng Sơn", "kind", "PROVINCE", "code", "20"))
                .json().get("id").asLong();
        List<TestAgent> agents = new ArrayList<>();
        for (String code : List.of("05971", "05974", "05977")) {
            long commune = admin.post("/api/v1/areas", Map.of("name", "Phường " + code, "kind", "COMMUNE", "parentId",
                    province, "code", code)).json().get("id").asLong();
            ApiClient.Response r = admin.post("/api/v1/stations", Map.of("name", "Đài " + code, "areaId", commune,
                    "zones", List.of(Map.of("name", "Thôn 1"))));
            assertThat(r.status()).as(r.body()).isEqualTo(201);
            long id = r.json().get("id").asLong();
            stations.add(id);
            TestAgent agent = TestAgent.start(controller.agentPort(), id, r.json().get("secret").asText(), dir);
            running.add(agent);
            agents.add(agent);
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> agents.stream()
                .allMatch(a -> a.agent().isConnected() && a.agent().clock().isSynchronised()));
    }

    private static ApiClient.Response postCap(ApiClient api, String xml) {
        return api.send(api.builder("/api/v1/cap").header("Content-Type", "application/cap+xml")
                .POST(HttpRequest.BodyPublishers.ofString(xml, StandardCharsets.UTF_8)));
    }

    private Set<Long> stationsOf(long announcement) {
        JsonNode a = admin.get("/api/v1/announcements/" + announcement).json();
        Set<Long> out = new HashSet<>();
        a.get("stations").forEach(s -> out.add(s.get("stationId").asLong()));
        return out;
    }

    private String stateOf(long announcement) {
        return admin.get("/api/v1/announcements/" + announcement).json().get("state").asText();
    }

    @Test
    void theExamplesAirToTheStationsInsideACancelStopsAndAnOperatorsAlertWaitsForApproval() throws Exception {
        setup();
        // A.4 (AMBER, Severe/Immediate/Likely): Los Angeles County becomes the first two communes
        String amber = CapExamples.original(4).replace("<valueName>SAME</valueName>\n                <value>006037</value>",
                "<valueName>GSO</valueName>\n                <value>05971</value>\n            </geocode>\n"
                + "            <geocode>\n                <valueName>GSO</valueName>\n                <value>05974</value>");
        ApiClient.Response r = postCap(admin, amber);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        assertThat(r.json().get("state").asText()).isEqualTo("AIRED");
        assertThat(r.json().get("priority").asText()).isEqualTo("EMERGENCY");
        long amberAnnouncement = r.json().get("announcementId").asLong();
        assertThat(stationsOf(amberAnnouncement)).containsExactlyInAnyOrder(stations.get(0), stations.get(1));
        JsonNode a = admin.get("/api/v1/announcements/" + amberAnnouncement).json();
        assertThat(a.get("priority").asText()).isEqualTo("EMERGENCY");

        // a Cancel referencing it stops it
        String cancel = CapExamples.original(1).replace("<identifier>43b080713727</identifier>",
                "<identifier>KAR0-0306112239-SW-cancel</identifier>").replace("<msgType>Alert</msgType>",
                "<msgType>Cancel</msgType>").replace("<scope>Public</scope>", "<scope>Public</scope>\n    <references>"
                + "KARO@CLETS.DOJ.CA.GOV,KAR0-0306112239-SW,2003-06-11T22:39:00-07:00</references>");
        ApiClient.Response c = postCap(admin, cancel);
        assertThat(c.status()).as(c.body()).isEqualTo(201);
        assertThat(c.json().get("state").asText()).isEqualTo("STOPPED");
        await().atMost(Duration.ofSeconds(20)).until(() -> !stateOf(amberAnnouncement).equals("ACTIVE"));

        // schema-invalid and malformed: 400 with the validator's message
        ApiClient.Response bad = postCap(admin, CapExamples.original(1).replace("<status>Actual</status>",
                "<status>Real</status>"));
        assertThat(bad.status()).isEqualTo(400);
        assertThat(bad.error()).startsWith("the CAP alert is not valid against the CAP 1.2 schema").contains("Real");
        assertThat(postCap(admin, "<alert").status()).isEqualTo(400);

        // an operator is not trusted: A.1 (the whole province) waits, nothing airs, until an admin approves
        assertThat(admin.post("/api/v1/accounts", Map.of("username", "op.cap", "password", "mat-khau-rat-dai",
                "role", "OPERATOR", "scopeAreaId", province)).status()).isEqualTo(201);
        ApiClient operator = new ApiClient(controller.httpPort()).login("op.cap", "mat-khau-rat-dai");
        ApiClient.Response pending = postCap(operator, new String(CapExamples.a1(), StandardCharsets.UTF_8));
        assertThat(pending.status()).as(pending.body()).isEqualTo(201);
        assertThat(pending.json().get("state").asText()).isEqualTo("PENDING_APPROVAL");
        assertThat(pending.json().get("announcementId").isNull()).isTrue();
        long capId = pending.json().get("id").asLong();
        ApiClient.Response notYours = operator.post("/api/v1/cap/" + capId + "/approve", Map.of());
        assertThat(notYours.status()).isEqualTo(403);
        assertThat(notYours.json().get("code").asText()).isEqualTo("ROLE_FORBIDDEN");
        assertThat(notYours.error()).isEqualTo("only an admin may review CAP alerts");
        ApiClient.Response approved = admin.post("/api/v1/cap/" + capId + "/approve", Map.of());
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        assertThat(approved.json().get("state").asText()).isEqualTo("AIRED");
        ApiClient.Response again = admin.post("/api/v1/cap/" + capId + "/approve", Map.of());
        assertThat(again.status()).as(again.body()).isEqualTo(409);
        assertThat(again.json().get("code").asText()).isEqualTo("CAP_ALERT_NOT_PENDING");
        assertThat(again.error()).isEqualTo("CAP alert " + capId + " is AIRED, not waiting for approval");
        long provinceAnnouncement = approved.json().get("announcementId").asLong();
        assertThat(stationsOf(provinceAnnouncement)).containsExactlyInAnyOrderElementsOf(stations);

        // the as-run log, filtered by the CAP identifier: the spoken alert is about two minutes long, so it is
        // stopped once every station plays it and each station reports the part that went out
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode ann = admin.get("/api/v1/announcements/" + provinceAnnouncement).json();
            Set<Long> playing = new HashSet<>();
            ann.get("stations").forEach(st -> {
                if (st.get("state").asText().equals("PLAYING")) {
                    playing.add(st.get("stationId").asLong());
                }
            });
            return playing.containsAll(stations);
        });
        assertThat(admin.delete("/api/v1/announcements/" + provinceAnnouncement).status()).isEqualTo(204);
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode plays = admin.get("/api/v1/plays?capIdentifier=43b080713727").json();
            Set<Long> played = new HashSet<>();
            plays.forEach(p -> played.add(p.get("stationId").asLong()));
            return played.containsAll(stations);
        });
        assertThat(admin.get("/api/v1/plays?capIdentifier=no-such-alert").json()).isEmpty();
    }
}
