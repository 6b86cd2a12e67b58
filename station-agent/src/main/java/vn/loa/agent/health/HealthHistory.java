package vn.loa.agent.health;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.HealthHistoryAck;
import vn.loa.protocol.v1.HealthRecord;
import vn.loa.protocol.v1.Heartbeat;

/**
 * The station's health while its link is down: samples the heartbeat into a
 * {@link HealthHistoryBuffer} when the link goes down and then every {@code interval} until it is up
 * again, and after reconnecting uploads what it kept, one batch at a time, dropping a batch only
 * when the controller acknowledges it. All buffer work runs on the agent's ordered I/O executor;
 * this class owns only the timer, which {@link #close()} stops.
 */
public final class HealthHistory implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(HealthHistory.class);
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    public static final int BATCH = 500;
    /** Request ids of uploads live in their own range so they never meet the link's other requests. */
    private static final long REQUEST_BASE = 1L << 48;
    /** An upload not acknowledged within this is sent again (the controller stores each sample once). */
    static final Duration ACK_TIMEOUT = Duration.ofSeconds(60);

    /** Sends a request and waits for its answer at most so long, else runs the callback (see the link). */
    @FunctionalInterface
    public interface Requester {
        boolean request(Envelope request, Duration timeout, Runnable onTimeout);
    }

    private final long stationId;
    private final HealthHistoryBuffer buffer;
    private final Executor io;
    private final Duration interval;
    private final Supplier<Heartbeat.Builder> health;
    private final LongSupplier clockMs;
    private final BooleanSupplier linkUp;
    private final Requester send;
    private final ScheduledExecutorService timer;
    private long requests;
    private long inFlightRequest;
    private long inFlightUpTo;
    private boolean connected;
    private volatile int pending;

    public HealthHistory(long stationId, HealthHistoryBuffer buffer, Executor io, Duration interval,
            Supplier<Heartbeat.Builder> health, LongSupplier clockMs, BooleanSupplier linkUp, Requester send) {
        this.stationId = stationId;
        this.buffer = buffer;
        this.io = io;
        this.interval = interval;
        this.health = health;
        this.clockMs = clockMs;
        this.linkUp = linkUp;
        this.send = send;
        this.timer = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("health-history-" + stationId).daemon(true).factory());
    }

    public void start() {
        io.execute(() -> pending = buffer.size());
        long ms = interval.toMillis();
        timer.scheduleAtFixedRate(() -> io.execute(this::sampleIfOffline), ms, ms, TimeUnit.MILLISECONDS);
    }

    /** Records at once (the outage's first sample), then every interval while it lasts. */
    public void linkDown() {
        io.execute(() -> {
            connected = false;
            inFlightRequest = 0;
            sampleIfOffline();
        });
    }

    public void linkUp() {
        io.execute(() -> {
            connected = true;
            inFlightRequest = 0;
            sendNext();
        });
    }

    public void acknowledged(HealthHistoryAck ack, long refersTo) {
        io.execute(() -> {
            if (refersTo != inFlightRequest || inFlightRequest == 0) {
                log.debug("station {}: health-history ack for request {} not in flight; ignored", stationId, refersTo);
                return;
            }
            try {
                buffer.acknowledge(Math.min(ack.getUpToSeq(), inFlightUpTo));
            } catch (IOException e) {
                log.error("station {}: cannot record the health-history acknowledgement: {}; those samples will "
                        + "be sent again (the controller stores each once)", stationId, e.getMessage());
            }
            inFlightRequest = 0;
            pending = buffer.size();
            sendNext();
        });
    }

    /** Waiting samples (tests, and the heartbeat's view of the outbox). */
    public int pending() {
        return pending;
    }

    private void sampleIfOffline() {
        if (connected || linkUp.getAsBoolean()) {
            return;
        }
        try {
            buffer.append(clockMs.getAsLong(), health.get().build());
            pending = buffer.size();
        } catch (IOException | RuntimeException e) {
            log.error("station {}: cannot record health while offline: {}", stationId, e.toString());
        }
    }

    private void sendNext() {
        if (!connected || inFlightRequest != 0) {
            return;
        }
        List<HealthRecord> batch = buffer.pending(BATCH);
        if (batch.isEmpty()) {
            return;
        }
        long request = REQUEST_BASE + (++requests);
        long upTo = batch.get(batch.size() - 1).getSeq();
        Envelope e = Envelope.newBuilder().setRequestId(request)
                .setHealthHistory(vn.loa.protocol.v1.HealthHistory.newBuilder().addAllRecords(batch)).build();
        if (send.request(e, ACK_TIMEOUT, () -> io.execute(() -> unanswered(request)))) {
            inFlightRequest = request;
            inFlightUpTo = upTo;
            log.info("station {}: sent {} health samples recorded while offline (up to #{})", stationId,
                    batch.size(), upTo);
        }
    }

    /** The controller did not acknowledge a batch in time: it is sent again. */
    private void unanswered(long request) {
        if (request != inFlightRequest) {
            return;
        }
        log.warn("station {}: health upload {} not acknowledged within {} s; sending it again", stationId, request,
                ACK_TIMEOUT.toSeconds());
        inFlightRequest = 0;
        sendNext();
    }

    @Override
    public void close() {
        timer.shutdownNow();
        try {
            if (!timer.awaitTermination(5, TimeUnit.SECONDS)) {
                log.warn("station {}: the health-history timer did not stop in 5 s", stationId);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        io.execute(() -> {
            try {
                buffer.close();
            } catch (IOException e) {
                log.warn("station {}: closing the health history: {}", stationId, e.getMessage());
            }
        });
    }
}
