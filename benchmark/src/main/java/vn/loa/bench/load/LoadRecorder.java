package vn.loa.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import vn.loa.protocol.clock.ClockSample;

/** What every simulated station of one load client saw; shared by all of them, thread-safe. */
public final class LoadRecorder {
    final AtomicInteger welcomed = new AtomicInteger();
    final AtomicInteger rejected = new AtomicInteger();
    final AtomicInteger disconnected = new AtomicInteger();
    final AtomicInteger connectFailures = new AtomicInteger();
    final AtomicLong packets = new AtomicLong();
    final AtomicLong late = new AtomicLong();
    final Queue<String> problems = new ConcurrentLinkedQueue<>();
    private final Queue<Finished> finished = new ConcurrentLinkedQueue<>();
    private final Queue<SimStation> stations = new ConcurrentLinkedQueue<>();
    private ClockCheck controllerClock = ClockCheck.NONE;

    /** One station's record of one announcement with the arrival of each of its packets. */
    record Finished(BroadcastRecord record, ArrivalTrace trace) {
    }

    void record(BroadcastRecord r, ArrivalTrace trace) {
        finished.add(new Finished(r, trace));
    }

    void station(SimStation s) {
        stations.add(s);
    }

    /**
     * What the stations still receiving this announcement have seen so far (they have not had its end,
     * or have not played it out yet), each read on its own event loop.
     *
     * @throws IllegalStateException when the event loops do not answer within 30 s
     */
    List<Finished> unfinished(long broadcastId) {
        List<io.netty.util.concurrent.Future<Finished>> asked = new ArrayList<>();
        for (SimStation s : stations) {
            asked.add(s.unfinished(broadcastId));
        }
        List<Finished> out = new ArrayList<>();
        long deadline = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(30);
        for (var f : asked) {
            if (!f.awaitUninterruptibly(Math.max(0, deadline - System.nanoTime()), java.util.concurrent.TimeUnit.NANOSECONDS)) {
                throw new IllegalStateException("the stations' event loops did not report within 30 s");
            }
            if (f.isSuccess() && f.getNow() != null) {
                out.add(f.getNow());
            } else if (!f.isSuccess() && !(f.cause() instanceof java.util.concurrent.RejectedExecutionException)) {
                throw new IllegalStateException("reading a station's unfinished announcement failed: " + f.cause(), f.cause());
            }
        }
        return out;
    }

    void problem(String p) {
        if (problems.size() < 100) {
            problems.add(p);
        }
    }

    synchronized void clock(ClockSample s) {
        controllerClock = controllerClock.with(s.offsetUs(), s.rttUs());
    }

    /** The controller's clock minus this process's station clock, from the stations' TimeRequest exchanges. */
    public synchronized ClockCheck controllerClock() {
        return controllerClock;
    }

    List<Finished> finished(long broadcastId) {
        List<Finished> out = new ArrayList<>();
        for (Finished f : finished) {
            if (f.record().broadcastId() == broadcastId) {
                out.add(f);
            }
        }
        return out;
    }

    public List<BroadcastRecord> records(long broadcastId) {
        return finished(broadcastId).stream().map(Finished::record).toList();
    }

    /** How many stations have finished this announcement. */
    public int finishedCount(long broadcastId) {
        int n = 0;
        for (Finished f : finished) {
            n += f.record().broadcastId() == broadcastId ? 1 : 0;
        }
        return n;
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
