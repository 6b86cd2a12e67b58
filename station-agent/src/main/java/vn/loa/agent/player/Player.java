package vn.loa.agent.player;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.agent.AgentConfig;
import vn.loa.agent.broadcast.BroadcastAudioSource;
import vn.loa.agent.broadcast.Broadcasts;
import vn.loa.agent.broadcast.IncomingBroadcast;
import vn.loa.agent.clock.StationClock;
import vn.loa.agent.store.MediaCache;
import vn.loa.agent.store.PlanStore;
import vn.loa.agent.store.PlayJournal;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.StationHardware;
import vn.loa.protocol.v1.BroadcastStart;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.PlayReport;
import vn.loa.protocol.v1.Priority;

/**
 * The one place where the station decides what plays. One thread, owned by this object, re-picks on
 * every change: announcements first (highest priority, then first come), then an item that an
 * announcement interrupted, then the plan. Whatever plays is interrupted, frame by frame, by an
 * announcement of strictly higher priority, or by a plan item with hard time CUT. Scheduled items
 * never fire while the clock is unknown; announcements still do (they come over the live link).
 */
public final class Player implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Player.class);
    private static final long MAX_IDLE_WAIT_MS = 1000;
    /** How long an interrupted item may wait to be resumed before it is given up. */
    private static final long MAX_RESUME_DELAY_MS = 60 * 60 * 1000L;
    /** A NEXT item plays however late, but not hours late. */
    private static final long MAX_NEXT_DELAY_MS = 6 * 60 * 60 * 1000L;

    private final AgentConfig config;
    private final StationClock clock;
    private final PlanStore plans;
    private final MediaCache cache;
    private final PlayJournal journal;
    private final StationHardware hardware;
    private final AudioSource.Opener opener;
    private final ReportSink sink;
    private final Broadcasts broadcasts;
    private final StationVolume volume;
    private final Chime chime;
    private final BroadcastListener listener;
    private final PlaySequence sequence;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private volatile boolean running;
    private volatile String playingItemId = "";
    private long amplifierOffAt = Long.MAX_VALUE;
    private Suspended suspended;
    private Thread thread;

    /** An item an announcement interrupted, and where. */
    private record Suspended(PlanItem item, long samplesPlayed, String by, long sinceMs) {
    }

    public Player(AgentConfig config, StationClock clock, PlanStore plans, MediaCache cache, PlayJournal journal,
            StationHardware hardware, AudioSource.Opener opener, ReportSink sink) {
        this(config, clock, plans, cache, journal, hardware, opener, sink, new Broadcasts(), new StationVolume(),
                new Chime(null, opener), BroadcastListener.NONE);
    }

    public Player(AgentConfig config, StationClock clock, PlanStore plans, MediaCache cache, PlayJournal journal,
            StationHardware hardware, AudioSource.Opener opener, ReportSink sink, Broadcasts broadcasts,
            StationVolume volume, Chime chime, BroadcastListener listener) {
        this.config = config;
        this.clock = clock;
        this.plans = plans;
        this.cache = cache;
        this.journal = journal;
        this.hardware = hardware;
        this.opener = opener;
        this.sink = sink;
        this.broadcasts = broadcasts;
        this.volume = volume;
        this.chime = chime;
        this.listener = listener;
        this.sequence = new PlaySequence(config.stationId(), hardware, clock, config, () -> running);
    }

    public synchronized void start() {
        if (thread != null) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().name("player-" + config.stationId()).daemon(true).start(this::run);
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

    /** Time the sequence needs before the first sample: warm-up (if the amplifier is off) and settle. */
    private long lead() {
        return config.zoneSettle().toMillis() + (hardware.amplifier().isPowered() ? 0 : config.warmUp().toMillis());
    }

    /** Lead for interrupting something that plays: the amplifier is on; allow for draining the output. */
    private long interruptLead() {
        return config.zoneSettle().toMillis() + 150;
    }

    private void step() throws IOException {
        long now = clock.millis();
        long wait = MAX_IDLE_WAIT_MS;
        broadcasts.forgetStopped();
        long lead = lead();
        // of the announcements that are due, the highest priority (one not yet due never blocks one that is)
        // (due with the interruption's lead too, so what it interrupted is not resumed in between)
        long dueLead = Math.max(lead, interruptLead());
        Optional<IncomingBroadcast> announcement = broadcasts.best(
                b -> !clock.isSynchronised() || startOf(b) - dueLead <= now);
        PlanItem next = clock.isSynchronised() ? nextPlanItem(now) : null;
        // the same lead as interruptions use, so an interrupted stream is not picked up again just before the item
        boolean planDue = next != null && next.getPlannedAtMs() - Math.max(lead, interruptLead()) <= now;
        if (announcement.isPresent()) {
            // a due plan item of strictly higher priority (e.g. NORMAL over a RELAY) goes first
            boolean planWins = planDue && next.getPriority().getNumber() > announcement.get().priority().getNumber();
            if (!planWins) {
                playBroadcast(announcement.get());
                return;
            }
        } else {
            var earliest = broadcasts.earliest(b -> startOf(b) - dueLead);
            if (earliest.isPresent()) {
                wait = Math.max(1, Math.min(wait, earliest.getAsLong() - now));
            }
        }
        if (!clock.isSynchronised()) {
            await(wait);
            return;
        }
        if (suspended != null && announcement.isEmpty()) {
            resume(suspended);
            return;
        }
        if (hardware.amplifier().isPowered() && now >= amplifierOffAt) {
            // keep the amplifier on when the next item would need it again before it could warm up
            long reuseWindow = config.warmUp().toMillis() + config.zoneSettle().toMillis() + 1000;
            if (next != null && next.getPlannedAtMs() - now <= reuseWindow) {
                amplifierOffAt = next.getPlannedAtMs() + 1;
            } else {
                switchAmplifierOff();
            }
        }
        if (next != null) {
            long due = next.getPlannedAtMs() - Math.max(lead(), interruptLead()) - now;
            if (due <= 0) {
                play(next);
                return;
            }
            wait = Math.min(wait, due);
        }
        if (hardware.amplifier().isPowered()) {
            wait = Math.min(wait, amplifierOffAt - now);
        }
        await(Math.max(1, wait));
    }

    /** The earliest unhandled item; items whose waiting time ran out are reported SKIPPED. */
    private PlanItem nextPlanItem(long now) throws IOException {
        PlanSync plan = plans.current();
        PlanItem next = null;
        for (PlanItem item : plan.getItemsList()) {
            if (journal.isHandled(item.getItemId())) {
                continue;
            }
            if (item.getPlannedAtMs() + maxDelay(item) < now) {
                skip(item, "TOO_LATE");
                continue;
            }
            if (next == null || item.getPlannedAtMs() < next.getPlannedAtMs()) {
                next = item;
            }
        }
        return next;
    }

    private long maxDelay(PlanItem item) {
        return switch (item.getHardTime()) {
            case NEXT -> MAX_NEXT_DELAY_MS;
            case WAIT, CUT, UNRECOGNIZED -> item.getMaxWaitMs() > 0 ? item.getMaxWaitMs() : config.lateTolerance().toMillis();
        };
    }

    private float gainFor(Priority priority) {
        return priority == Priority.EMERGENCY ? 1f : volume.gain();
    }

    private void play(PlanItem item) throws IOException {
        journal.markStarted(item.getItemId());
        if (!cache.has(item.getMediaSha256())) {
            log.error("station {} item {}: media {} is not in the cache at play time", config.stationId(),
                    item.getItemId(), item.getMediaSha256());
            report(sequence.baseReport(item).setOutcome(PlayReport.Outcome.FAILED).setReason("MEDIA_MISSING").build());
            return;
        }
        playItem(item, 0, item.getPlannedAtMs(), "");
    }

    private void resume(Suspended s) throws IOException {
        suspended = null;
        long now = clock.millis();
        if (now - s.sinceMs() > MAX_RESUME_DELAY_MS) {
            report(sequence.baseReport(s.item()).setOutcome(PlayReport.Outcome.SKIPPED)
                    .setReason("TOO_LATE_TO_RESUME").build());
            return;
        }
        boolean restart = s.item().getOnPreempt() == PlanItem.OnPreempt.RESTART;
        log.info("station {} item {}: {} after {}", config.stationId(), s.item().getItemId(),
                restart ? "restarting" : "resuming", s.by());
        playItem(s.item(), restart ? 0 : s.samplesPlayed(), now + lead(),
                (restart ? "RESTARTED_AFTER:" : "RESUMED_AFTER:") + s.by());
    }

    private void playItem(PlanItem item, long skipSamples, long startAt, String note) throws IOException {
        AudioSource source;
        try {
            source = opener.open(cache.complete(item.getMediaSha256()));
        } catch (IOException e) {
            report(sequence.baseReport(item).setOutcome(PlayReport.Outcome.FAILED).setReason("MEDIA_CORRUPT").build());
            return;
        }
        log.info("station {} item {}: playing '{}' on zones {}", config.stationId(), item.getItemId(), item.getTitle(),
                item.getZoneIdsList());
        playingItemId = item.getItemId();
        PlaySequence.Result r;
        try {
            r = sequence.run(new PlaySequence.Spec(item.getItemId(), item.getZoneIdsList(), startAt, item.getPriority(),
                    List.of(source), skipSamples, gainFor(item.getPriority()), () -> interruptionOf(item), false, at -> { }));
        } finally {
            playingItemId = "";
        }
        amplifierOffAt = clock.millis() + config.hold().toMillis();
        String reason = join(note, r.reason());
        if (r.outcome() == PlayReport.Outcome.PREEMPTED && r.reason().startsWith("PREEMPTED_BY:")) {
            String by = r.reason().substring("PREEMPTED_BY:".length());
            switch (item.getOnPreempt()) {
                case SKIP -> reason = join(reason, "REST_SKIPPED");
                case RESTART, RESUME, UNRECOGNIZED -> suspended = new Suspended(item, r.samplesPlayed(), by, clock.millis());
            }
        }
        log.info("station {} item {}: {} {} (start {} ms after plan)", config.stationId(), item.getItemId(),
                r.outcome(), reason, r.startedAtMs() == 0 ? "-" : r.startedAtMs() - item.getPlannedAtMs());
        report(PlaySequence.toReport(sequence.baseReport(item), r).toBuilder().setReason(reason).build());
    }

    /** What interrupts a plan item: a higher-priority announcement, or a due plan item with hard time CUT. */
    private PlaySequence.Verdict interruptionOf(PlanItem playing) {
        long now = clock.millis();
        Optional<IncomingBroadcast> b = broadcasts.preempting(playing.getPriority(), now, interruptLead(), -1);
        if (b.isPresent()) {
            return new PlaySequence.Verdict(PlayReport.Outcome.PREEMPTED, "PREEMPTED_BY:b" + b.get().id());
        }
        for (PlanItem other : plans.current().getItemsList()) {
            if (other.getHardTime() == PlanItem.HardTime.CUT && !other.getItemId().equals(playing.getItemId())
                    && other.getPriority().getNumber() >= playing.getPriority().getNumber()
                    && other.getPlannedAtMs() - interruptLead() <= now
                    && other.getPlannedAtMs() + config.lateTolerance().toMillis() >= now
                    && !journal.isHandled(other.getItemId())) {
                return new PlaySequence.Verdict(PlayReport.Outcome.PREEMPTED, "CUT_BY:" + other.getItemId());
            }
        }
        return null;
    }

    /** When a broadcast starts: its common instant, or soon after the interruption of a live one. */
    private long startOf(IncomingBroadcast b) {
        return b.interruptedBy() != null ? Math.min(b.start().getStartAtMs(), clock.millis()) : b.start().getStartAtMs();
    }

    /** A live broadcast that was interrupted picks up this far behind its newest packet (its jitter buffer). */
    private static final int LIVE_EDGE_PACKETS = 40;

    private void playBroadcast(IncomingBroadcast b) {
        BroadcastStart start = b.start();
        String resumedAfter = b.interruptedBy();
        String label = "b" + b.id();
        List<AudioSource> sources = new ArrayList<>();
        PlayReport.Builder report = PlayReport.newBuilder().setReportId(java.util.UUID.randomUUID().toString())
                .setItemId(label).setBroadcastId(b.id()).addAllZoneIds(start.getZoneIdsList())
                .setPlannedAtMs(start.getStartAtMs()).setPriority(start.getPriority());
        BroadcastAudioSource main;
        try {
            main = resumedAfter == null ? new BroadcastAudioSource(b)
                    : new BroadcastAudioSource(b, b.packetCount() - LIVE_EDGE_PACKETS);
            if (start.getChime() && resumedAfter == null) {
                AudioSource c = chime.open(main.format());
                if (c.format().equals(main.format())) {
                    sources.add(c);
                } else {
                    log.warn("station {}: the chime file's format {} differs from the announcement's {}; using the built-in chime",
                            config.stationId(), c.format(), main.format());
                    c.close();
                    sources.add(Chime.synthesized(main.format()));
                }
            }
            sources.add(main);
        } catch (IOException | IllegalArgumentException e) {
            broadcasts.finished(b.id());
            status(b.id(), BroadcastStatus.State.FAILED, clock.millis(), "BAD_STREAM: " + e.getMessage(), 0);
            report(report.setOutcome(PlayReport.Outcome.FAILED).setReason("BAD_STREAM").build());
            return;
        }
        log.info("station {} announcement {}: '{}' ({}) on zones {}", config.stationId(), b.id(), start.getTitle(),
                start.getPriority(), start.getZoneIdsList());
        playingItemId = label;
        PlaySequence.Result r;
        // in step with every other station: the common instant on a synchronised clock
        boolean inStep = clock.isSynchronised() && resumedAfter == null;
        long startAt = inStep ? start.getStartAtMs() : clock.millis() + lead();
        try {
            r = sequence.run(new PlaySequence.Spec(label, start.getZoneIdsList(), startAt, start.getPriority(), sources, 0,
                    gainFor(start.getPriority()), () -> interruptionOfBroadcast(b), inStep,
                    at -> status(b.id(), BroadcastStatus.State.PLAYING, at, "", 0)));
        } finally {
            playingItemId = "";
        }
        amplifierOffAt = clock.millis() + config.hold().toMillis();
        if (b.isStopped() && r.outcome() == PlayReport.Outcome.PLAYED) {
            // stopped while waiting for packets: the stream ended because it was cancelled, not complete
            r = new PlaySequence.Result(PlayReport.Outcome.STOPPED, "CANCELLED: " + b.stopReason(), r.startedAtMs(),
                    r.endedAtMs(), r.samplesPlayed(), r.peakDbfs(), r.rmsDbfs());
        }
        int underruns = main.underruns();
        if (start.getLive() && r.outcome() == PlayReport.Outcome.PREEMPTED && !b.isStopped()) {
            // a live stream (a relay, a live voice) goes on while something more urgent plays: pick it up again after
            String by = r.reason().substring(r.reason().indexOf(':') + 1);
            b.interrupted(by);
            status(b.id(), BroadcastStatus.State.RECEIVING, r.endedAtMs(), "INTERRUPTED_BY:" + by, underruns);
            log.info("station {} announcement {}: interrupted by {}; resumes at the live edge", config.stationId(), b.id(), by);
            report(PlaySequence.toReport(report, r).toBuilder().setReason(join(
                    resumedAfter == null ? "" : "RESUMED_AFTER:" + resumedAfter, r.reason())).build());
            return;
        }
        broadcasts.finished(b.id());
        BroadcastStatus.State state = r.outcome() == PlayReport.Outcome.PLAYED ? BroadcastStatus.State.DONE
                : BroadcastStatus.State.FAILED;
        String reason = underruns > 0 ? join(r.reason(), "UNDERRUNS:" + underruns) : r.reason();
        if (resumedAfter != null) {
            reason = join("RESUMED_AFTER:" + resumedAfter, reason);
        }
        status(b.id(), state, r.endedAtMs(), reason, underruns);
        log.info("station {} announcement {}: {} {}", config.stationId(), b.id(), r.outcome(), reason);
        report(PlaySequence.toReport(report, r).toBuilder().setReason(reason).build());
    }

    private PlaySequence.Verdict interruptionOfBroadcast(IncomingBroadcast playing) {
        if (playing.isStopped()) {
            return new PlaySequence.Verdict(PlayReport.Outcome.STOPPED, "CANCELLED: " + playing.stopReason());
        }
        long now = clock.millis();
        Optional<IncomingBroadcast> b = broadcasts.preempting(playing.priority(), now, interruptLead(), playing.id());
        if (b.isPresent()) {
            return new PlaySequence.Verdict(PlayReport.Outcome.PREEMPTED, "PREEMPTED_BY:b" + b.get().id());
        }
        // a scheduled item of strictly higher priority (a NORMAL bulletin during a RELAY) takes over at its time
        if (clock.isSynchronised()) {
            for (PlanItem item : plans.current().getItemsList()) {
                if (item.getPriority().getNumber() > playing.priority().getNumber()
                        && item.getPlannedAtMs() - interruptLead() <= now
                        && item.getPlannedAtMs() + maxDelay(item) >= now && !journal.isHandled(item.getItemId())) {
                    return new PlaySequence.Verdict(PlayReport.Outcome.PREEMPTED, "PREEMPTED_BY:" + item.getItemId());
                }
            }
        }
        return null;
    }

    private void status(long id, BroadcastStatus.State state, long atMs, String reason, int underruns) {
        try {
            listener.status(BroadcastStatus.newBuilder().setBroadcastId(id).setState(state).setAtMs(atMs)
                    .setReason(reason).setUnderruns(underruns).build());
        } catch (RuntimeException e) {
            log.warn("station {}: cannot send the status of announcement {}: {}", config.stationId(), id, e.toString());
        }
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
        if (!sink.report(report)) {
            // left unreported in the journal: after a restart it is reported as interrupted
            return;
        }
        if (report.getBroadcastId() != 0) {
            return;
        }
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

    private static String join(String a, String b) {
        if (a == null || a.isEmpty()) {
            return b == null ? "" : b;
        }
        return b == null || b.isEmpty() ? a : a + ";" + b;
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
