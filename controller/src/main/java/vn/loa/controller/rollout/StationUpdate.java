package vn.loa.controller.rollout;

import java.time.Instant;

/** One station in a rollout: its wave, where it stands, whether it is connected now, and when it was offered. */
public record StationUpdate(long stationId, int wave, State state, boolean online, Instant offeredAt) {

    /** Where a station stands in a rollout. */
    public enum State {
        /** Not offered yet. */
        WAITING,
        /** Offered; downloading, waiting to be idle, or on trial. */
        OFFERED,
        /** Reconnected on the new version after passing its trial. */
        UPDATED,
        /** Refused, reverted, failed, or timed out. */
        FAILED;

        boolean finished() {
            return this == UPDATED || this == FAILED;
        }
    }
}
