package vn.loa.controller.health;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs work for one station in the order it was submitted, on the blocking executor; different
 * stations run in parallel. A heartbeat, the link going down and the next heartbeat are judged in the
 * order they happened.
 */
final class StationLanes {
    private static final Logger log = LoggerFactory.getLogger(StationLanes.class);

    private final Executor blocking;
    private final ConcurrentHashMap<Long, CompletableFuture<Void>> tails = new ConcurrentHashMap<>();

    StationLanes(Executor blocking) {
        this.blocking = blocking;
    }

    void run(long stationId, String what, Runnable work) {
        tails.compute(stationId, (id, tail) -> {
            CompletableFuture<Void> prev = tail == null ? CompletableFuture.completedFuture(null) : tail;
            CompletableFuture<Void> next = prev.thenRunAsync(() -> {
                try {
                    work.run();
                } catch (RuntimeException e) {
                    log.error("station {}: {} failed: {}", stationId, what, e.toString(), e);
                }
            }, blocking);
            // forget finished lanes so the map does not grow with every station ever seen
            next.whenComplete((v, e) -> tails.remove(stationId, next));
            return next;
        });
    }
}
