package vn.loa.bench.load;

import java.util.ArrayList;
import java.util.List;
import vn.loa.bench.stats.LatencyHistogram;

/**
 * What the stations of one load process saw of one live announcement: frame latencies (arrival minus
 * the instant the feeder sent that packet's audio), packets received, missing and late, how many
 * stations finished it and how many were still receiving it when tallied (their packets so far count
 * too). Tallies of several load processes add up.
 */
public record FanoutTally(LatencyHistogram.Snapshot delivery, long received, long missing, long late, int finished,
        int unfinished) {

    /** The tally of every station of one announcement in this recorder, finished or still receiving. */
    public static FanoutTally of(LoadRecorder recorder, long broadcastId, FeedLog feed) {
        LatencyHistogram h = new LatencyHistogram();
        long received = 0;
        long missing = 0;
        long late = 0;
        int finished = 0;
        int unfinished = 0;
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
                }
            }
        }
        return new FanoutTally(h.snapshot(), received, missing, late, finished, unfinished);
    }

    /** The tallies of several load processes added up (histograms bucket by bucket). */
    public static FanoutTally sum(List<FanoutTally> parts) {
        LatencyHistogram h = new LatencyHistogram();
        long received = 0;
        long missing = 0;
        long late = 0;
        int finished = 0;
        int unfinished = 0;
        for (FanoutTally t : parts) {
            h.add(t.delivery());
            received += t.received();
            missing += t.missing();
            late += t.late();
            finished += t.finished();
            unfinished += t.unfinished();
        }
        return new FanoutTally(h.snapshot(), received, missing, late, finished, unfinished);
    }

    /** The latencies as a histogram (to read percentiles from). */
    public LatencyHistogram histogram() {
        LatencyHistogram h = new LatencyHistogram();
        h.add(delivery);
        return h;
    }
}
