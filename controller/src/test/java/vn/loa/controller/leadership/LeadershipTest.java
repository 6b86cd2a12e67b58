package vn.loa.controller.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.support.DatabaseTestBase;

/**
 * Two nodes on one database, their loops driven tick by tick: who leads, the fence, the step-down. H2
 * here (the SQL is the same); {@link LeadershipPostgresTest} runs it on PostgreSQL.
 */
@Timeout(60)
class LeadershipTest extends DatabaseTestBase {
    private static final LeasePolicy SHORT = new LeasePolicy(Duration.ofMillis(900));

    private final List<Leadership> nodes = new ArrayList<>();
    private final List<LeaseDecision.Cause> stepDowns = new CopyOnWriteArrayList<>();

    /** A node with one counting job, so that a test sees what runs where. */
    private record Node(Leadership leadership, AtomicInteger running) {
    }

    @BeforeEach
    void vacantLease() {
        jdbc.update("DELETE FROM leader_lease");
        stepDowns.clear(); // one instance for the class (DatabaseTestBase)
        nodes.clear();
    }

    @AfterEach
    void closeNodes() {
        nodes.forEach(Leadership::close);
    }

    private Node node(String id) {
        AtomicInteger running = new AtomicInteger();
        LeaderJobs jobs = new LeaderJobs().add("counted", running::incrementAndGet, running::decrementAndGet);
        Leadership l = Leadership.clustered(new LeaseStore(jdbc), SHORT, id, () -> id + ".example:7070", jobs,
                Clock.systemUTC(), stepDowns::add);
        nodes.add(l);
        return new Node(l, running);
    }

    @Test
    void theFirstNodeLeadsAndTheSecondStandsByNamingIt() {
        Node a = node("a");
        Node b = node("b");
        a.leadership().tick();
        b.leadership().tick();

        assertThat(a.leadership().isLeader()).isTrue();
        assertThat(a.leadership().isServing()).as("its jobs run: it takes station links").isTrue();
        assertThat(a.leadership().generation()).hasValue(1);
        assertThat(a.running()).hasValue(1);
        assertThat(b.leadership().isServing()).isFalse();
        assertThat(b.leadership().isLeader()).isFalse();
        assertThat(b.running()).as("nothing of the leader's jobs runs on the standby").hasValue(0);
        assertThat(b.leadership().leader().holder()).isEqualTo("a");
        assertThat(b.leadership().leader().agentAddress()).isEqualTo("a.example:7070");

        a.leadership().tick(); // renews
        b.leadership().tick();
        assertThat(a.leadership().generation()).hasValue(1);
        assertThat(b.running()).hasValue(0);
    }

    @Test
    void aPausedLeaderIsTakenOverFencedOutAndStepsDown() {
        Node a = node("a");
        Node b = node("b");
        a.leadership().tick();
        Fence oldFence = a.leadership().fence();
        // a is paused (no tick): its lease runs out and b takes over under generation 2
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            b.leadership().tick();
            return b.leadership().isLeader();
        });
        assertThat(b.leadership().generation()).hasValue(2);
        assertThat(b.running()).hasValue(1);
        assertThat(a.leadership().isLeader()).as("a's own clock ended its term too").isFalse();

        // a wakes up: a write under its token is refused, and its next tick stops its jobs
        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            oldFence.check(c);
            return null;
        })).isInstanceOf(FencedOut.class).hasMessageContaining("generation 1").hasMessageContaining("generation 2");
        jdbc.inTransaction(c -> {
            b.leadership().fence().check(c);
            return null;
        });
        a.leadership().tick();
        assertThat(a.running()).hasValue(0);
        assertThat(a.leadership().isServing()).isFalse();
        assertThat(stepDowns).containsExactly(LeaseDecision.Cause.LEASE_TAKEN);

        a.leadership().tick(); // retired: does not take over again
        assertThat(a.leadership().isLeader()).isFalse();
    }

    @Test
    void aLeaderThatStopsHandsTheLeaseBackAtOnce() {
        Node a = node("a");
        Node b = node("b");
        a.leadership().tick();
        b.leadership().tick();
        a.leadership().close();
        assertThat(a.running()).hasValue(0);

        b.leadership().tick(); // no wait for the expiry
        assertThat(b.leadership().isLeader()).isTrue();
        assertThat(b.leadership().generation()).hasValue(2);
        assertThat(stepDowns).isEmpty();
    }

    @Test
    void aNodeWithRestartableJobsStandsByAfterLosingTheLeaseAndLeadsAgainLater() {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger starts = new AtomicInteger();
        LeaderJobs jobs = new LeaderJobs().addRestartable("counted", () -> {
            starts.incrementAndGet();
            running.incrementAndGet();
        }, () -> running.updateAndGet(n -> Math.max(0, n - 1)));
        Leadership a = Leadership.clustered(new LeaseStore(jdbc), SHORT, "a", () -> "a.example:7070", jobs,
                Clock.systemUTC(), stepDowns::add);
        nodes.add(a);
        Node b = node("b");
        a.tick();
        assertThat(a.generation()).hasValue(1);
        Fence oldFence = a.fence();

        // the lease is stolen while a is paused: b takes over, a's next tick stops its jobs but not the node
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100)).until(() -> {
            b.leadership().tick();
            return b.leadership().isLeader();
        });
        a.tick();
        assertThat(stepDowns).containsExactly(LeaseDecision.Cause.LEASE_TAKEN);
        assertThat(running).as("the old leader stopped acting").hasValue(0);
        assertThat(a.isLeader()).isFalse();
        assertThat(a.standsByAfterStepDown()).isTrue();
        assertThatThrownBy(() -> jdbc.inTransaction(c -> {
            oldFence.check(c);
            return null;
        })).isInstanceOf(FencedOut.class);
        a.tick();
        assertThat(a.leader().holder()).as("a stands by, naming the leader").isEqualTo("b");

        // b goes away: a takes over again in the same process, under a new generation, its jobs started anew
        b.leadership().close();
        a.tick();
        assertThat(a.isLeader()).isTrue();
        assertThat(a.generation()).hasValue(3);
        assertThat(running).hasValue(1);
        assertThat(starts).hasValue(2);
        jdbc.inTransaction(c -> {
            a.fence().check(c);
            return null;
        });
    }

    @Test
    void aNodeStandsByInProcessOnlyWhenEveryJobCanRestart() {
        LeaderJobs jobs = new LeaderJobs().addRestartable("restartable", () -> { }, () -> { })
                .add("made once", () -> { }, () -> { });
        assertThat(jobs.allRestartable()).isFalse();
        assertThat(new LeaderJobs().addRestartable("x", () -> { }, () -> { }).allRestartable()).isTrue();
    }

    @Test
    void theLoopTakesOverByItself() {
        Node a = node("a");
        a.leadership().start();
        await().atMost(Duration.ofSeconds(10)).until(() -> a.leadership().isLeader() && a.running().get() == 1);
        // and keeps renewing: still leading after several leases' time
        await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(5))
                .until(() -> a.leadership().generation().orElse(-1) == 1 && a.running().get() == 1);
    }

    @Test
    void aSingleNodeOnH2AlwaysLeads() {
        AtomicInteger running = new AtomicInteger();
        Leadership single = Leadership.single("only", new LeaderJobs().add("counted", running::incrementAndGet,
                running::decrementAndGet));
        single.start();
        assertThat(single.isLeader()).isTrue();
        assertThat(running).hasValue(1);
        jdbc.inTransaction(c -> {
            single.fence().check(c);
            return null;
        });
        single.close();
        assertThat(running).hasValue(0);
        assertThat(single.isLeader()).isFalse();
    }

    @Test
    void jobsStartInOrderStopInReverseAndTheNeverStartedAreClosed() {
        List<String> log = new CopyOnWriteArrayList<>();
        LeaderJobs jobs = new LeaderJobs()
                .add("planner", () -> log.add("start planner"), () -> log.add("stop planner"))
                .add("pacer", () -> log.add("start pacer"), () -> log.add("stop pacer"));
        jobs.closeAll();
        assertThat(log).containsExactly("stop pacer", "stop planner");
        jobs.startAll();
        assertThat(log).hasSize(2).as("closed jobs never start");

        List<String> log2 = new CopyOnWriteArrayList<>();
        LeaderJobs jobs2 = new LeaderJobs()
                .add("planner", () -> log2.add("start planner"), () -> log2.add("stop planner"))
                .add("pacer", () -> log2.add("start pacer"), () -> log2.add("stop pacer"));
        jobs2.startAll();
        assertThat(jobs2.running()).containsExactly("planner", "pacer");
        jobs2.stopAll();
        jobs2.closeAll();
        assertThat(log2).containsExactly("start planner", "start pacer", "stop pacer", "stop planner");
        assertThat(jobs2.running()).isEmpty();
    }
}
