package vn.loa.controller.alarm;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.locks.ReentrantLock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises, latches, acknowledges and clears alarms, keeping every step in the history. The alarms not
 * yet cleared are also held in memory, so judging a heartbeat costs no database read; every change is
 * written through before listeners hear of it.
 *
 * <p>Each station's alarms have their own lock, so stations are judged in parallel; judging a
 * station with no condition present and none of the judged kinds active takes no lock for a station
 * that never had an alarm, and allocates nothing.
 */
public final class AlarmService {
    private static final Logger log = LoggerFactory.getLogger(AlarmService.class);

    private final AlarmRepository repository;
    private final Clock clock;
    /** A station's entry is created with its first alarm and then kept (an empty map costs little). */
    private final ConcurrentHashMap<Long, StationAlarms> open = new ConcurrentHashMap<>();
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * One station's alarms not yet cleared; guarded by its lock, a ReentrantLock (not a monitor): the alarms
     * are written through to the database under it, on virtual threads.
     */
    private static final class StationAlarms {
        final ReentrantLock lock = new ReentrantLock();
        final Map<AlarmKey, Alarm> byKey = new HashMap<>();

        boolean anyConditionActive(Set<AlarmKind> kinds) {
            for (Alarm a : byKey.values()) {
                if (a.conditionActive() && kinds.contains(a.kind())) {
                    return true;
                }
            }
            return false;
        }
    }

    public AlarmService(AlarmRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        for (Alarm a : repository.findNotCleared()) {
            StationAlarms station = station(a.stationId());
            station.lock.lock();
            try {
                station.byKey.put(a.key(), a);
            } finally {
                station.lock.unlock();
            }
        }
    }

    public void addListener(AlarmListener l) {
        listeners.add(l);
    }

    /** The conditions that hold now at a station (for hysteresis). */
    public Set<AlarmKey> activeConditions(long stationId) {
        StationAlarms station = open.get(stationId);
        if (station == null) {
            return Set.of();
        }
        station.lock.lock();
        try {
            Set<AlarmKey> out = null;
            for (Alarm a : station.byKey.values()) {
                if (a.conditionActive()) {
                    out = out == null ? new HashSet<>() : out;
                    out.add(a.key());
                }
            }
            return out == null ? Set.of() : Collections.unmodifiableSet(out);
        } finally {
            station.lock.unlock();
        }
    }

    /**
     * Brings a station's alarms of the given kinds in line with the conditions present now: new
     * conditions raise (or recur on a latched alarm), conditions gone end (clearing acknowledged alarms).
     */
    public void assess(long stationId, Set<AlarmKind> kinds, Map<AlarmKey, String> present) {
        StationAlarms station = present.isEmpty() ? open.get(stationId) : station(stationId);
        if (station == null) {
            return; // nothing present, and the station never had an alarm: nothing to raise or end
        }
        List<Runnable> notify = null;
        station.lock.lock();
        try {
            if (present.isEmpty() && !station.anyConditionActive(kinds)) {
                return; // the common case: healthy, and healthy before
            }
            Instant now = clock.instant();
            for (var e : present.entrySet()) {
                if (!kinds.contains(e.getKey().kind())) {
                    continue;
                }
                Alarm a = station.byKey.get(e.getKey());
                if (a == null) {
                    Alarm raised = repository.insert(new Alarm(0, stationId, e.getKey().kind(), e.getKey().subject(),
                            AlarmState.ACTIVE, true, e.getValue(), now, null, null, null, null, null, 1),
                            AlarmEvent.RAISED, null, e.getValue());
                    station.byKey.put(raised.key(), raised);
                    log.warn("station {}: alarm {} {} raised: {}", stationId, raised.id(), describe(raised), e.getValue());
                    notify = add(notify, () -> tell(raised, AlarmEvent.RAISED));
                } else if (!a.conditionActive()) {
                    Alarm recurred = a.recurred(e.getValue());
                    repository.update(recurred, now, null, e.getValue(), AlarmEvent.RECURRED);
                    station.byKey.put(recurred.key(), recurred);
                    log.warn("station {}: alarm {} {} recurred: {}", stationId, a.id(), describe(a), e.getValue());
                    notify = add(notify, () -> tell(recurred, AlarmEvent.RECURRED));
                }
            }
            for (Alarm a : List.copyOf(station.byKey.values())) {
                if (!kinds.contains(a.kind()) || !a.conditionActive() || present.containsKey(a.key())) {
                    continue;
                }
                Alarm ended = a.returned(now);
                boolean cleared = ended.state() == AlarmState.CLEARED;
                if (cleared) {
                    repository.update(ended, now, null, "condition ended", AlarmEvent.RETURNED, AlarmEvent.CLEARED);
                    station.byKey.remove(a.key());
                } else {
                    repository.update(ended, now, null, "condition ended", AlarmEvent.RETURNED);
                    station.byKey.put(a.key(), ended);
                }
                log.info("station {}: alarm {} {}: condition ended{}", stationId, a.id(), describe(a),
                        cleared ? "; cleared" : "; latched until acknowledged");
                notify = add(notify, () -> tell(ended, cleared ? AlarmEvent.CLEARED : AlarmEvent.RETURNED));
            }
        } finally {
            station.lock.unlock();
        }
        if (notify != null) {
            notify.forEach(Runnable::run);
        }
    }

    /** A technician has seen the alarm. Acknowledging twice changes nothing. */
    public Optional<Alarm> acknowledge(long alarmId, String by, String note) {
        Optional<Alarm> seen = repository.find(alarmId);
        if (seen.isEmpty()) {
            return Optional.empty();
        }
        StationAlarms station = station(seen.get().stationId());
        Alarm result;
        String event;
        station.lock.lock();
        try {
            Optional<Alarm> found = repository.find(alarmId); // again under the station's lock: it may have changed
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Alarm a = station.byKey.getOrDefault(found.get().key(), found.get());
            if (a.id() != alarmId || a.state() != AlarmState.ACTIVE) {
                return found;
            }
            Instant now = clock.instant();
            result = a.acknowledged(now, by, note);
            if (result.state() == AlarmState.CLEARED) {
                repository.update(result, now, by, note, AlarmEvent.ACKNOWLEDGED, AlarmEvent.CLEARED);
                station.byKey.remove(a.key());
                event = AlarmEvent.CLEARED;
            } else {
                repository.update(result, now, by, note, AlarmEvent.ACKNOWLEDGED);
                station.byKey.put(a.key(), result);
                event = AlarmEvent.ACKNOWLEDGED;
            }
            log.info("station {}: alarm {} {} acknowledged by {}{}", a.stationId(), a.id(), describe(a), by,
                    result.state() == AlarmState.CLEARED ? "; cleared" : "");
        } finally {
            station.lock.unlock();
        }
        tell(result, event);
        return Optional.of(result);
    }

    /** Alarms not cleared, counted by kind and state (metrics). */
    public Map<AlarmKind, Map<AlarmState, Integer>> openCounts() {
        Map<AlarmKind, Map<AlarmState, Integer>> out = new EnumMap<>(AlarmKind.class);
        for (AlarmKind k : AlarmKind.values()) {
            Map<AlarmState, Integer> m = new EnumMap<>(AlarmState.class);
            m.put(AlarmState.ACTIVE, 0);
            m.put(AlarmState.ACKNOWLEDGED, 0);
            out.put(k, m);
        }
        for (StationAlarms station : open.values()) {
            station.lock.lock();
            try {
                for (Alarm a : station.byKey.values()) {
                    out.get(a.kind()).merge(a.state(), 1, Integer::sum);
                }
            } finally {
                station.lock.unlock();
            }
        }
        return out;
    }

    /** Whether an offline condition holds at the station now. */
    public boolean conditionActive(long stationId, AlarmKey key) {
        StationAlarms station = open.get(stationId);
        if (station == null) {
            return false;
        }
        station.lock.lock();
        try {
            Alarm a = station.byKey.get(key);
            return a != null && a.conditionActive();
        } finally {
            station.lock.unlock();
        }
    }

    private StationAlarms station(long stationId) {
        return open.computeIfAbsent(stationId, k -> new StationAlarms());
    }

    private static List<Runnable> add(List<Runnable> notify, Runnable r) {
        List<Runnable> out = notify == null ? new ArrayList<>() : notify;
        out.add(r);
        return out;
    }

    private void tell(Alarm a, String event) {
        for (AlarmListener l : listeners) {
            try {
                l.changed(a, event);
            } catch (RuntimeException e) {
                log.error("station {}: an alarm listener failed on alarm {}: {}", a.stationId(), a.id(), e.toString(), e);
            }
        }
    }

    private static String describe(Alarm a) {
        return a.kind() + (a.subject().isEmpty() ? "" : " (" + a.subject() + ")");
    }
}
