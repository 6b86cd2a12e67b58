package vn.loa.bench.load;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import vn.loa.bench.stats.ProcStats;
import vn.loa.bench.load.ControlMessages.Announcement;
import vn.loa.bench.load.ControlMessages.Connect;
import vn.loa.bench.load.ControlMessages.Connected;
import vn.loa.bench.load.ControlMessages.Records;
import vn.loa.bench.load.ControlMessages.Status;
import vn.loa.bench.load.ControlMessages.TallyRequest;
import vn.loa.bench.load.ControlMessages.Time;
import vn.loa.protocol.clock.ClockSample;

/**
 * The stations split over K load worker processes (each a contiguous slice of the fleet), driven over
 * their stdin/stdout. Before connecting, each worker's clock is measured against the harness's with
 * NTP-style exchanges over its pipe (the best of {@value #CLOCK_EXCHANGES}); the worker then stamps every
 * instant on the harness's clock. The workers are stopped on close and, should the harness end another
 * way, by a shutdown hook; a worker also stops by itself when its input or its parent ends.
 */
public final class WorkerPool implements LoadStations {
    static final int CLOCK_EXCHANGES = 32;
    private static final Duration ANSWER = Duration.ofSeconds(120);

    private final List<WorkerProcess> workers;
    private final List<ClockCheck> pipeClocks = new ArrayList<>();
    private final BenchClock clock;
    private final int threads;
    private final TimedSample sample;
    private final Thread hook;

    private WorkerPool(List<WorkerProcess> workers, BenchClock clock, int threads, TimedSample sample) {
        this.workers = workers;
        this.clock = clock;
        this.threads = threads;
        this.sample = sample;
        this.hook = new Thread(() -> workers.forEach(WorkerProcess::kill), "load-workers-stop");
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /**
     * Starts {@code k} workers with {@code command} (e.g. {@code java -cp loa-benchmark.jar
     * LoaBench load-worker}, or the same behind {@code ssh host}); their stderr goes to
     * {@code load-worker-<i>.log} in {@code dir}.
     */
    public static WorkerPool start(int k, List<String> command, Path dir, int threads, BenchClock clock)
            throws IOException, InterruptedException {
        return start(k, command, dir, threads, clock, TimedSample.ALL);
    }

    /** As {@link #start(int, List, Path, int, BenchClock)}; the workers time 1 station in {@code sample.every()}. */
    public static WorkerPool start(int k, List<String> command, Path dir, int threads, BenchClock clock,
            TimedSample sample) throws IOException, InterruptedException {
        if (k < 1) {
            throw new IllegalArgumentException("need at least one load process, got " + k);
        }
        ControlCodec codec = new ControlCodec();
        List<WorkerProcess> started = new ArrayList<>();
        WorkerPool pool = null;
        try {
            for (int i = 1; i <= k; i++) {
                started.add(WorkerProcess.start(i, command, dir.resolve("load-worker-" + i + ".log"), codec));
            }
            pool = new WorkerPool(List.copyOf(started), clock, threads, sample);
            for (WorkerProcess w : pool.workers) {
                pool.pipeClocks.add(pool.measureClock(w));
            }
            return pool;
        } catch (IOException | InterruptedException | RuntimeException e) {
            if (pool != null) {
                pool.close();
            } else {
                started.forEach(WorkerProcess::close);
            }
            throw e;
        }
    }

    /** The harness's clock minus the worker's, from the exchange with the shortest round trip. */
    private ClockCheck measureClock(WorkerProcess w) throws InterruptedException {
        ClockCheck best = ClockCheck.NONE;
        for (int i = 0; i < CLOCK_EXCHANGES; i++) {
            long t0 = clock.nowUs();
            // the first answer waits for the worker's JVM to start
            Time t = w.request(ControlMessages.TIME, new Time(t0, 0, 0), Time.class, ANSWER);
            long t3 = clock.nowUs();
            if (t.t0() != t0) {
                throw new IllegalStateException("load worker " + w.index() + " echoed t0 " + t.t0() + " for " + t0);
            }
            ClockSample s = ClockSample.of(t0, t.t1(), t.t2(), t3); // worker − harness
            best = i == 0 ? best : best.with(-s.offsetUs(), s.rttUs()); // the first one includes class loading
        }
        return best;
    }

    List<WorkerProcess> workers() {
        return workers;
    }

    /** The harness's clock minus worker {@code i}'s (0-based), as measured over its pipe. */
    ClockCheck pipeClock(int i) {
        return pipeClocks.get(i);
    }

    @Override
    public int processes() {
        return workers.size();
    }

    @Override
    public Connected connect(String host, int port, List<StationCredential> stations, int concurrency, long timeoutMs)
            throws InterruptedException, TimeoutException {
        List<List<StationCredential>> slices = FleetSlices.of(stations, workers.size());
        int perWorker = Math.max(1, concurrency / workers.size());
        for (int i = 0; i < workers.size(); i++) {
            workers.get(i).send(ControlMessages.CONNECT, new Connect(host, port, threads, perWorker, timeoutMs,
                    pipeClocks.get(i).offsetUs(), slices.get(i), sample.every()));
        }
        int welcomed = 0;
        int rejected = 0;
        int failures = 0;
        int disconnected = 0;
        Set<String> transports = new LinkedHashSet<>();
        List<String> problems = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            WorkerProcess w = workers.get(i);
            Connected c = w.await(ControlMessages.CONNECTED, Connected.class, Duration.ofMillis(timeoutMs).plus(ANSWER));
            List<StationCredential> slice = slices.get(i);
            System.out.printf("load worker %d (pid %d): stations %d … %d (%d), %d welcomed, %s transport; its clock "
                    + "corrected by %s over its pipe; log %s%n", w.index(), c.pid(), slice.getFirst().stationId(),
                    slice.getLast().stationId(), slice.size(), c.welcomed(), c.transport(), pipeClocks.get(i), w.log());
            welcomed += c.welcomed();
            rejected += c.rejected();
            failures += c.failures();
            disconnected += c.disconnected();
            transports.add(c.transport());
            problems.addAll(c.problems());
        }
        return new Connected(welcomed, rejected, failures, disconnected, String.join("+", transports), -1, problems);
    }

    @Override
    public int finished(long broadcastId) {
        int n = 0;
        for (Announcement a : all(ControlMessages.COUNT, new Announcement(broadcastId, 0), Announcement.class)) {
            n += a.finished();
        }
        return n;
    }

    @Override
    public List<BroadcastRecord> records(long broadcastId) {
        List<BroadcastRecord> out = new ArrayList<>();
        for (Records r : all(ControlMessages.RECORDS, new Announcement(broadcastId, 0), Records.class)) {
            out.addAll(r.records());
        }
        return out;
    }

    @Override
    public FanoutTally tally(long broadcastId, FeedLog feed) {
        return FanoutTally.sum(all(ControlMessages.TALLY, new TallyRequest(broadcastId, feed.toArray()), FanoutTally.class));
    }

    @Override
    public List<ProcStats.Sample> cpu() {
        return statuses().stream().map(Status::self).toList();
    }

    @Override
    public int disconnected() {
        return statuses().stream().mapToInt(Status::disconnected).sum();
    }

    @Override
    public List<String> problems() {
        return statuses().stream().flatMap(s -> s.problems().stream()).toList();
    }

    @Override
    public List<String> clockReport() {
        List<Status> st = statuses();
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < workers.size(); i++) {
            lines.add("load worker " + workers.get(i).index() + ": harness clock − worker clock over the pipe "
                    + pipeClocks.get(i) + "; then controller clock − corrected worker clock (its stations' TimeRequest "
                    + "exchanges) " + st.get(i).controllerClock());
        }
        return lines;
    }

    private List<Status> statuses() {
        return all(ControlMessages.STATUS, null, Status.class);
    }

    /** One request to every worker at once, then every reply in order. */
    private <T> List<T> all(String type, Object body, Class<T> reply) {
        workers.forEach(w -> w.send(type, body));
        List<T> out = new ArrayList<>();
        try {
            for (WorkerProcess w : workers) {
                out.add(w.await(type, reply, ANSWER));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the load workers' '" + type + "'", e);
        }
        return out;
    }

    @Override
    public void close() {
        workers.parallelStream().forEach(WorkerProcess::close);
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is shutting down already: the hook runs (or ran) and kills what is left
            System.err.println("load workers: " + e.getMessage());
        }
    }
}
