package vn.loa.bench.load;

import java.util.ArrayList;
import java.util.List;
import vn.loa.bench.stats.LatencyHistogram;

/**
 * What the stations of one load process saw of one live announcement: frame latencies (arrival minus
 * the instant the feeder sent that packet's audio), packets received, missing and late, how many
 * stations finished it and how many were still receiving it when tallied (their packets so far count
 * too), and the latencies again by second of the feed (the packet's audio sent in second 0, 1, … of its first
 * {@link #BY_SECOND_MAX}: where in the announcement the slow packets are). Tallies of several load processes add up.
 */
public record FanoutTally(LatencyHistogram.Snapshot delivery, long received, long missing, long late, int finished,
        int unfinished, List<LatencyHistogram.Snapshot> bySecond) {

    /** Seconds of the feed kept one by one (a histogram each, 0.8 MB while tallying): the first minute. */
    public static final int BY_SECOND_MAX = 60;

    public FanoutTally {
        bySecond = bySecond == null ? List.of() : List.copyOf(bySecond);
    }

    /** The tally of every station of one announcement in this recorder, finished or still receiving. */
    public static FanoutTally of(LoadRecorder recorder, long broadcastId, FeedLog feed) {
        LatencyHistogram h = new LatencyHistogram();
        List<LatencyHistogram> seconds = new ArrayList<>();
        long received = 0;
        long missing = 0;
        long late = 0;
        int finished = 0;
        int unfinished = 0;
        long feedStartUs = feed.sentUs(0);
        List<LoadRecorder.Finished> done = recorder.finished(broadcastId);
        List<LoadRecorder.Finished> all = new ArrayList<>(done);
        all.addAll(recorder.unfinished(broadcastId));
        for (LoadRecorder.Finished f : all) {
            BroadcastRecord r = f.record();
            received += r.received();
            missing += r.missing();
            late += r.late();
            if (finished < done.size()) {
                finished++;
            } else {
                unfinished++;
            }
            ArrivalTrace t = f.trace();
            for (int seq = 0; seq < t.length(); seq++) {
                long arrived = t.arrivalUs(seq);
                long sent = feed.sentUs(seq);
                if (arrived != 0 && sent != 0) {
                    h.record(arrived - sent);
                    long second = feedStartUs == 0 ? -1 : (sent - feedStartUs) / 1_000_000;
                    if (second >= 0 && second < BY_SECOND_MAX) {
                        second(seconds, (int) second).record(arrived - sent);
                    }
                }
            }
        }
        return new FanoutTally(h.snapshot(), received, missing, late, finished, unfinished, snapshots(seconds));
    }

    private static LatencyHistogram second(List<LatencyHistogram> seconds, int s) {
        while (seconds.size() <= s) {
            seconds.add(new LatencyHistogram());
        }
        return seconds.get(s);
    }

    private static List<LatencyHistogram.Snapshot> snapshots(List<LatencyHistogram> seconds) {
        return seconds.stream().map(LatencyHistogram::snapshot).toList();
    }

    /** The tallies of several load processes added up (histograms bucket by bucket). */
    public static FanoutTally sum(List<FanoutTally> parts) {
        LatencyHistogram h = new LatencyHistogram();
        long received = 0;
        long missing = 0;
        long late = 0;
        int finished = 0;
        int unfinished = 0;
        List<LatencyHistogram> seconds = new ArrayList<>();
        for (FanoutTally t : parts) {
            h.add(t.delivery());
            for (int i = 0; i < t.bySecond().size(); i++) {
                second(seconds, i).add(t.bySecond().get(i));
            }
            received += t.received();
            missing += t.missing();
            late += t.late();
            finished += t.finished();
            unfinished += t.unfinished();
        }
        return new FanoutTally(h.snapshot(), received, missing, late, finished, unfinished, snapshots(seconds));
    }

    /** The 99th percentile of each second of the feed (µs; -1 for a second without timed packets). */
    public List<Long> p99BySecondUs() {
        return bySecond.stream().map(s -> {
            LatencyHistogram h = histogram(s);
            return h.count() == 0 ? -1L : h.percentileUs(99);
        }).toList();
    }

    /**
     * Of all timed packets, the share (%) that were sent in each second of the feed and took longer than
     * {@code thresholdUs}: where the packets above a target come from (the shares add up to the overall share).
     */
    public List<Double> shareAboveBySecond(long thresholdUs) {
        long total = delivery.total();
        return bySecond.stream().map(s -> total == 0 ? 0.0 : 100.0 * histogram(s).above(thresholdUs) / total).toList();
    }

    /** The latencies as a histogram (to read percentiles from). */
    public LatencyHistogram histogram() {
        return histogram(delivery);
    }

    private static LatencyHistogram histogram(LatencyHistogram.Snapshot s) {
        LatencyHistogram h = new LatencyHistogram();
        h.add(s);
        return h;
    }
}
