package vn.loa.bench.load;

import java.util.List;
import java.util.concurrent.TimeoutException;
import vn.loa.bench.stats.ProcStats;
import vn.loa.bench.load.ControlMessages.Connected;

/**
 * The lightweight stations of a run, wherever they live: in the harness's own process
 * ({@link InProcessLoad}) or split over load worker processes ({@link WorkerPool}). Every instant they
 * report is on the harness's clock.
 */
public interface LoadStations extends AutoCloseable {
    /** How many processes hold the stations. */
    int processes();

    /** Connects them all; waits until each was welcomed, refused or failed (bounded by {@code timeoutMs}). */
    Connected connect(String host, int port, List<StationCredential> stations, int concurrency, long timeoutMs)
            throws InterruptedException, TimeoutException;

    /** Stations that have finished this announcement. */
    int finished(long broadcastId);

    List<BroadcastRecord> records(long broadcastId);

    /** Latencies and counts of a live announcement, given the feeder's log; summed over the processes. */
    FanoutTally tally(long broadcastId, FeedLog feed);

    /** The CPU and memory of each load process now (the harness itself when in-process). */
    List<ProcStats.Sample> cpu();

    int disconnected();

    List<String> problems();

    /** Lines describing the clocks: each process's offset to the harness and the controller's clock. */
    List<String> clockReport();

    @Override
    void close();
}
