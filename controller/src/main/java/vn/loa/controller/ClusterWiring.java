package vn.loa.controller;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.account.LoginThrottle;
import vn.loa.controller.account.SessionService;
import vn.loa.controller.announcement.AnnouncementHandOvers;
import vn.loa.controller.announcement.AnnouncementService;
import vn.loa.controller.command.CommandService;
import vn.loa.controller.gateway.fanout.BroadcastPacer;
import vn.loa.controller.health.HealthMonitor;
import vn.loa.controller.health.HealthRollup;
import vn.loa.controller.health.PeriodicTasks;
import vn.loa.controller.leadership.ChangeFeed;
import vn.loa.controller.leadership.ChangeListener;
import vn.loa.controller.leadership.ClusterChange;
import vn.loa.controller.leadership.ClusterSettings;
import vn.loa.controller.leadership.LeaderJobs;
import vn.loa.controller.leadership.Leadership;
import vn.loa.controller.leadership.Lease;
import vn.loa.controller.pki.KeyEncryptionKey;
import vn.loa.controller.plan.PlanService;
import vn.loa.controller.relay.RelayService;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.DatabaseVendor;

/**
 * The composition root's part for leadership (docs/architecture.md#leadership): the one list of the
 * leader's jobs, how a standby's changes reach the leader, and the key of the shared station CA. Kept
 * apart from {@link LoaController} so that the root stays one readable page.
 */
final class ClusterWiring {
    private static final Logger log = LoggerFactory.getLogger(ClusterWiring.class);

    private ClusterWiring() {
    }

    /** What the leader's jobs are made of. */
    record Services(PlanService plans, AnnouncementService announcements, BroadcastPacer pacer, RelayService relays,
            SessionService sessions, LoginThrottle loginThrottle, HealthMonitor healthMonitor, CommandService commands,
            HealthRollup healthRollup, ExecutorService blocking, AnnouncementHandOvers handOvers) {
    }

    /**
     * The one list of the leader's jobs, in start order (stopped in reverse): nothing of it runs on a
     * standby. The periodic tasks get a timer of their own at each start, so a job never outlives its term.
     */
    static void registerLeaderJobs(LeaderJobs jobs, Services s, ChangeFeed changes, ChangeListener listener,
            boolean clustered) {
        AtomicReference<PeriodicTasks> leaderTasks = new AtomicReference<>();
        if (clustered) { // before the planner's first rebuild: what standbys changed from now on is polled below
            jobs.addRestartable("changes from standbys", changes::startFromNow, () -> { });
        }
        jobs.addRestartable("planner", s.plans()::start, s.plans()::close)
                .addRestartable("announcement tracker", s.announcements()::start, s.announcements()::close)
                .addRestartable("broadcast pacer", s.pacer()::start, s.pacer()::close)
                .addRestartable("relays", s.relays()::start, s.relays()::close)
                .addRestartable("monitoring", () -> { // a timer of its own at each start
                    PeriodicTasks tasks = new PeriodicTasks(s.blocking())
                            .every(Duration.ofMinutes(10), "expired sessions and tokens", () -> {
                                s.sessions().deleteExpired();
                                s.loginThrottle().prune();
                            })
                            .every(Duration.ofSeconds(5), "health check", s.healthMonitor()::tick)
                            .every(Duration.ofSeconds(5), "command deadlines", s.commands()::tick)
                            .every(Duration.ofMinutes(10), "health roll-up", s.healthRollup()::run);
                    if (clustered) { // no standby on H2: nothing to poll
                        tasks.every(ChangeFeed.POLL_EVERY, "changes from standbys", changes::poll)
                                .every(Duration.ofMinutes(10), "old changes", changes::prune);
                    }
                    leaderTasks.set(tasks);
                },
                        () -> {
                            PeriodicTasks tasks = leaderTasks.getAndSet(null);
                            if (tasks != null) {
                                tasks.close();
                            }
                        });
        if (clustered) { // after the planner, tracker and relays started: a change heard before would be lost or
            // published again, an announcement created before the tracker's start marked abandoned
            jobs.addRestartable("change notifications", () -> {
                listener.start();
                // announcements asked of a standby while nobody led (a failover): played now, unless withdrawn
                s.handOvers().waiting().forEach(id -> s.blocking().execute(() -> s.announcements().takeHandOver(id)));
            }, listener::stop);
        }
    }

    /** On PostgreSQL, a change made while this node stands by reaches the leader through the database. */
    static void forwardStandbyChanges(Database database, ChangeFeed changes, Services s, Leadership leadership) {
        if (database.vendor() != DatabaseVendor.POSTGRESQL) {
            return;
        }
        PlanService plans = s.plans();
        RelayService relays = s.relays();
        s.handOvers().connect(id -> changes.publish(new ClusterChange.Announcement(id)), () -> {
            Lease l = leadership.leader();
            return l.holder().isEmpty() ? "chưa có / none yet" : l.holder() + ", " + l.agentAddress();
        }, leadership.fence());
        s.announcements().whileStandby(() -> !leadership.isServing(), s.handOvers());
        plans.whileStandby(() -> changes.publish(new ClusterChange.AllPlans()),
                id -> changes.publish(new ClusterChange.StationPlan(id)));
        relays.whileStandby(() -> changes.publish(new ClusterChange.Relays()));
        changes.onChange(change -> {
            switch (change) {
                case ClusterChange.AllPlans a -> plans.markAllDirty();
                case ClusterChange.StationPlan p -> plans.markDirty(p.stationId());
                case ClusterChange.Relays r -> relays.reload();
                case ClusterChange.Announcement a -> s.blocking().execute(() -> s.announcements().takeHandOver(a.handOverId()));
            }
        });
    }

    /** The key of the station CA's key in a cluster's database; none on H2 (one node, the CA under pki/). */
    static KeyEncryptionKey caKey(Database database, ClusterSettings cluster) throws IOException {
        if (database.vendor() != DatabaseVendor.POSTGRESQL) {
            return null;
        }
        if (cluster.caKeyFile() == null) {
            log.warn("no --ca-key-file: the station CA stays under this node's pki/; with a second controller node, "
                    + "stations enrolled on one are refused by the other (docs/deployment.md)");
            return null;
        }
        return KeyEncryptionKey.fromFile(cluster.caKeyFile());
    }
}
