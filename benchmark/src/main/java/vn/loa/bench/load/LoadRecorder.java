package vn.loa.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import vn.loa.bench.LatencyHistogram;

/** What every simulated station of one load client saw; shared by all of them, thread-safe. */
public final class LoadRecorder {
    /** Arrival minus the moment the feeder sent the audio of the packet (live only). */
    final LatencyHistogram delivery = new LatencyHistogram();
    final AtomicInteger welcomed = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger disconnected = new AtomicInteger();
    final AtomicInteger connectFailures = new AtomicInteger();
    final AtomicLong packets = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final Queue<BroadcastRecord> records = new ConcurrentLinkedQueue<>();
    private volatile FeedLog feed = new FeedLog(0);

    public void feed(FeedLog feed) {
        this.feed = feed;
    }

    FeedLog feed() {
        return feed;
    }

    void record(BroadcastRecord r) {
        records.add(r);
    }

    void problem(String p) {
        if (problems.size() < 100) {
            problems.add(p);
        }
    }

    public List<BroadcastRecord> records(long broadcastId) {
        List<BroadcastRecord> out = new ArrayList<>();
        for (BroadcastRecord r : records) {
            if (r.broadcastId() == broadcastId) {
                out.add(r);
            }
        }
        return out;
    }

    public LatencyHistogram delivery() {
        return delivery;
    }

    public int welcomed() {
        return welcomed.get();
    }

    public int rejected() {
        return rejected.get();
    }

    public int disconnected() {
        return disconnected.get();
    }

    public int connectFailures() {
        return connectFailures.get();
    }

    public long packets() {
        return packets.get();
    }

    public long late() {
        return late.get();
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }
}
