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
 * window lasts — unless the relay has a fallback: then the broadcast stays open, a {@link FallbackPlayer} fills it
 * with the fallback bulletin, and the upstream takes over again on the same broadcast once it is audible.
 * {@link #cancel} (relay deleted, controller stopping) stops everything; the owner's {@link #watch} is a backstop
 * for reads that do not time out by themselves.
 */
final class RelaySession implements Runnable {
    private static final Logger log = LoggerFactory.getLogger(RelaySession.class);

    private final Relay relay;
    private final Occurrence window;
    private final RelayConfig config;
    private final UpstreamOpener opener;
    private final Broadcaster broadcaster;
    private final FallbackAudio fallbackAudio;
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
    /** The broadcast on air (session thread only): fed by the upstream, or by {@link #filler} while it runs. */
    private Broadcaster.OnAir onAir;
    private FallbackPlayer filler;
    private FallbackAudio.Loop fallback;

    RelaySession(Relay relay, Occurrence window, RelayConfig config, UpstreamOpener opener, Broadcaster broadcaster,
            Clock clock, AtomicReference<RelayStatus> status) {
        this(relay, window, config, opener, broadcaster, FallbackAudio.NONE, clock, status);
    }

    RelaySession(Relay relay, Occurrence window, RelayConfig config, UpstreamOpener opener, Broadcaster broadcaster,
            FallbackAudio fallbackAudio, Clock clock, AtomicReference<RelayStatus> status) {
        this.fallbackAudio = fallbackAudio;
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
                if (filler != null && filler.refused()) {
                    stoppedOutside();
                    break;
                }
                try {
                    if (relayOnce()) {
                        break;
                    }
                } catch (UpstreamException e) {
                    log.warn("relay {}: {}", relay.id(), e.reason());
                    upstreamFailed(e.reason());
                } catch (RuntimeException e) {
                    log.error("relay {}: failed: {}", relay.id(), e.toString(), e);
                    upstreamFailed("RELAY_FAILED: " + e);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancel("INTERRUPTED");
        } finally {
            closeBroadcast();
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
    private boolean relayOnce() throws UpstreamException, InterruptedException {
        abort = null;
        UpstreamOpener.Upstream up = opener.open(relay.url(), relay.id());
        current = up;
        if (isCancelled()) {
            closeCurrent();
        }
        try (PcmStream pcm = up.pcm()) {
            LiveEncoder encoder = null;
            SilenceDetector silence = null;
            boolean fromUpstream = false;
            while (true) {
                if (isCancelled()) {
                    return true; // run() stops the broadcast
                }
                if (filler != null && filler.refused()) {
                    stoppedOutside();
                    return true;
                }
                if (!clock.instant().isBefore(window.end())) {
                    if (fromUpstream) {
                        encoder.finish().forEach(onAir::packet);
                    }
                    return true; // run() ends the broadcast
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
                if (!fromUpstream) {
                    if (!silence.heardSound()) {
                        continue; // never open a broadcast on silence, nor leave the fallback for it
                    }
                    if (onAir == null) {
                        open();
                    } else {
                        backFromFallback();
                    }
                    fromUpstream = true;
                }
                for (byte[] packet : encoder.push(block, block.length)) {
                    if (!onAir.packet(packet)) {
                        stoppedOutside();
                        return true;
                    }
                }
            }
        } catch (IOException e) {
            throw new UpstreamException(UpstreamException.Kind.UPSTREAM_DEAD, "cannot close the stream: " + e, e);
        } finally {
            current = null;
        }
    }

    /** The broadcast was stopped from elsewhere (an operator's DELETE): off air until the next window. */
    private void stoppedOutside() throws InterruptedException {
        stopFiller();
        Instant now = clock.instant();
        String why = "announcement " + onAir.id() + " was stopped outside the relay";
        log.warn("relay {}: {}; off air until the next window", relay.id(), why);
        set(s -> s.withError(why, now));
        onAir = null;
    }

    /**
     * The upstream failed: with a fallback the broadcast goes on with it (opened now if the relay was not yet on air);
     * without one the broadcast is stopped with the reason. Then a wait before connecting again.
     */
    private void upstreamFailed(String reason) throws InterruptedException {
        String why = reason;
        if (relay.fallbackBulletinId() != null && !isCancelled() && clock.instant().isBefore(window.end())) {
            try {
                fallBack(reason);
            } catch (IOException | UpstreamException | RuntimeException e) {
                String cannot = e instanceof UpstreamException u ? u.reason() : e.getMessage();
                log.error("relay {}: the fallback bulletin {} cannot be played: {}", relay.id(),
                        relay.fallbackBulletinId(), cannot);
                why = reason + "; fallback bulletin " + relay.fallbackBulletinId() + " cannot be played: " + cannot;
            }
        }
        if (filler == null && onAir != null) {
            onAir.stop(reason);
            log.info("relay {}: announcement {} stopped: {}", relay.id(), onAir.id(), reason);
            onAir = null;
        }
        retryLater(why);
    }

    private void fallBack(String reason) throws IOException, UpstreamException {
        if (filler != null) {
            return;
        }
        if (fallback == null) {
            fallback = fallbackAudio.load(relay.fallbackBulletinId());
        }
        if (onAir == null) {
            open();
        }
        filler = new FallbackPlayer(relay.id(), fallback, onAir);
        filler.start();
        log.info("relay {}: {}; announcement {} goes on with the fallback bulletin {} '{}'", relay.id(), reason,
                onAir.id(), relay.fallbackBulletinId(), fallback.title());
    }

    private void backFromFallback() throws InterruptedException {
        stopFiller();
        failures = 0;
        set(s -> s.to(RelayState.ON_AIR, clock.instant()));
        log.info("relay {}: the upstream is back; announcement {} relays it again", relay.id(), onAir.id());
    }

    private void stopFiller() throws InterruptedException {
        if (filler != null) {
            filler.stop();
            filler = null;
        }
    }

    /** At the session's end: the broadcast ends normally with the window, or is stopped when the session was cancelled. */
    private void closeBroadcast() {
        try {
            stopFiller();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (onAir == null) {
            return;
        }
        if (isCancelled()) {
            stop(onAir, cancelReason);
        } else {
            onAir.end();
            log.info("relay {}: announcement {} ends with the window", relay.id(), onAir.id());
        }
        onAir = null;
    }

    private void open() throws UpstreamException {
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
        if (filler != null) {
            set(s -> s.withError(reason, now).to(RelayState.FALLBACK, now));
        } else {
            set(s -> s.withAnnouncement(null).withError(reason, now).to(RelayState.RETRYING, now));
        }
        log.info("relay {}: connecting again in {} s", relay.id(), wait.toSeconds());
        waitBeforeRetry(wait);
    }

    private void waitBeforeRetry(Duration wait) {
        long untilEnd = Duration.between(clock.instant(), window.end()).toMillis();
        long ms = Math.max(0, Math.min(wait.toMillis(), untilEnd));
        try {
            if (cancelled.await(ms, TimeUnit.MILLISECONDS)) {
                log.debug("relay {}: retry wait cut short by {}", relay.id(), cancelReason);
            } else if (filler == null) {
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
