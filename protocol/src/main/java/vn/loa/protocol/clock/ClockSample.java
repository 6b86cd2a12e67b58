package vn.loa.protocol.clock;

/**
 * One NTP-style exchange: the agent sent at t0 and received the answer at t3 (agent clock); the
 * controller received at t1 and answered at t2 (controller clock). All in microseconds.
 *
 * @param offsetUs controller clock minus agent clock, assuming a symmetric path
 * @param rttUs    round trip, without the controller's processing time
 */
public record ClockSample(long offsetUs, long rttUs) {

    public static ClockSample of(long t0, long t1, long t2, long t3) {
        long offset = Math.floorDiv((t1 - t0) + (t2 - t3), 2);
        long rtt = Math.max(0, (t3 - t0) - (t2 - t1));
        return new ClockSample(offset, rtt);
    }
}
