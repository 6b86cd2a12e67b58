package vn.loa.controller.announcement;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.ObjDoubleConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.BroadcastStatus;

/**
 * The stations' states in the running announcements: what each station reports, lost links, late joins,
 * cancellations. Every change is queued for the {@link StateWriter} (stored in batches) and kept in memory,
 * where the API reads it until it is stored. The {@code announcement-tracker} timer finishes announcements
 * whose stations have all reported or whose window is over, and gives up live ones that never had audio.
 * Nothing here blocks but {@link #stop} (it flushes the writer) and {@link #close}.
 */
final class StationTracker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StationTracker.class);
    /** How often the running announcements are checked for their end. */
    static final long CHECK_EVERY_MS = 100;
    /** A live announcement whose audio does not start within this time is given up. */
    static final long LIVE_WAIT_MS = 60_000;

    private final AnnouncementRepository repository;
    private final Clock clock;
    private final StateWriter writer;
    private final Map<Long, RunningAnnouncement> active = new ConcurrentHashMap<>();
    /** Finished, their final states not yet stored: still shown from memory ({@link #view}). */
    private final Map<Long, RunningAnnouncement> finishing = new ConcurrentHashMap<>();
    /** Made at each {@link #start}: a node may lead, stand by and lead again. */
    private volatile ScheduledExecutorService timer;
    private volatile ObjDoubleConsumer<String> startListener = (priority, seconds) -> { };

    StationTracker(AnnouncementRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        this.writer = new StateWriter(repository, finishing::remove);
    }

    void onStationStart(ObjDoubleConsumer<String> listener) {
        this.startListener = listener;
    }

    void start() {
        int abandoned = repository.closeAbandoned();
        if (abandoned > 0) {
            log.warn("{} announcements were cut off by the last controller stop; marked FAILED", abandoned);
        }
        writer.start();
        ScheduledExecutorService t = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("announcement-tracker").daemon(true).factory());
        timer = t;
        t.scheduleWithFixedDelay(this::checkQuietly, CHECK_EVERY_MS, CHECK_EVERY_MS, TimeUnit.MILLISECONDS);
    }

    void track(RunningAnnouncement a) {
        active.put(a.id, a);
    }

    Optional<RunningAnnouncement> running(long id) {
        return Optional.ofNullable(active.get(id));
    }

    Collection<RunningAnnouncement> running() {
        return active.values();
    }

    /** A station said what it is doing (on its event loop). */
    void onStatus(long stationId, BroadcastStatus status) {
        StationState state = switch (status.getState()) {
            case RECEIVING -> StationState.RECEIVING;
            case PLAYING -> StationState.PLAYING;
            case DONE -> StationState.DONE;
            case FAILED -> StationState.FAILED;
            default -> null;
        };
        if (state == null) {
            return;
        }
        Instant at = status.getAtMs() == 0 ? clock.instant() : Instant.ofEpochMilli(status.getAtMs());
        RunningAnnouncement a = active.get(status.getBroadcastId());
        RunningAnnouncement.Transition change = a == null ? null : a.update(stationId,
                t -> t.state().terminal() && t.state() != StationState.OFFLINE ? t
                        : t.reported(state, at.toEpochMilli(), status.getReason(), status.getUnderruns()));
        if (change != null) {
            if (!change.changed()) {
                return; // it already ended there: a late or repeated report
            }
            if (state == StationState.PLAYING && change.before().startedAtMs() == 0 && !a.live) {
                startListener.accept(a.template().getPriority().name(), (at.toEpochMilli() - a.createdAtMs) / 1000.0);
            }
        }
        writer.add(new AnnouncementRepository.StationChange(status.getBroadcastId(), stationId, state,
                state == StationState.PLAYING ? at : null, state.terminal() ? at : null, status.getReason(),
                status.getUnderruns()));
    }

    /** The link a station was being sent the announcement on has closed (on that link's event loop). */
    void linkLost(long id, long stationId, int attempt, long atMs) {
        RunningAnnouncement a = active.get(id);
        RunningAnnouncement.Transition change = a == null ? null : a.update(stationId,
                t -> t.state().terminal() || t.attempt() != attempt ? t : t.failed(TargetState.LINK_LOST, atMs));
        if (change != null && change.changed()) {
            writer.add(new AnnouncementRepository.StationChange(id, stationId, StationState.FAILED, null,
                    Instant.ofEpochMilli(atMs), TargetState.LINK_LOST, change.after().underruns()));
        }
    }

    /** The station will not be sent the announcement (why: a reason code); it is over there. */
    void failed(RunningAnnouncement a, long stationId, String why) {
        long now = clock.millis();
        a.update(stationId, t -> t.failed(why, now));
        writer.add(new AnnouncementRepository.StationChange(a.id, stationId, StationState.FAILED, null,
                Instant.ofEpochMilli(now), why, 0));
    }

    /** A station joins late with its own start; returns its new state (its attempt). */
    TargetState joining(RunningAnnouncement a, long stationId, long startAtMs) {
        TargetState t = a.update(stationId, s -> s.joining(startAtMs)).after();
        writer.add(new AnnouncementRepository.StationChange(a.id, stationId, StationState.PENDING, null, null,
                TargetState.JOINED_LATE, 0));
        return t;
    }

    /** A station whose link was lost while it played is back and plays on; returns its new state. */
    TargetState resumed(RunningAnnouncement a, long stationId) {
        TargetState t = a.update(stationId, TargetState::resumed).after();
        writer.add(new AnnouncementRepository.StationChange(a.id, stationId, StationState.PLAYING, null, null,
                TargetState.JOINED_LATE, t.underruns()));
        return t;
    }

    /**
     * Stops an announcement everywhere: nothing more goes out, the stations are sent a stop, those that had
     * not started are recorded cancelled, and everything is stored before this returns (the API then reads
     * the stored record). False when there is no such running announcement. Blocking.
     */
    boolean stop(long id, String reason) {
        RunningAnnouncement a = active.remove(id);
        if (a == null) {
            return false;
        }
        a.stop();
        a.transmission.stop(reason);
        Instant now = clock.instant();
        for (long stationId : a.stationIds()) {
            RunningAnnouncement.Transition change = a.update(stationId, t -> t.state() == StationState.PENDING
                    || t.state() == StationState.RECEIVING || t.state() == StationState.OFFLINE
                    ? t.failed("CANCELLED_BEFORE_START", now.toEpochMilli()) : t);
            if (change.changed()) {
                // never started there: it will not report, so the record says so now
                writer.add(new AnnouncementRepository.StationChange(id, stationId, StationState.FAILED, null, now,
                        "CANCELLED_BEFORE_START", change.after().underruns()));
            }
        }
        writer.add(new AnnouncementRepository.AnnouncementChange(id, "STOPPED", now));
        // after every state queued before it, and before the answer
        writer.flush();
        log.info("announcement {} stopped: {}", id, reason);
        return true;
    }

    /** The stored announcement, with the states of a running (or just finished) one from memory. */
    Optional<AnnouncementView> view(long id) {
        Optional<AnnouncementView> stored = repository.find(id);
        RunningAnnouncement a = active.get(id);
        if (a == null) {
            a = finishing.get(id);
        }
        if (stored.isEmpty() || a == null) {
            return stored;
        }
        // the live view: states from memory, fresher than the database
        List<AnnouncementView.Station> list = new ArrayList<>();
        for (AnnouncementView.Station s : stored.get().stations()) {
            TargetState t = a.state(s.stationId());
            if (t == null) {
                list.add(s);
                continue;
            }
            list.add(new AnnouncementView.Station(s.stationId(), s.zoneIds(), t.state(),
                    t.startedAtMs() == 0 ? null : Instant.ofEpochMilli(t.startedAtMs()),
                    t.endedAtMs() == 0 ? null : Instant.ofEpochMilli(t.endedAtMs()),
                    t.reason() == null || t.reason().isEmpty() ? s.reason() : t.reason(), t.underruns()));
        }
        AnnouncementView v = stored.get();
        String state = a.finalState != null ? a.finalState : v.state();
        return Optional.of(new AnnouncementView(v.id(), v.title(), v.priority(), v.sourceType(), state, v.startAt(),
                v.createdAt(), list));
    }

    private void checkQuietly() {
        long now = clock.millis();
        for (RunningAnnouncement a : active.values()) {
            try {
                check(a, now);
            } catch (RuntimeException e) {
                // logged, not rethrown: an exception would cancel the periodic check for good
                log.error("announcement {}: checking its end failed: {}", a.id, e.toString(), e);
            }
        }
    }

    private void check(RunningAnnouncement a, long now) {
        if (!a.opened()) {
            if (now - a.createdAtMs > LIVE_WAIT_MS && active.remove(a.id, a)) {
                log.warn("announcement {}: no live audio within {} s; given up", a.id, LIVE_WAIT_MS / 1000);
                a.stop();
                a.transmission.stop("NO_LIVE_AUDIO");
                for (long stationId : a.stationIds()) {
                    writer.add(new AnnouncementRepository.StationChange(a.id, stationId, StationState.FAILED, null,
                            Instant.ofEpochMilli(now), "NO_LIVE_AUDIO", 0));
                }
                writer.add(new AnnouncementRepository.AnnouncementChange(a.id, "FAILED", null));
            }
            return;
        }
        if (!AnnouncementWindow.finished(a.states(), a.transmission.ended(), now, a.startAtMs(), a.playMs())
                || !active.remove(a.id, a)) {
            return;
        }
        // shown from memory until the writer has stored the final states (then the announcement's own)
        finishing.put(a.id, a);
        for (long stationId : a.stationIds()) {
            RunningAnnouncement.Transition change = a.update(stationId,
                    t -> t.state().terminal() ? t : t.failed("NO_REPORT", now));
            if (change.changed()) {
                writer.add(new AnnouncementRepository.StationChange(a.id, stationId, StationState.FAILED, null,
                        Instant.ofEpochMilli(now), "NO_REPORT", change.after().underruns()));
            }
        }
        boolean anyPlayed = a.states().stream().anyMatch(t -> t.state() == StationState.DONE);
        a.finalState = anyPlayed ? "DONE" : "FAILED"; // shown at once, stored by the writer
        writer.add(new AnnouncementRepository.AnnouncementChange(a.id, a.finalState, null));
        a.transmission.close();
        log.info("announcement {} finished: {}", a.id, a.finalState);
    }

    /**
     * Stops the timer, then stores every state reported so far (before the database closes). Announcements
     * still running are let go: this node stops leading (or stopping) and sends them nothing more; the
     * stations keep what they hold, a live one ends at each station when its link goes, and the next leader
     * closes their records ({@code closeAbandoned}). {@link #start} may follow.
     */
    @Override
    public void close() {
        ScheduledExecutorService t = timer;
        timer = null;
        if (t != null) {
            t.shutdown();
            try {
                if (!t.awaitTermination(5, TimeUnit.SECONDS)) {
                    log.warn("the announcement tracker did not stop within 5 s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        writer.close();
        for (RunningAnnouncement a : List.copyOf(active.values())) {
            if (active.remove(a.id, a)) {
                a.letGo();
                a.transmission.end();
                a.transmission.close();
                log.warn("announcement {}: let go while it ran (this node stops leading or stopping)", a.id);
            }
        }
        finishing.clear();
    }
}
