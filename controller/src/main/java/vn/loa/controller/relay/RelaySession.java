package vn.loa.controller.relay;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.media.LiveEncoder;

/**
 * One relay through one window, on its own virtual thread: connect, wait for audible audio, open the live
 * broadcast, feed it in real time as the upstream delivers, and end it at the window's end. A dead or silent
 * upstream stops the broadcast with the reason and the session connects again after a backoff, for as long as the
 * window lasts. {@link #cancel} (relay deleted, controller stopping) stops everything; the owner's
 * {@link #watch} is a backstop for reads that do not time out by themselves.
 */
final class RelaySession implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RelaySession.class);

    private final Relay relay;
    private final Occurrence window;
    private final RelayConfig config;
    private final UpstreamOpener opener;
    private final Broadcaster broadcaster;
    private final Clock clock;
    private final AtomicReference<RelayStatus> status;
    private final CountDownLatch cancelled = new CountDownLatch(1);
    private volatile String cancelReason;
    private volatile UpstreamException abort;
    private volatile UpstreamOpener.Upstream current;
    private volatile Thread thread;
    private volatile boolean finished;
    private volatile boolean windowOver;
    private int failures;

    RelaySession(Relay relay, Occurrence window, RelayConfig config, UpstreamOpener opener, Broadcaster broadcaster,
            Clock clock, AtomicReference<RelayStatus> status) {
        this.relay = relay;
        this.window = window;
        this.config = config;
        this.opener = opener;
        this.broadcaster = broadcaster;
        this.clock = clock;
        this.status = status;
    }

    Occurrence window() {
        return window;
    }

    boolean finished() {
        return finished;
    }

    void start() {
        thread = Thread.ofVirtual().name("relay-" + relay.id()).start(this);
    }

    /** Stops the session: the broadcast (if on air) is stopped with this reason. */
    void cancel(String reason) {
        cancelReason = reason;
        cancelled.countDown();
        closeCurrent();
    }

    /** Waits for the session's thread to end; true when it did. */
    boolean join(Duration timeout) throws InterruptedException {
        Thread t = thread;
        return t == null || t.join(timeout);
    }

    /**
     * The owner's periodic look: at the window's end a read that waits for the upstream is cut short (the
     * broadcast then ends normally); an upstream quiet for longer than the limit is cut off as dead.
     */
    void watch(long nowNanos) {
        UpstreamOpener.Upstream up = current;
        if (up == null) {
            return;
        }
        if (!clock.instant().isBefore(window.end())) {
            windowOver = true;
            closeCurrent();
            return;
        }
        long quietMs = TimeUnit.NANOSECONDS.toMillis(nowNanos - up.activity().lastByteNanos());
        if (quietMs > config.deadAfter().toMillis() + 500) {
            abort = new UpstreamException(UpstreamException.Kind.UPSTREAM_DEAD, "no data for " + quietMs / 1000 + " s");
            closeCurrent();
        }
    }

    private boolean isCancelled() {
        return cancelled.getCount() == 0;
    }

    @Override
    public void run() {
        log.info("relay {}: window {} – {} begins; relaying {}", relay.id(), window.start(), window.end(), relay.url());
        set(s -> s.withWindow(window).withAnnouncement(null).to(RelayState.CONNECTING, clock.instant()));
        try {
            while (!isCancelled() && clock.instant().isBefore(window.end())) {
                try {
                    if (relayOnce()) {
                        break;
                    }
                } catch (UpstreamException e) {
                    log.warn("relay {}: {}", relay.id(), e.reason());
                    retryLater(e.reason());
                } catch (RuntimeException e) {
                    log.error("relay {}: failed: {}", relay.id(), e.toString(), e);
                    retryLater("RELAY_FAILED: " + e);
                }
            }
        } finally {
            Instant now = clock.instant();
            set(s -> s.withWindow(null).withAnnouncement(null).to(RelayState.IDLE, now));
            log.info("relay {}: window ends ({})", relay.id(), isCancelled() ? cancelReason : "window over");
            finished = true;
        }
    }

    /**
     * One connection: true when the session is over (the window ended, the session was cancelled, or the broadcast
     * was stopped from elsewhere), an exception when the upstream failed.
     */
    private boolean relayOnce() throws UpstreamException {
        abort = null;
        UpstreamOpener.Upstream up = opener.open(relay.url(), relay.id());
        current = up;
        if (isCancelled()) {
            closeCurrent();
        }
        Broadcaster.OnAir onAir = null;
        try (PcmStream pcm = up.pcm()) {
            LiveEncoder encoder = null;
            SilenceDetector silence = null;
            while (true) {
                if (isCancelled()) {
                    stop(onAir, cancelReason);
                    return true;
                }
                if (!clock.instant().isBefore(window.end())) {
                    if (onAir != null) {
                        encoder.finish().forEach(onAir::packet);
                        onAir.end();
                        log.info("relay {}: announcement {} ends with the window", relay.id(), onAir.id());
                    }
                    return true;
                }
                short[] block = read(pcm);
                if (block == null) {
                    if (isCancelled() || windowOver) {
                        continue;
                    }
                    throw new UpstreamException(UpstreamException.Kind.UPSTREAM_DEAD, "the stream ended");
                }
                if (encoder == null) {
                    encoder = new LiveEncoder(pcm.sampleRate());
                    silence = new SilenceDetector(pcm.sampleRate(), config.silenceDbfs(), config.silentAfter());
                    String format = pcm.description();
                    set(s -> s.withFormat(format));
                    log.info("relay {}: connected, {}", relay.id(), format);
                }
                silence.add(block);
                if (silence.silentTooLong()) {
                    throw new UpstreamException(UpstreamException.Kind.UPSTREAM_SILENT, "below "
                            + config.silenceDbfs() + " dBFS for " + silence.silentMillis(pcm.sampleRate()) / 1000 + " s");
                }
                if (onAir == null) {
                    if (!silence.heardSound()) {
                        continue; // never open a broadcast on silence
                    }
                    onAir = open();
                }
                for (byte[] packet : encoder.push(block, block.length)) {
                    if (!onAir.packet(packet)) {
                        Instant now = clock.instant();
                        String why = "announcement " + onAir.id() + " was stopped outside the relay";
                        log.warn("relay {}: {}; off air until the next window", relay.id(), why);
                        set(s -> s.withError(why, now));
                        return true;
                    }
                }
            }
        } catch (UpstreamException e) {
            stop(onAir, e.reason());
            throw e;
        } catch (IOException e) {
            UpstreamException failure = new UpstreamException(UpstreamException.Kind.UPSTREAM_DEAD,
                    "cannot close the stream: " + e, e);
            stop(onAir, failure.reason());
            throw failure;
        } catch (RuntimeException e) {
            stop(onAir, "RELAY_FAILED: " + e);
            throw e;
        } finally {
            current = null;
        }
    }

    private Broadcaster.OnAir open() throws UpstreamException {
        Broadcaster.OnAir onAir;
        try {
            onAir = broadcaster.open(relay);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UpstreamException(UpstreamException.Kind.BROADCAST_REFUSED, "interrupted while opening", e);
        } catch (Exception e) {
            throw new UpstreamException(UpstreamException.Kind.BROADCAST_REFUSED, e.getMessage(), e);
        }
        failures = 0;
        Instant now = clock.instant();
        long id = onAir.id();
        set(s -> s.withAnnouncement(id).to(RelayState.ON_AIR, now));
        log.info("relay {}: on air as announcement {}", relay.id(), id);
        return onAir;
    }

    /** The next block; a failed read becomes the reason the upstream is considered dead. */
    private short[] read(PcmStream pcm) throws UpstreamException {
        try {
            return pcm.read();
        } catch (IOException | RuntimeException e) {
            if (isCancelled() || windowOver) {
                return null;
            }
            UpstreamException aborted = abort;
            if (aborted != null) {
                throw aborted;
            }
            if (e instanceof SocketTimeoutException) {
                throw new UpstreamException(UpstreamException.Kind.UPSTREAM_DEAD, "no data for "
                        + config.deadAfter().toSeconds() + " s", e);
            }
            if (e instanceof RuntimeException r) {
                throw r;
            }
            throw new UpstreamException(UpstreamException.Kind.UPSTREAM_DEAD, "connection lost: " + e, e);
        }
    }

    private void stop(Broadcaster.OnAir onAir, String reason) {
        if (onAir != null) {
            onAir.stop(reason);
            log.info("relay {}: announcement {} stopped: {}", relay.id(), onAir.id(), reason);
        }
    }

    private void retryLater(String reason) {
        failures++;
        Duration wait = config.retryDelay(failures);
        Instant now = clock.instant();
        set(s -> s.withAnnouncement(null).withError(reason, now).to(RelayState.RETRYING, now));
        log.info("relay {}: connecting again in {} s", relay.id(), wait.toSeconds());
        waitBeforeRetry(wait);
    }

    private void waitBeforeRetry(Duration wait) {
        long untilEnd = Duration.between(clock.instant(), window.end()).toMillis();
        long ms = Math.max(0, Math.min(wait.toMillis(), untilEnd));
        try {
            if (cancelled.await(ms, TimeUnit.MILLISECONDS)) {
                log.debug("relay {}: retry wait cut short by {}", relay.id(), cancelReason);
            } else {
                set(s -> s.to(RelayState.CONNECTING, clock.instant()));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel("INTERRUPTED");
        }
    }

    private void closeCurrent() {
        UpstreamOpener.Upstream up = current;
        if (up == null) {
            return;
        }
        try {
            up.pcm().close();
        } catch (IOException e) {
            log.debug("relay {}: closing the upstream: {}", relay.id(), e.toString());
        }
    }

    private void set(java.util.function.UnaryOperator<RelayStatus> change) {
        status.updateAndGet(change);
    }
}
