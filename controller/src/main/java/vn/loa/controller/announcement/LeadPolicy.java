package vn.loa.controller.announcement;

/**
 * How long before its common start an announcement is sent: pure arithmetic (docs/architecture.md,
 * "Timing"), measured with the {@code urgent} benchmark.
 */
final class LeadPolicy {
    /** Above an agent's own warm-up and settle: the network and the station's scheduling. */
    static final long LEAD_MARGIN_MS = 300;
    /**
     * Starts sent within the default lead's own margin: the measured time to write the BroadcastStarts of
     * this many connected targets fits in the 800 ms.
     */
    static final int STARTS_IN_DEFAULT_LEAD = 1_000;
    /** Added to the lead per connected target beyond {@link #STARTS_IN_DEFAULT_LEAD}, in microseconds. */
    static final long LEAD_US_PER_STATION = 100;

    private LeadPolicy() {
    }

    /**
     * max(default, the longest {@code start_lead_ms} + 300 ms) + 0.1 ms per connected target beyond the
     * first 1,000: 800 ms for a commune or a province of up to 1,000 stations with agent defaults, 1.7 s
     * for 10,000. Long enough for every connected target to warm its amplifier up and settle its relays,
     * and for the controller to write every start before the instant.
     */
    static long lead(long defaultLeadMs, long longestStationLeadMs, int connectedTargets) {
        long warmUp = longestStationLeadMs > 0 ? longestStationLeadMs + LEAD_MARGIN_MS : 0;
        long sending = Math.max(0, connectedTargets - STARTS_IN_DEFAULT_LEAD) * LEAD_US_PER_STATION / 1000;
        return Math.max(defaultLeadMs, warmUp) + sending;
    }

    /** A station joining late: its own warm-up and settle (plus the margin), never less than the default. */
    static long joinLead(long defaultLeadMs, long stationLeadMs) {
        return lead(defaultLeadMs, stationLeadMs, 1);
    }

    /** A late joiner's start: the common start, or its own lead from now when that is later. */
    static long joinStart(long commonStartMs, long nowMs, long defaultLeadMs, long stationLeadMs) {
        return Math.max(commonStartMs, nowMs + joinLead(defaultLeadMs, stationLeadMs));
    }
}
