package vn.loa.controller.leadership;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.testsupport.FakeClock;

/** A standby's changes reach the leader through the database, in order, once. */
class ChangeFeedTest extends DatabaseTestBase {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T03:00:00Z"));
    private final List<ClusterChange> handled = new CopyOnWriteArrayList<>();

    @BeforeEach
    void empty() {
        jdbc.update("DELETE FROM cluster_change");
        handled.clear(); // one instance for the class (DatabaseTestBase)
    }

    @Test
    void theLeaderGetsTheStandbysChangesInOrderAndOnce() {
        ChangeFeed standby = new ChangeFeed(jdbc, clock);
        ChangeFeed leader = new ChangeFeed(jdbc, clock);
        leader.onChange(handled::add);
        standby.publish(new ClusterChange.AllPlans()); // before the take-over: covered by the first rebuild
        leader.startFromNow();

        standby.publish(new ClusterChange.StationPlan(42));
        standby.publish(new ClusterChange.Relays());
        standby.publish(new ClusterChange.AllPlans());
        standby.publish(new ClusterChange.Announcement(7));
        assertThat(leader.poll()).isEqualTo(4);
        assertThat(handled).containsExactly(new ClusterChange.StationPlan(42), new ClusterChange.Relays(),
                new ClusterChange.AllPlans(), new ClusterChange.Announcement(7));
        assertThat(leader.poll()).isZero();
        assertThat(handled).hasSize(4);
    }

    @Test
    void anUnknownTopicFromANewerNodeIsSkippedAndOldRowsArePruned() {
        ChangeFeed leader = new ChangeFeed(jdbc, clock);
        leader.onChange(handled::add);
        leader.startFromNow();
        jdbc.update("INSERT INTO cluster_change (topic, subject, created_at) VALUES ('SOMETHING_NEW', NULL, ?)",
                clock.instant());
        new ChangeFeed(jdbc, clock).publish(new ClusterChange.Relays());
        assertThat(leader.poll()).isEqualTo(2);
        assertThat(handled).containsExactly(new ClusterChange.Relays());

        clock.advance(ChangeFeed.KEEP.plus(Duration.ofMinutes(1)));
        new ChangeFeed(jdbc, clock).publish(new ClusterChange.AllPlans());
        assertThat(leader.prune()).isEqualTo(2);
        assertThat(leader.poll()).isEqualTo(1);
    }
}
