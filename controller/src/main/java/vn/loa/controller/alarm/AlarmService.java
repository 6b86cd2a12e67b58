package vn.loa.controller.alarm;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raises, latches, acknowledges and clears alarms, keeping every step in the history. The alarms not
 * yet cleared are also held in memory, so judging a heartbeat costs no database read; every change is
 * written through before listeners hear of it.
 */
public final class AlarmService {
    private static final Logger log = LoggerFactory.getLogger(AlarmService.class);

    private final AlarmRepository repository;
    private final Clock clock;
    private final Map<Long, Map<AlarmKey, Alarm>> open = new HashMap<>();
    private final List<AlarmListener> listeners = new CopyOnWriteArrayList<>();

    public AlarmService(AlarmRepository repository, Clock clock) {
        this.repository = repository;
        this.clock = clock;
        for (Alarm a : repository.findNotCleared()) {
            open.computeIfAbsent(a.stationId(), k -> new HashMap<>()).put(a.key(), a);
        }
    }

    public void addListener(AlarmListener l) {
        listeners.add(l);
    }

    /** The conditions that hold now at a station (for hysteresis). */
    public synchronized Set<AlarmKey> activeConditions(long stationId) {
        return open.getOrDefault(stationId, Map.of()).values().stream().filter(Alarm::conditionActive)
                .map(Alarm::key).collect(java.util.stream.Collectors.toUnmodifiableSet());
    }

    /**
     * Brings a station's alarms of the given kinds in line with the conditions present now: new
     * conditions raise (or recur on a latched alarm), conditions gone end (clearing acknowledged alarms).
     */
    public void assess(long stationId, Set<AlarmKind> kinds, Map<AlarmKey, String> present) {
        List<Runnable> notify = new ArrayList<>();
        synchronized (this) {
            Instant now = clock.instant();
            Map<AlarmKey, Alarm> station = open.computeIfAbsent(stationId, k -> new HashMap<>());
            for (var e : present.entrySet()) {
                if (!kinds.contains(e.getKey().kind())) {
                    continue;
                }
                Alarm a = station.get(e.getKey());
                if (a == null) {
                    Alarm raised = repository.insert(new Alarm(0, stationId, e.getKey().kind(), e.getKey().subject(),
                            AlarmState.ACTIVE, true, e.getValue(), now, null, null, null, null, null, 1),
                            AlarmEvent.RAISED, null, e.getValue());
                    station.put(raised.key(), raised);
                    log.warn("station {}: alarm {} {} raised: {}", stationId, raised.id(), describe(raised), e.getValue());
                    notify.add(() -> tell(raised, AlarmEvent.RAISED));
                } else if (!a.conditionActive()) {
                    Alarm recurred = a.recurred(e.getValue());
                    repository.update(recurred, now, null, e.getValue(), AlarmEvent.RECURRED);
                    station.put(recurred.key(), recurred);
                    log.warn("station {}: alarm {} {} recurred: {}", stationId, a.id(), describe(a), e.getValue());
                    notify.add(() -> tell(recurred, AlarmEvent.RECURRED));
                }
            }
            for (Alarm a : List.copyOf(station.values())) {
                if (!kinds.contains(a.kind()) || !a.conditionActive() || present.containsKey(a.key())) {
                    continue;
                }
                Alarm ended = a.returned(now);
                boolean cleared = ended.state() == AlarmState.CLEARED;
                if (cleared) {
                    repository.update(ended, now, null, "condition ended", AlarmEvent.RETURNED, AlarmEvent.CLEARED);
                    station.remove(a.key());
                } else {
                    repository.update(ended, now, null, "condition ended", AlarmEvent.RETURNED);
                    station.put(a.key(), ended);
                }
                log.info("station {}: alarm {} {}: condition ended{}", stationId, a.id(), describe(a),
                        cleared ? "; cleared" : "; latched until acknowledged");
                notify.add(() -> tell(ended, cleared ? AlarmEvent.CLEARED : AlarmEvent.RETURNED));
            }
        }
        notify.forEach(Runnable::run);
    }

    /** A technician has seen the alarm. Acknowledging twice changes nothing. */
    public Optional<Alarm> acknowledge(long alarmId, String by, String note) {
        Alarm result;
        String event;
        synchronized (this) {
            Optional<Alarm> found = repository.find(alarmId);
            if (found.isEmpty()) {
                return Optional.empty();
            }
            Alarm a = open.getOrDefault(found.get().stationId(), Map.of()).getOrDefault(found.get().key(), found.get());
            if (a.id() != alarmId || a.state() != AlarmState.ACTIVE) {
                return found;
            }
            Instant now = clock.instant();
            result = a.acknowledged(now, by, note);
            if (result.state() == AlarmState.CLEARED) {
                repository.update(result, now, by, note, AlarmEvent.ACKNOWLEDGED, AlarmEvent.CLEARED);
                open.get(a.stationId()).remove(a.key());
                event = AlarmEvent.CLEARED;
            } else {
                repository.update(result, now, by, note, AlarmEvent.ACKNOWLEDGED);
                open.get(a.stationId()).put(a.key(), result);
                event = AlarmEvent.ACKNOWLEDGED;
            }
            log.info("station {}: alarm {} {} acknowledged by {}{}", a.stationId(), a.id(), describe(a), by,
                    result.state() == AlarmState.CLEARED ? "; cleared" : "");
        }
        tell(result, event);
        return Optional.of(result);
    }

    /** Alarms not cleared, counted by kind and state (metrics). */
    public synchronized Map<AlarmKind, Map<AlarmState, Integer>> openCounts() {
        Map<AlarmKind, Map<AlarmState, Integer>> out = new EnumMap<>(AlarmKind.class);
        for (AlarmKind k : AlarmKind.values()) {
            Map<AlarmState, Integer> m = new EnumMap<>(AlarmState.class);
            m.put(AlarmState.ACTIVE, 0);
            m.put(AlarmState.ACKNOWLEDGED, 0);
            out.put(k, m);
        }
        for (var station : open.values()) {
            for (Alarm a : station.values()) {
                out.get(a.kind()).merge(a.state(), 1, Integer::sum);
            }
        }
        return out;
    }

    /** Whether an offline condition holds at the station now. */
    public synchronized boolean conditionActive(long stationId, AlarmKey key) {
        Alarm a = open.getOrDefault(stationId, Map.of()).get(key);
        return a != null && a.conditionActive();
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
