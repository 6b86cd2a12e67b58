package vn.loa.controller.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.LoaController;
import vn.loa.controller.support.ApiClient;
import vn.loa.controller.support.TestController;
import vn.loa.controller.support.TestDatabase;

/**
 * Two real controllers on one PostgreSQL database, in this JVM: one leads and runs every job, the other
 * runs none of them but serves the API with the same sessions; when the leader stops, the standby takes
 * over. (Killing a controller process is the failover test's.)
 */
@Tag("e2e")
@Tag("needs-tools")
@Timeout(120)
class TwoControllersPostgresTest {
    private static final List<String> EVERY_JOB = List.of("changes from standbys", "planner", "announcement tracker", "broadcast pacer",
            "relays", "monitoring", "change notifications", "relay alarms", "area changes due", "exchange collector",
            "outbox sender", "held inbound dispatches", "rollouts", "CAP expiries", "station links");

    @TempDir
    Path dir;
    private TestDatabase.Fresh database;
    private LoaController a;
    private LoaController b;

    @AfterEach
    void stop() {
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

    /**
     * The leader's lease is taken from under it (as by a node that took over while this one was paused): it
     * stops every job and stands by in its process — station links refused naming the new leader, the API
     * served, a live announcement refused with 503 naming the leader — and leads again, with every job, once
     * that lease has lapsed.
     */
    @Test
    void aLeaderThatLosesItsLeaseStandsByInItsProcessAndLeadsAgain() throws Exception {
        database = TestDatabase.POSTGRESQL.create(dir);
        a = node("node-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leadership().isServing());
        assertThat(a.leaderJobsRunning()).containsExactlyElementsOf(EVERY_JOB);
        assertThat(a.leadership().standsByAfterStepDown()).as("every leader job restartable").isTrue();
        ApiClient admin = new ApiClient(a.httpPort()).login("admin", TestController.ADMIN_PASSWORD);
        long station = vn.loa.controller.web.ApiFixtures.station(admin, "Đài xã Đội Cấn",
                vn.loa.controller.web.ApiFixtures.province(admin), 1).id();
        long generation = a.leadership().generation().orElseThrow();
        com.fasterxml.jackson.databind.node.ObjectNode body = ApiClient.json().createObjectNode();
        body.put("title", "Phát trực tiếp").put("priority", "PRIORITY").put("chime", false).put("repeat", 1);
        body.putObject("targets").putArray("stationIds").add(station);
        body.putObject("source").put("type", "live");
        ApiClient.Response running = admin.post("/api/v1/announcements", body);
        assertThat(running.status()).as(running.body()).isEqualTo(201);

        // another node takes the lease over (its generation is higher) and holds it for 8 s
        vn.loa.controller.storage.Jdbc jdbc = new vn.loa.controller.storage.Jdbc(a.database());
        jdbc.update("UPDATE leader_lease SET holder = 'node-x', agent_address = 'x.example:7000', generation = ?, "
                + "expires_at = CURRENT_TIMESTAMP + INTERVAL '8 seconds' WHERE id = 1", generation + 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> !a.leadership().isLeader());
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                .until(() -> a.leaderJobsRunning().isEmpty() && !a.leadership().isServing());
        assertThat(a.leadership().leader().holder()).isEqualTo("node-x");
        assertThat(a.leadership().generation()).as("no fencing token: its writes are refused").isEmpty();
        try (java.sql.Connection c = a.database().dataSource().getConnection()) { // as a paused old leader's write
            org.assertj.core.api.Assertions.assertThatThrownBy(() -> a.leadership().fence().check(c))
                    .isInstanceOf(FencedOut.class);
        }

        // the process still serves the API, and refuses what only the leader does, naming it
        ApiClient.Response stations = admin.get("/api/v1/stations");
        assertThat(stations.status()).as(stations.body()).isEqualTo(200);
        ApiClient.Response live = admin.post("/api/v1/announcements", body);
        assertThat(live.status()).as(live.body()).isEqualTo(503);
        assertThat(live.body()).contains("node-x").contains("x.example:7000");
        ApiClient.Response stop = admin.delete("/api/v1/announcements/" + running.json().get("id").asLong());
        assertThat(stop.status()).as(stop.body()).isEqualTo(503);
        assertThat(stop.body()).contains("node-x").contains("x.example:7000");
        com.fasterxml.jackson.databind.JsonNode clusterView = admin.get("/api/v1/cluster").json();
        assertThat(clusterView.get("leading").asBoolean()).isFalse();
        assertThat(clusterView.get("leader").get("node").asText()).isEqualTo("node-x");

        // the stolen lease lapses: this node takes over again in its process and runs every job
        await().atMost(Duration.ofSeconds(20)).until(() -> a.leadership().isServing());
        await().atMost(Duration.ofSeconds(5)).until(() -> a.leaderJobsRunning().equals(EVERY_JOB));
        assertThat(a.leadership().generation()).hasValue(generation + 2);
        ApiClient.Response created = admin.post("/api/v1/announcements", body);
        assertThat(created.status()).as("a live announcement opens again on this node: " + created.body()).isEqualTo(201);
    }

    @Test
    void onlyTheLeaderRunsJobsEveryNodeServesTheApiAndTheStandbyTakesOver() throws Exception {
        database = TestDatabase.POSTGRESQL.create(dir);
        a = node("node-a");
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leadership().isLeader());
        assertThat(a.leaderJobsRunning()).containsExactlyElementsOf(EVERY_JOB);

        b = node("node-b");
        await().atMost(Duration.ofSeconds(10)).until(() -> "node-a".equals(b.leadership().leader().holder()));
        await().during(Duration.ofSeconds(4)).atMost(Duration.ofSeconds(8))
                .until(() -> !b.leadership().isLeader() && b.leaderJobsRunning().isEmpty() && a.leadership().isLeader());
        assertThat(b.leadership().leader().agentAddress()).endsWith(":" + a.agentPort());

        // a session opened on the leader is good on the standby: sessions live in the database
        String token = new ApiClient(a.httpPort()).login("admin", TestController.ADMIN_PASSWORD).token();
        ApiClient onB = new ApiClient(b.httpPort());
        ApiClient.Response me = onB.send(onB.builder("/api/v1/stations").header("Authorization", "Bearer " + token).GET());
        assertThat(me.status()).as(me.body()).isEqualTo(200);

        // a change on the standby is written for the leader: a station registered on b
        ApiClient adminOnB = new ApiClient(b.httpPort()).login("admin", TestController.ADMIN_PASSWORD);
        long station = vn.loa.controller.web.ApiFixtures.station(adminOnB, "Đài xã Đội Cấn",
                vn.loa.controller.web.ApiFixtures.province(adminOnB), 1).id();
        assertThat(new vn.loa.controller.storage.Jdbc(a.database()).query(
                "SELECT subject FROM cluster_change WHERE topic = 'STATION_PLAN'", rs -> rs.getLong(1))).contains(station);

        a.close(); // hands the lease back
        long stopped = System.nanoTime();
        await().atMost(Duration.ofSeconds(10)).until(() -> b.leadership().isLeader());
        assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(Duration.ofSeconds(10));
        await().atMost(Duration.ofSeconds(5)).until(() -> b.leaderJobsRunning().equals(EVERY_JOB));
        assertThat(b.leadership().generation()).hasValue(2);
    }
}
