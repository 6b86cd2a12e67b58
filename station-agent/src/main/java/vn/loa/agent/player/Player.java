package vn.loa.agent.player;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.arbiter.Announcement;
import vn.loa.agent.arbiter.Arbiter;
import vn.loa.agent.arbiter.Decision;
import vn.loa.agent.arbiter.Playing;
import vn.loa.agent.arbiter.Situation;
import vn.loa.agent.arbiter.SuspendedItem;
import vn.loa.agent.arbiter.Suspension;
import vn.loa.agent.broadcast.Broadcasts;
import vn.loa.agent.broadcast.IncomingBroadcast;
import vn.loa.agent.clock.StationClock;
import vn.loa.agent.store.MediaCache;
import vn.loa.agent.store.PlanStore;
import vn.loa.agent.store.PlayJournal;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StationHardware;
import vn.loa.agent.quiet.PlanQuietHours;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.PlanSync;

/**
 * The station's firing loop. One thread, owned by this object, asks the {@link Arbiter} what to do
 * whenever something changes (a plan, a file, an announcement, the clock, the end of a stream) and
 * carries the decision out: plays a plan item or an announcement through the switching sequence (the
 * arbiter is asked again before every frame whether it must stop), skips an item, switches the
 * amplifier off after its hold, or waits. It keeps what the arbiter decides from: the streams that
 * were interrupted and wait to go on, and the amplifier's hold.
 */
public final class Player implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Player.class);

    /** Where the plan and its media are kept, and what was played. */
    public record Store(PlanStore plans, MediaCache cache, PlayJournal journal) {
    }

    /** The announcements the station holds, its chime, and who is told what becomes of each. */
    public record Announcements(Broadcasts broadcasts, Chime chime, BroadcastListener listener) {
        /** None (a player for plan items only), with the built-in chime. */
        public static Announcements none(AudioSource.Opener opener) {
            return new Announcements(new Broadcasts(), new Chime(null, opener), BroadcastListener.NONE);
        }
    }

    private final long stationId;
    private final StationTimings timings;
    private final StationClock clock;
    private final Store store;
    private final StationHardware hardware;
    private final Broadcasts broadcasts;
    private final Arbiter arbiter;
    private final ItemPlayback items;
    private final AnnouncementPlayback announcements;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean running;
    private volatile String playingItemId = "";
    /** Whether the station is handed to the local mixer now (a switch or a command); read before every frame. */
    private volatile java.util.function.BooleanSupplier localMode = () -> false;
    /** Local mode as the player last acted on it (player thread only); null before the first step. */
    private Boolean inLocalMode;
    /** Told after each hand-over (the agent sends a heartbeat at once); runs on the player thread. */
    private volatile Runnable localModeChanged = () -> { };
    /** When the current local-mode period began (player thread only), station clock ms; 0 outside one. */
    private long localSinceMs;
    private final ReportSink sink;
    private Thread thread;
    // the player thread's own state
    private long amplifierOffAt = Long.MAX_VALUE;
    private final List<SuspendedItem> suspended = new ArrayList<>();
    private final PlanQuietHours quietHours;
    private final Map<Long, Suspension> suspendedAnnouncements = new HashMap<>();

    public Player(long stationId, StationTimings timings, StationClock clock, Store store, StationHardware hardware,
            AudioSource.Opener opener, ReportSink sink) {
        this(stationId, timings, clock, store, hardware, opener, sink, Announcements.none(opener), new StationVolume());
    }

    public Player(long stationId, StationTimings timings, StationClock clock, Store store, StationHardware hardware,
            AudioSource.Opener opener, ReportSink sink, Announcements held, StationVolume volume) {
        this.stationId = stationId;
        this.timings = timings;
        this.clock = clock;
        this.store = store;
        this.hardware = hardware;
        this.broadcasts = held.broadcasts();
        this.arbiter = new Arbiter(timings.arbiter());
        this.quietHours = new PlanQuietHours(stationId);
        this.sink = sink;
        PlaySequence sequence = new PlaySequence(stationId, hardware, timings.switching(), clock, () -> running);
        Reporter reporter = new Reporter(stationId, sink, store.journal());
        this.items = new ItemPlayback(stationId, store.cache(), store.journal(), opener, sequence, reporter, volume,
                this::interrupter, clock);
        this.announcements = new AnnouncementPlayback(stationId, held, sequence, reporter, volume, this::interrupter,
                clock);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("player-" + stationId).daemon(true).start(this::run);
    }

    /** Wakes the player after a new plan, a new file, a new announcement or a clock change. */
    public void wake() {
        lock.lock();
        try {
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Where local mode comes from (docs/hardware.md#local-mode); set before {@link #start}. While it is on,
     * the arbiter stops what plays and plays nothing; the player releases the bypass to the local mixer.
     */
    public void localModeFrom(java.util.function.BooleanSupplier source, Runnable changed) {
        this.localModeChanged = changed;
        localModeFrom(source);
    }

    public void localModeFrom(java.util.function.BooleanSupplier source) {
        this.localMode = source;
    }

    /** Whether the player has handed the station to the local mixer. */
    public boolean inLocalMode() {
        return Boolean.TRUE.equals(inLocalMode);
    }

    /** The plan item or announcement ({@code b<id>}) playing now, or empty. */
    public String playingItemId() {
        return playingItemId;
    }

    private void run() {
        items.reportCutOffByRestart(store.plans().current());
        while (running) {
            try {
                step();
            } catch (RuntimeException | IOException e) {
                log.error("station {}: player error: {}", stationId, e.toString(), e);
                hardware.makeSafe();
                await(Arbiter.MAX_IDLE_WAIT_MS);
            }
        }
        hardware.makeSafe();
    }

    private void step() throws IOException {
        broadcasts.forgetStopped();
        suspendedAnnouncements.keySet().removeIf(id -> broadcasts.get(id).isEmpty());
        Situation now = situation();
        if (!Boolean.valueOf(now.localMode()).equals(inLocalMode)) {
            handOver(now.localMode());
        }
        switch (arbiter.next(now)) {
            case Decision.PlayAnnouncement p -> {
                Optional<IncomingBroadcast> b = broadcasts.get(p.id());
                if (b.isPresent()) {
                    playAnnouncement(b.get(), p);
                }
            }
            case Decision.PlayItem p -> playing(p.item().getItemId(), () -> items.play(p.item(), p.quiet()))
                    .ifPresent(suspended::add);
            case Decision.ResumeItem r -> {
                suspended.remove(r.suspended());
                playing(r.suspended().item().getItemId(), () -> items.resume(r.suspended(), r.startAtMs(), r.quiet()))
                        .ifPresent(suspended::add);
            }
            case Decision.SkipItem s -> items.skip(s.item(), s.reason());
            case Decision.DropSuspendedItem d -> {
                suspended.remove(d.suspended());
                items.drop(d.suspended(), d.reason());
            }
            case Decision.DropAnnouncement d -> {
                suspendedAnnouncements.remove(d.id());
                broadcasts.get(d.id()).ifPresent(b -> announcements.drop(b, d.reason()));
            }
            case Decision.AmplifierOff a -> switchAmplifierOff();
            case Decision.HoldAmplifier h -> amplifierOffAt = h.untilMs();
            case Decision.Wait w -> await(Math.max(1, w.untilMs() - clock.millis()));
        }
    }

    private void playAnnouncement(IncomingBroadcast b, Decision.PlayAnnouncement p) throws IOException {
        suspendedAnnouncements.remove(b.id());
        playing("b" + b.id(), () -> announcements.play(b, p))
                .ifPresent(s -> suspendedAnnouncements.put(b.id(), s));
    }

    @FunctionalInterface
    private interface Play<T> {
        T run() throws IOException;
    }

    /** Runs a play with its id shown as playing; afterwards the amplifier's hold starts. */
    private <T> T playing(String id, Play<T> play) throws IOException {
        playingItemId = id;
        try {
            return play.run();
        } finally {
            playingItemId = "";
            amplifierOffAt = clock.millis() + timings.hold().toMillis();
        }
    }

    /** Asks the arbiter, before each frame of what plays, whether it must stop. */
    private PlaySequence.Interrupter interrupter(Playing playing) {
        return () -> arbiter.interruption(playing, situation());
    }

    private Situation situation() {
        List<Announcement> held = new ArrayList<>();
        for (IncomingBroadcast b : broadcasts.active()) {
            held.add(new Announcement(b.id(), b.priority(), b.arrivalOrder(), b.start().getStartAtMs(),
                    b.start().getLive(), suspendedAnnouncements.get(b.id())));
        }
        List<PlanItem> open = new ArrayList<>();
        PlanSync plan = store.plans().current();
        for (PlanItem item : plan.getItemsList()) {
            if (!store.journal().isHandled(item.getItemId())) {
                open.add(item);
            }
        }
        return new Situation(clock.millis(), clock.isSynchronised(), hardware.amplifier().isPowered(), amplifierOffAt,
                held, open, suspended, localMode.getAsBoolean(), quietHours.of(plan));
    }

    /** Local mode begins or ends: the relays released, the bypass to the local mixer or back to the agent. */
    private void handOver(boolean local) {
        boolean first = inLocalMode == null;
        inLocalMode = local;
        if (local) {
            hardware.makeSafe();
            amplifierOffAt = Long.MAX_VALUE;
            localSinceMs = clock.millis();
            log.warn("station {}: LOCAL MODE on: amplifier and zones handed to the local mixer", stationId);
        } else if (!first) {
            log.warn("station {}: local mode off: the agent has the station again", stationId);
            reportLocalPeriod();
        }
        try {
            hardware.bypass().setLocal(local);
        } catch (HardwareException | RuntimeException e) {
            log.error("station {}: the bypass ({}) did not switch {}: {}", stationId, hardware.bypass().describe(),
                    local ? "to the local mixer" : "to the agent", e.getMessage());
        }
        if (!first || local) {
            localModeChanged.run();
        }
    }

    /**
     * The local-mode period just ended, in the as-run log: item {@code local-mode}, outcome STOPPED, reason
     * {@code LOCAL_MODE}, from its start to its end, on every zone of the station (docs/hardware.md#local-mode).
     */
    private void reportLocalPeriod() {
        if (localSinceMs == 0) {
            return;
        }
        long end = clock.millis();
        PlayReport period = PlayReport.newBuilder().setReportId(java.util.UUID.randomUUID().toString())
                .setItemId(LOCAL_MODE_ITEM).addAllZoneIds(new java.util.TreeSet<>(hardware.zones().zones()))
                .setPlannedAtMs(localSinceMs).setStartedAtMs(localSinceMs).setEndedAtMs(end)
                .setOutcome(PlayReport.Outcome.STOPPED).setReason(Reasons.LOCAL_MODE).build();
        localSinceMs = 0;
        if (!sink.report(period)) {
            log.error("station {}: the local-mode period could not be stored for the as-run log", stationId);
        }
    }

    /** The as-run log's item id of a local-mode period. */
    public static final String LOCAL_MODE_ITEM = "local-mode";

    private void switchAmplifierOff() {
        try {
            hardware.amplifier().setPowered(false);
        } catch (HardwareException e) {
            log.error("station {}: amplifier did not switch off: {}", stationId, e.getMessage());
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
            if (!t.isAlive()) {
                reportLocalPeriod(); // stopped in local mode: the period so far
            }
        }
    }
}
