package vn.loa.controller.gateway.fanout;

import java.time.Clock;
import java.util.ArrayList;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.Envelope;

/**
 * The stations of one event loop that are being sent announcements: its list of {@link Outlet}s is
 * touched only on that loop. The pacer posts {@link #run} once a tick; each run sends every outlet what
 * has become due.
 */
final class Lane implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(Lane.class);

    private final Executor loop;
    private final Clock clock;
    /** On the loop only. */
    private final ArrayList<Outlet> outlets = new ArrayList<>();
    /** The size of {@link #outlets}, written on the loop, read by the pacer (nothing to post when 0). */
    private volatile int size;
    /** A run is posted and has not started yet. */
    private final AtomicBoolean queued = new AtomicBoolean();

    Lane(Executor loop, Clock clock) {
        this.loop = loop;
        this.clock = clock;
    }

    Executor loop() {
        return loop;
    }

    /**
     * On the pacer: posts a run, unless the loop has not yet run the last one (it is busy): that run sends
     * what is due when it runs; another would only queue behind it, and runs would pile up without bound.
     */
    void post() {
        if (size == 0 || !queued.compareAndSet(false, true)) {
            return;
        }
        try {
            loop.execute(this);
        } catch (RejectedExecutionException e) {
            queued.set(false); // the loop is shutting down with the controller
        }
    }

    /** On the loop: a station now being sent an announcement. */
    void add(Outlet outlet) {
        outlets.add(outlet);
        size = outlets.size();
    }

    /** On the loop: every outlet sends what is due; finished, replaced and closed ones leave. */
    @Override
    public void run() {
        queued.set(false);
        long now = clock.millis();
        for (int i = 0; i < outlets.size(); ) {
            Outlet o = outlets.get(i);
            boolean keep;
            try {
                keep = o.paced(now);
            } catch (RuntimeException e) {
                log.error("announcement {}: pacing station {} failed: {}", o.broadcastId(), o.stationId(), e.toString(),
                        e);
                keep = true;
            }
            if (keep) {
                i++;
            } else {
                removeAt(i);
            }
        }
        size = outlets.size();
    }

    /** On the loop: the broadcast's stations get {@code stop} and leave the lane. */
    void stop(Broadcast broadcast, Envelope stop) {
        for (int i = 0; i < outlets.size(); ) {
            Outlet o = outlets.get(i);
            if (o.broadcast() == broadcast) {
                o.stop(stop);
                removeAt(i);
            } else {
                i++;
            }
        }
        size = outlets.size();
    }

    /** Removes without shifting: the last outlet takes the slot (order does not matter). */
    private void removeAt(int i) {
        int last = outlets.size() - 1;
        outlets.set(i, outlets.get(last));
        outlets.remove(last);
    }
}
