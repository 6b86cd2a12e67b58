package vn.loa.controller.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.DemoFlows;
import vn.loa.controller.support.Running;
import vn.loa.controller.support.TestAgent;
import vn.loa.controller.support.TestController;
import vn.loa.controller.support.TestDatabase;
import vn.loa.controller.web.Json;

/**
 * {@code loa-controller migrate-db}: a controller's H2 database, filled by the demo's flows, moved to an
 * empty PostgreSQL database; a controller started on it — with a data directory of its own, so its audio
 * can only come from the database — shows every area, station, account, bulletin, schedule, as-run record
 * and audit entry as before, serves the bulletin's audio, hands out new ids past the copied ones, and has a
 * station play again. A second copy into the same database is refused.
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(240)
class MigrateDbTest {
    private static final List<String> LISTS = List.of("/api/v1/areas", "/api/v1/stations", "/api/v1/accounts",
            "/api/v1/bulletins", "/api/v1/schedules", "/api/v1/plays", "/api/v1/relays");

    @TempDir
    Path dir;

    @RegisterExtension
    final Running running = new Running();

    private record Run(int exit, String out, String err) {
    }

    private static Run migrateDb(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = new CommandLine(new MigrateDbCommand(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))).execute(args);
        return new Run(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** What the API shows, less what depends on the moment or the links (online, last seen, next runs). */
    private static Map<String, JsonNode> snapshot(ApiClient api, Instant auditBefore) {
        Map<String, JsonNode> out = new LinkedHashMap<>();
        for (String path : LISTS) {
            ApiClient.Response r = api.get(path);
            assertThat(r.status()).as(path + ": " + r.body()).isEqualTo(200);
            out.put(path, strip(r.json()));
        }
        out.put("audit", api.get("/api/v1/audit?to=" + auditBefore + "&limit=1000").json());
        return out;
    }

    private static byte[] bytes(ApiClient api, String path) throws Exception {
        var r = java.net.http.HttpClient.newHttpClient().send(api.builder(path).GET().build(),
                java.net.http.HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        return r.body();
    }

    private static JsonNode strip(JsonNode n) {
        if (n.isObject()) {
            ((ObjectNode) n).remove(List.of("online", "lastSeenAt", "nextRuns", "connected"));
        }
        n.forEach(MigrateDbTest::strip);
        return n;
    }

    @Test
    void aDemoLikeH2DatabaseMovesToPostgresqlWithEverythingIntact() throws Exception {
        Path h2Data = dir.resolve("h2-node");
        TestController h2 = TestController.start(h2Data);
        DemoFlows.Outcome before = DemoFlows.run(h2, dir.resolve("agents"), running);
        DemoFlows.assertAsExpected(before);
        running.close(); // the agents stop; the controller is stopped before its database is copied
        Instant auditBefore = Instant.now().plusSeconds(1).truncatedTo(ChronoUnit.SECONDS);
        await().pollDelay(Duration.ofMillis(1_100)).atMost(Duration.ofSeconds(3)).until(() -> true);
        Map<String, JsonNode> expected = snapshot(h2.admin(), auditBefore);
        byte[] audio = bytes(h2.admin(), "/api/v1/bulletins/" + before.bulletinId() + "/audio");
        assertThat(audio.length).isGreaterThan(100_000);
        h2.close();

        TestDatabase.Fresh target = running.keep(TestDatabase.POSTGRESQL.create(dir));
        Path credentials = dir.resolve("pg.properties");
        Files.writeString(credentials, "user=" + target.settings().user() + "\npassword=" + target.settings().password() + "\n");
        Run run = migrateDb("--from", h2Data.resolve("loa.mv.db").toString(), "--to", target.settings().url(),
                "--database-credentials", credentials.toString());
        assertThat(run.exit()).as(run.out() + run.err()).isZero();
        assertThat(run.out()).contains("play ").contains("1 audio files").contains("rows copied and counted");

        Run again = migrateDb("--from", h2Data.toString(), "--to", target.settings().url(),
                "--database-credentials", credentials.toString());
        assertThat(again.exit()).isEqualTo(1);
        assertThat(again.err()).contains("is not empty").contains("account");

        TestController pg = running.keep(TestController.start(dir.resolve("pg-node"), target.settings()));
        ApiClient api = pg.admin();
        assertThat(snapshot(api, auditBefore)).isEqualTo(expected);
        assertThat(bytes(api, "/api/v1/bulletins/" + before.bulletinId() + "/audio")).as("audio served from the database")
                .isEqualTo(audio);

        // new rows get new ids, and a station plays the migrated bulletin from the database
        ApiClient.Response station = api.post("/api/v1/stations", Map.of("name", "Đài xã Kiên Mộc",
                "areaId", expected.get("/api/v1/areas").get(0).get("id").asLong(), "zones", List.of(Map.of("name", "Thôn 1"))));
        assertThat(station.status()).as(station.body()).isEqualTo(201);
        long newStation = station.json().get("id").asLong();
        assertThat(newStation).isGreaterThan(expected.get("/api/v1/stations").get(1).get("id").asLong());
        TestAgent agent = running.keep(TestAgent.start(pg.agentPort(), newStation, station.json().get("secret").asText(),
                dir.resolve("agents-after")));
        await().atMost(Duration.ofSeconds(30)).until(() -> agent.agent().isConnected() && agent.agent().clock().isSynchronised());
        ObjectNode body = ApiClient.json().createObjectNode();
        body.put("bulletinId", before.bulletinId()).put("title", "Sau khi chuyển").put("priority", "NORMAL");
        body.putObject("targets").putArray("stationIds").add(newStation);
        body.putObject("rule").put("type", "once").put("at", Json.local(Instant.now().plusSeconds(5).truncatedTo(ChronoUnit.SECONDS)));
        ApiClient.Response schedule = api.post("/api/v1/schedules", body);
        assertThat(schedule.status()).as(schedule.body()).isEqualTo(201);
        assertThat(schedule.json().get("id").asLong()).isGreaterThan(before.scheduleId());
        await().atMost(Duration.ofSeconds(40)).until(() -> api.get("/api/v1/plays?stationId=" + newStation).json().size() == 1);
        assertThat(api.get("/api/v1/plays?stationId=" + newStation).json().get(0).get("outcome").asText()).isEqualTo("PLAYED");
        assertThat(api.get("/api/v1/plays").json()).hasSize(expected.get("/api/v1/plays").size() + 1);
    }
}
