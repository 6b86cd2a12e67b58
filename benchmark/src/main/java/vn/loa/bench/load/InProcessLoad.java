package vn.loa.bench.load;

import java.util.List;
import java.util.concurrent.TimeoutException;
import vn.loa.bench.stats.ProcStats;
import vn.loa.bench.load.ControlMessages.Connected;

/** Every station in the harness's own process: one {@link LoadClient} (the default, one load process). */
public final class InProcessLoad implements LoadStations {
    private final LoadClient client;

    public InProcessLoad(int threads, BenchClock clock, TimedSample sample) {
        this.client = new LoadClient(threads, clock, sample);
    }

    @Override
    public int processes() {
        return 1;
    }

    @Override
    public Connected connect(String host, int port, List<StationCredential> stations, int concurrency, long timeoutMs)
            throws InterruptedException, TimeoutException {
        client.connect(host, port, stations, concurrency, timeoutMs);
        LoadRecorder r = client.recorder();
        System.out.printf("load client: in the harness process (pid %d), %d stations, %s transport%n",
                ProcessHandle.current().pid(), stations.size(), client.describe());
        return new Connected(r.welcomed(), r.rejected(), r.connectFailures(), r.disconnected(), client.describe(),
                ProcessHandle.current().pid(), r.problems());
    }

    @Override
    public int finished(long broadcastId) {
        return client.recorder().finishedCount(broadcastId);
    }

    @Override
    public List<BroadcastRecord> records(long broadcastId) {
        return client.recorder().records(broadcastId);
    }

    @Override
    public FanoutTally tally(long broadcastId, FeedLog feed) {
        return FanoutTally.of(client.recorder(), broadcastId, feed);
    }

    @Override
    public List<ProcStats.Sample> cpu() {
        return List.of(ProcStats.sample(ProcessHandle.current().pid()));
    }

    @Override
    public int disconnected() {
        return client.recorder().disconnected();
    }

    @Override
    public List<String> problems() {
        return client.recorder().problems();
    }

    @Override
    public List<String> clockReport() {
        return List.of("controller clock − harness clock (stations' TimeRequest exchanges): "
                + client.recorder().controllerClock());
    }

    @Override
    public void close() {
        client.close();
    }
}
