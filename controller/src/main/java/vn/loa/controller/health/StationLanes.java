package vn.loa.controller.health;

import java.util.ArrayDeque;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work for one station in the order it was submitted, on the blocking executor; different
 * stations run in parallel. A heartbeat, the link going down and the next heartbeat are judged in the
 * order they happened.
 *
 * <p>A station with work has a lane: a queue that one task of the blocking executor drains (work
 * submitted while it runs joins the same task); the drained lane removes itself, so the map holds
 * only stations with work pending.
 */
final class StationLanes {
    private static final Logger log = LoggerFactory.getLogger(StationLanes.class);

    private final Executor blocking;
    private final ConcurrentHashMap<Long, Lane> lanes = new ConcurrentHashMap<>();

    StationLanes(Executor blocking) {
        this.blocking = blocking;
    }

    void run(long stationId, String what, Runnable work) {
        Work w = new Work(what, work);
        while (true) {
            Lane lane = lanes.computeIfAbsent(stationId, Lane::new);
            boolean start;
            synchronized (lane) {
                if (lane.closed) {
                    continue; // drained and removed meanwhile: a new lane takes the work
                }
                lane.queue.addLast(w);
                start = !lane.scheduled;
                lane.scheduled = true;
            }
            if (start) {
                try {
                    blocking.execute(lane);
                } catch (RejectedExecutionException e) {
                    int dropped = lane.close();
                    log.debug("station {}: {} work(s) not run, the controller is stopping ({})", stationId, dropped, what);
                }
            }
            return;
        }
    }

    private record Work(String what, Runnable work) {
    }

    /** One station's pending work; its fields are guarded by its monitor. */
    private final class Lane implements Runnable {
        private final long stationId;
        private final ArrayDeque<Work> queue = new ArrayDeque<>(2);
        private boolean scheduled;
        private boolean closed;

        Lane(long stationId) {
            this.stationId = stationId;
        }

        @Override
        public void run() {
            while (true) {
                Work w;
                synchronized (this) {
                    w = queue.pollFirst();
                    if (w == null) {
                        closed = true;
                        lanes.remove(stationId, this);
                        return;
                    }
                }
                try {
                    w.work().run();
                } catch (RuntimeException | Error e) {
                    log.error("station {}: {} failed: {}", stationId, w.what(), e.toString(), e);
                }
            }
        }

        /** Closes the lane without running its work; returns how much work it held. */
        synchronized int close() {
            closed = true;
            lanes.remove(stationId, this);
            int n = queue.size();
            queue.clear();
            return n;
        }
    }
}
