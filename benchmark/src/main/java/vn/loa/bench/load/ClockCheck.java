package vn.loa.bench.load;

/**
 * The best of the clock exchanges seen: the sample with the shortest round trip, whose offset is
 * uncertain by at most half that round trip (the path's asymmetry is unknown).
 *
 * @param offsetUs the other clock minus this one (the controller's, or the harness's)
 * @param rttUs    the round trip of that sample; the offset is uncertain by ± rttUs / 2
 * @param samples  how many exchanges were seen (0: no estimate)
 */
public record ClockCheck(long offsetUs, long rttUs, long samples) {
    public static final ClockCheck NONE = new ClockCheck(0, 0, 0);

    public long uncertaintyUs() {
        return (rttUs + 1) / 2;
    }

    /** This one plus a sample: the one with the shorter round trip wins. */
    public ClockCheck with(long offsetUs, long rttUs) {
        boolean better = samples == 0 || rttUs < this.rttUs;
        return new ClockCheck(better ? offsetUs : this.offsetUs, better ? rttUs : this.rttUs, samples + 1);
    }

    @Override
    public String toString() {
        return samples == 0 ? "no clock exchange yet"
                : String.format("%+.3f ms ± %.3f ms (best of %d exchanges)", offsetUs / 1000.0, uncertaintyUs() / 1000.0,
                        samples);
    }
}
