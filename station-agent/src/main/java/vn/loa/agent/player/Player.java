package vn.loa.agent.player;

import java.io.IOException;
import java.time.Clock;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.clock.StationClock;
import vn.loa.agent.store.MediaCache;
import vn.loa.agent.store.PlanStore;
import vn.loa.agent.store.PlayJournal;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StationHardware;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.PlayReport;

/**
 * Fires plan items at their instants on the station clock. One thread, owned by this object; it
 * re-evaluates whenever the plan or the clock changes. Items are never fired while the clock is
 * unknown; an item missed by more than the late tolerance is reported SKIPPED.
 */
public final class Player implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Player.class);
    private static final long MAX_IDLE_WAIT_MS = 1000;

    private final AgentConfig config;
    private final StationClock clock;
    private final PlanStore plans;
    private final MediaCache cache;
    private final PlayJournal journal;
    private final StationHardware hardware;
    private final AudioSource.Opener opener;
    private final ReportSink sink;
    private final PlaySequence sequence;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean running;
    private volatile String playingItemId = "";
    private long amplifierOffAt = Long.MAX_VALUE;
    private Thread thread;

    public Player(AgentConfig config, StationClock clock, PlanStore plans, MediaCache cache, PlayJournal journal,
            StationHardware hardware, AudioSource.Opener opener, ReportSink sink) {
        this.config = config;
        this.clock = clock;
        this.plans = plans;
        this.cache = cache;
        this.journal = journal;
        this.hardware = hardware;
        this.opener = opener;
        this.sink = sink;
        this.sequence = new PlaySequence(config.stationId(), hardware, clock, config, () -> running);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("player-" + config.stationId()).daemon(true).start(this::run);
    }

    /** Wakes the player after a new plan, a new file in the cache or a clock change. */
    public void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    public String playingItemId() {
        return playingItemId;
    }

    private void run() {
        reportInterrupted();
        while (running) {
            try {
                step();
            } catch (RuntimeException | IOException e) {
                log.error("station {}: player error: {}", config.stationId(), e.toString(), e);
                hardware.makeSafe();
                await(MAX_IDLE_WAIT_MS);
            }
        }
        hardware.makeSafe();
    }

    private void step() throws IOException {
        if (!clock.isSynchronised()) {
            await(MAX_IDLE_WAIT_MS);
            return;
        }
        long now = clock.millis();
        if (hardware.amplifier().isPowered() && now >= amplifierOffAt) {
            switchAmplifierOff();
        }
        PlanSync plan = plans.current();
        PlanItem next = null;
        for (PlanItem item : plan.getItemsList()) {
            if (journal.isHandled(item.getItemId())) {
                continue;
            }
            if (item.getPlannedAtMs() + config.lateTolerance().toMillis() < now) {
                skip(item, "TOO_LATE");
                continue;
            }
            if (next == null || item.getPlannedAtMs() < next.getPlannedAtMs()) {
                next = item;
            }
        }
        long lead = config.zoneSettle().toMillis() + (hardware.amplifier().isPowered() ? 0 : config.warmUp().toMillis());
        long wait = next == null ? MAX_IDLE_WAIT_MS : next.getPlannedAtMs() - lead - now;
        if (hardware.amplifier().isPowered()) {
            wait = Math.min(wait, amplifierOffAt - now);
        }
        if (wait > 0) {
            await(Math.min(wait, MAX_IDLE_WAIT_MS));
            return;
        }
        if (next != null) {
            play(next);
        }
    }

    private void play(PlanItem item) throws IOException {
        journal.markStarted(item.getItemId());
        if (!cache.has(item.getMediaSha256())) {
            log.error("station {} item {}: media {} is not in the cache at play time", config.stationId(),
                    item.getItemId(), item.getMediaSha256());
            report(sequence.baseReport(item).setOutcome(PlayReport.Outcome.FAILED).setReason("MEDIA_MISSING").build());
            return;
        }
        log.info("station {} item {}: playing '{}' on zones {}", config.stationId(), item.getItemId(),
                item.getTitle(), item.getZoneIdsList());
        playingItemId = item.getItemId();
        PlayReport report;
        try {
            report = sequence.play(item, cache.complete(item.getMediaSha256()), opener);
        } finally {
            playingItemId = "";
        }
        amplifierOffAt = clock.millis() + config.hold().toMillis();
        log.info("station {} item {}: {} {} (start {} ms after plan)", config.stationId(), item.getItemId(),
                report.getOutcome(), report.getReason(), report.getStartedAtMs() == 0 ? "-"
                        : report.getStartedAtMs() - item.getPlannedAtMs());
        report(report);
    }

    private void skip(PlanItem item, String reason) throws IOException {
        log.warn("station {} item {}: skipped ({}), planned at {}", config.stationId(), item.getItemId(), reason,
                java.time.Instant.ofEpochMilli(item.getPlannedAtMs()));
        journal.markStarted(item.getItemId());
        report(sequence.baseReport(item).setOutcome(PlayReport.Outcome.SKIPPED).setReason(reason).build());
    }

    /** Items started before a crash or power cut and never reported. */
    private void reportInterrupted() {
        for (String itemId : journal.interrupted()) {
            for (PlanItem item : plans.current().getItemsList()) {
                if (item.getItemId().equals(itemId)) {
                    log.warn("station {} item {}: was cut off by an agent restart", config.stationId(), itemId);
                    report(sequence.baseReport(item).setOutcome(PlayReport.Outcome.FAILED)
                            .setReason("AGENT_RESTARTED").build());
                }
            }
        }
    }

    private void report(PlayReport report) {
        sink.report(report);
        try {
            journal.markReported(report.getItemId());
        } catch (IOException e) {
            log.error("station {} item {}: cannot journal the report: {}", config.stationId(), report.getItemId(),
                    e.getMessage());
        }
    }

    private void switchAmplifierOff() {
        try {
            hardware.amplifier().setPowered(false);
        } catch (HardwareException e) {
            log.error("station {}: amplifier did not switch off: {}", config.stationId(), e.getMessage());
        }
        amplifierOffAt = Long.MAX_VALUE;
    }

    private void await(long millis) {
        lock.lock();
        try {
            changed.await(millis, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void close() {
        Thread t;
        synchronized (this) {
            running = false;
            t = thread;
            thread = null;
        }
        if (t != null) {
            wake();
            try {
                t.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
