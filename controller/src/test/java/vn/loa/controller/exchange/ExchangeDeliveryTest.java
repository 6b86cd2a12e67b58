package vn.loa.controller.exchange;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.outbox.HttpPush;
import vn.loa.controller.outbox.Signature;
import vn.loa.controller.pki.SecurityConfig;
import vn.loa.controller.playlog.PlayRepository;
import vn.loa.controller.storage.Jdbc;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.Priority;

/**
 * Issue 20's done-when for the exchange: the province's endpoint is down for a while, the controller restarts in
 * between, and after the endpoint comes back every broadcast-log record has arrived exactly once by idempotency key,
 * signed; the pull API with {@code since} returns the same records; the receiver refuses a wrong signature.
 */
@Tag("e2e")
@Timeout(120)
class ExchangeDeliveryTest {
    private static final String SECRET = "a-shared-secret-of-32-characters";

    @TempDir
    Path dir;
    private TestController controller;
    private FakeUpstream upstream;

    @AfterEach
    void stop() {
        if (controller != null) {
            controller.close();
        }
        if (upstream != null) {
            upstream.close();
        }
    }

    private TestController startController() throws Exception {
        return TestController.start(dir, SecurityConfig.off().withRelayAllow(List.of("127.0.0.1")));
    }

    @Test
    void everyBroadcastLogRecordArrivesOnceAfterTheEndpointComesBackAcrossARestart() throws Exception {
        upstream = new FakeUpstream(SECRET);
        upstream.down();
        controller = startController();
        ApiClient first = controller.admin();
        ObjectNode endpoint = ApiClient.json().createObjectNode().put("url", upstream.url()).put("secret", SECRET);
        ApiClient.Response set = first.send(first.builder("/api/v1/exchange/endpoint")
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(endpoint.toString())));
        assertThat(set.status()).as(set.body()).isEqualTo(200);
        assertThat(set.body()).doesNotContain(SECRET);

        Set<String> expected = new TreeSet<>();
        expected.addAll(storePlays("before-", 5));
        // the endpoint is down: the outbox tries, fails, and backs off
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode e = first.get("/api/v1/exchange/endpoint").json();
            assertThat(e.get("failures").asInt()).isGreaterThanOrEqualTo(1);
            assertThat(e.get("pending").asLong()).isEqualTo(5);
        });

        controller.close(); // a restart while the messages wait
        controller = startController();
        ApiClient admin = controller.admin();
        expected.addAll(storePlays("after-", 5));
        upstream.up();

        await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
                assertThat(upstream.accepted().stream().map(FakeUpstream.Received::key)
                        .filter(k -> k.startsWith("broadcast-log:")).toList()).containsExactlyInAnyOrderElementsOf(
                        expected.stream().map(id -> "broadcast-log:" + id).toList()));
        for (String id : expected) {
            assertThat(upstream.deliveries("broadcast-log:" + id)).as(id).isEqualTo(1);
        }
        JsonNode e = admin.get("/api/v1/exchange/endpoint").json();
        assertThat(e.get("failures").asInt()).isZero();
        assertThat(e.get("refused").asLong()).isZero();

        // pull: an API token, pages of 3 from since=0, the same records as pushed
        String apiToken = admin.post("/api/v1/tokens", Map.of("name", "province")).json().get("token").asText();
        Map<String, String> pushed = new HashMap<>();
        for (FakeUpstream.Received r : upstream.accepted()) {
            pushed.put(r.key(), r.body());
        }
        List<JsonNode> pulled = new ArrayList<>();
        long since = 0;
        HttpClient http = HttpClient.newHttpClient();
        String base = "http://127.0.0.1:" + controller.httpPort();
        while (true) {
            HttpResponse<String> page = http.send(HttpRequest.newBuilder(URI.create(base
                    + "/api/v1/exchange/records?limit=3&since=" + since)).header("Authorization", "Bearer " + apiToken)
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
            JsonNode body = ApiClient.json().readTree(page.body());
            assertThat(body.get("schema").asText()).isEqualTo(LoaExchangeSchema.ID);
            body.get("records").forEach(pulled::add);
            if (body.get("records").isEmpty()) {
                break;
            }
            assertThat(body.get("next").asLong()).isGreaterThan(since);
            since = body.get("next").asLong();
        }
        List<String> pulledPlays = pulled.stream().map(r -> r.get("key").asText())
                .filter(k -> k.startsWith("broadcast-log:")).toList();
        assertThat(pulledPlays).containsExactlyInAnyOrderElementsOf(expected.stream().map(id -> "broadcast-log:" + id)
                .toList());
        for (JsonNode r : pulled) {
            ObjectNode withoutSeq = ((ObjectNode) r.deepCopy());
            withoutSeq.remove("seq");
            assertThat(withoutSeq).isEqualTo(ApiClient.json().readTree(pushed.get(r.get("key").asText())));
        }
        JsonNode one = pulled.stream().filter(r -> r.get("key").asText().equals("broadcast-log:after-2")).findFirst()
                .orElseThrow();
        assertThat(one.get("kind").asText()).isEqualTo("broadcast-log");
        assertThat(one.at("/data/stationId").asLong()).isEqualTo(7);
        assertThat(one.at("/data/outcome").asText()).isEqualTo("PLAYED");

        // without a token: refused
        assertThat(http.send(HttpRequest.newBuilder(URI.create(base + "/api/v1/exchange/records")).build(),
                HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);

        // the receiver refuses a message whose signature is wrong, and takes nothing from it
        byte[] forged = "{\"key\":\"broadcast-log:forged\"}".getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(URI.create(upstream.url()))
                .header(HttpPush.IDEMPOTENCY_HEADER, "broadcast-log:forged")
                .header(Signature.HEADER, Signature.sign("not-the-shared-secret-at-all!!", forged))
                .POST(HttpRequest.BodyPublishers.ofByteArray(forged)).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(upstream.deliveries("broadcast-log:forged")).isZero();
    }

    /** Broadcast-log lines as the gateway stores agents' reports. */
    private List<String> storePlays(String prefix, int n) {
        PlayRepository plays = new PlayRepository(new Jdbc(controller.controller().database()));
        long now = System.currentTimeMillis();
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            String id = prefix + i;
            plays.store(7, PlayReport.newBuilder().setReportId(id).setItemId("item-" + i).addZoneIds(1)
                    .setPlannedAtMs(now - 60_000).setStartedAtMs(now - 59_000).setEndedAtMs(now - 30_000)
                    .setOutcome(PlayReport.Outcome.PLAYED).setPriority(Priority.NORMAL).setPeakDbfs(-3f)
                    .setRmsDbfs(-18f).build());
            ids.add(id);
        }
        return ids;
    }
}
