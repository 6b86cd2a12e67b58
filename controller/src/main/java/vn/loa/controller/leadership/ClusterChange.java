package vn.loa.controller.leadership;

/** A change made on a standby node that the leader must act on. */
public sealed interface ClusterChange {
    /** Schedules, areas, bulletins or approvals changed: every plan is rebuilt. */
    record AllPlans() implements ClusterChange {
    }

    /** A station was registered or its zones changed: its plan is built. */
    record StationPlan(long stationId) implements ClusterChange {
    }

    /** Relays were created or deleted: the leader reloads them. */
    record Relays() implements ClusterChange {
    }

    /** An announcement was asked of a standby: the leader takes the hand-over row and plays it. */
    record Announcement(long handOverId) implements ClusterChange {
    }
}
