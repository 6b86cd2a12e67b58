package vn.loa.controller.leadership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import vn.loa.controller.support.DatabaseTestBase;
import vn.loa.controller.support.TestDatabase;
import vn.loa.testsupport.FakeClock;

/**
 * On PostgreSQL a standby's change reaches the leader by NOTIFY: here nothing polls the feed periodically
 * at all, so only the notification can bring the changes within the bound.
 */
@Tag("needs-tools")
@Timeout(60)
class ChangeListenerPostgresTest extends DatabaseTestBase {
    private final FakeClock clock = new FakeClock(Instant.parse("2026-12-07T03:00:00Z"));

    @Override
    protected TestDatabase database() {
        return TestDatabase.POSTGRESQL;
    }

    @Test
    void aChangeOnTheStandbyReachesTheLeaderWithoutItsPoll() {
        List<ClusterChange> handled = new CopyOnWriteArrayList<>();
        ChangeFeed leaderFeed = new ChangeFeed(jdbc, clock, true);
        leaderFeed.onChange(handled::add);
        leaderFeed.startFromNow();
        ChangeListener listener = new ChangeListener(jdbc, leaderFeed);
        listener.start();
        try {
            ChangeFeed standby = new ChangeFeed(jdbc, clock, true);
            // heard, or found by the listener's one poll right after its LISTEN: either way it listens from then on
            standby.publish(new ClusterChange.Relays());
            await().atMost(Duration.ofSeconds(10)).until(() -> handled.equals(List.of(new ClusterChange.Relays())));
            handled.clear();
            standby.publish(new ClusterChange.StationPlan(5));
            standby.publish(new ClusterChange.Announcement(9));
            await().atMost(Duration.ofSeconds(5)).until(() -> handled.size() == 2);
            assertThat(handled).containsExactly(new ClusterChange.StationPlan(5), new ClusterChange.Announcement(9));
        } finally {
            listener.stop();
        }
        int before = handled.size();
        new ChangeFeed(jdbc, clock, true).publish(new ClusterChange.AllPlans());
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(2)).until(() -> handled.size() == before);
    }
}
