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
import vn.loa.controller.ControllerConfig;
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
            "outbox sender", "held inbound dispatches", "rollouts", "CAP expiries");
    private static final LeasePolicy LEASE = new LeasePolicy(Duration.ofSeconds(3));

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
        ControllerConfig config = ControllerConfig.of(dir.resolve(id), 0, 0).withHosts("127.0.0.1")
                .withAdminPassword(TestController.ADMIN_PASSWORD).withDatabase(database.settings());
        return new LoaController(config, ClusterSettings.defaults().withNode(id).withPolicy(LEASE)).start();
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
