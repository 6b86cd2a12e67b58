package vn.loa.bench.load;

import java.util.List;
import vn.loa.bench.stats.ProcStats;

/** The bodies of the control lines between the harness and a load worker ({@link ControlCodec}). */
public final class ControlMessages {
    private ControlMessages() {
    }

    public static final String TIME = "time";
    public static final String CONNECT = "connect";
    public static final String CONNECTED = "connected";
    public static final String STATUS = "status";
    public static final String COUNT = "count";
    public static final String RECORDS = "records";
    public static final String TALLY = "tally";
    public static final String CLOSE = "close";
    public static final String CLOSED = "closed";
    public static final String ERROR = "error";

    /** NTP-style exchange over the pipe: the harness's t0, the worker's receive and send instants (its own clock). */
    public record Time(long t0, long t1, long t2) {
    }

    /**
     * Connect these stations to the controller; {@code offsetUs} (the harness's clock minus the worker's)
     * puts every instant the worker reports on the harness's clock; 1 station in {@code timedEvery} times its
     * packets ({@link TimedSample}).
     */
    public record Connect(String host, int port, int threads, int concurrency, long timeoutMs, long offsetUs,
            List<StationCredential> stations, int timedEvery) {
        public Connect {
            if (host == null || host.isBlank() || port <= 0 || port > 65535) {
                throw new IllegalArgumentException("connect needs a controller host and port, got " + host + ":" + port);
            }
            if (threads < 1 || concurrency < 1 || timeoutMs < 1) {
                throw new IllegalArgumentException("threads, concurrency and timeoutMs must be positive");
            }
            if (stations == null || stations.isEmpty()) {
                throw new IllegalArgumentException("connect needs at least one station");
            }
            stations = List.copyOf(stations);
            new TimedSample(timedEvery); // validates
        }
    }

    /** After connecting: how many stations were welcomed, refused, failed to connect; the transport used. */
    public record Connected(int welcomed, int rejected, int failures, int disconnected, String transport, long pid,
            List<String> problems) {
        public Connected {
            problems = problems == null ? List.of() : List.copyOf(problems);
        }
    }

    /** The worker now: its links, its clock against the controller's, its own CPU and memory. */
    public record Status(int welcomed, int disconnected, ClockCheck controllerClock, ProcStats.Sample self,
            List<String> problems) {
        public Status {
            problems = problems == null ? List.of() : List.copyOf(problems);
        }
    }

    /** A request about one announcement; the reply {@code count} carries the stations that finished it. */
    public record Announcement(long broadcastId, int finished) {
    }

    public record Records(List<BroadcastRecord> records) {
        public Records {
            records = List.copyOf(records);
        }
    }

    /** The feed log of a live announcement: the instant (harness clock, µs; 0 unknown) each seq's audio was sent. */
    public record TallyRequest(long broadcastId, long[] sentUs) {
        public TallyRequest {
            if (sentUs == null) {
                throw new IllegalArgumentException("tally needs the feed log (sentUs)");
            }
            sentUs = sentUs.clone();
        }
    }

    public record Error(String message) {
    }
}
