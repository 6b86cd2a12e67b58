package vn.loa.controller.health;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.LongPredicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.alarm.AlarmKey;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.alarm.AlarmRules;
import vn.loa.controller.alarm.AlarmService;
import vn.loa.controller.events.EventHub;
import vn.loa.controller.link.PresenceListener;
import vn.loa.controller.link.StationLink;
import vn.loa.controller.link.StationLinks;
import vn.loa.controller.plan.PlanService;
import vn.loa.protocol.v1.Heartbeat;
import vn.loa.protocol.v1.PlanItem;

/**
 * Turns what the gateway sees into health history, alarms and live events: each heartbeat is stored
 * and judged against the alarm rules; a link that goes down raises STATION_OFFLINE at once; a
 * periodic {@link #tick} re-judges (for conditions that need time, like an unsynchronised clock) and
 * catches stations that never came back after a controller restart.
 */
public final class HealthMonitor implements PresenceListener {
    private static final Logger log = LoggerFactory.getLogger(HealthMonitor.class);
    private static final Set<AlarmKind> OFFLINE = EnumSet.of(AlarmKind.STATION_OFFLINE);
    /** After a controller start, stations get this long to dial in again before they count as offline. */
    public static final Duration START_GRACE = Duration.ofSeconds(45);
    /**
     * At most this many stations are found offline by one {@link #tick} (every 5 s), the rest by the next ones:
     * each is a database transaction, and 10,000 stations not yet back 45 s after a restart (still connecting,
     * 64 at a time) raised at once exhausted the connection pool, so that the hellos of the stations connecting
     * then, which wait for the same pool, passed their timeout (docs/performance.md, "Problems found on the way").
     */
    static final int MAX_OFFLINE_RAISES_PER_TICK = 250;

    private final HealthRepository repository;
    private final AlarmService alarms;
    private final AlarmRules rules;
    private final StationLinks links;
    private final PlanService plans;
    private final EventHub events;
    private final Clock clock;
    private final StationLanes lanes;
    private final Instant startedAt;
    private final Map<Long, Heartbeat> lastBeat = new ConcurrentHashMap<>();
    /**
     * Stations whose last heartbeat was judged and judging it again cannot change the answer: the
     * clock was synchronised (nothing depends on time) and the judging succeeded. The rules are pure
     * and their hysteresis reaches a fixed point after one judging, so the periodic re-judging skips them.
     */
    private final Set<Long> settled = ConcurrentHashMap.newKeySet();
    private final Map<Long, Instant> unsynchronisedSince = new ConcurrentHashMap<>();
    private final Map<Long, String> playing = new ConcurrentHashMap<>();
    private final java.util.function.LongFunction<Optional<Set<Long>>> stationZones;
    /** Each connected station's zones, read once when it connects (compared with its hardware file's). */
    private final Map<Long, Optional<Set<Long>>> zonesAtConnect = new ConcurrentHashMap<>();

    public HealthMonitor(HealthRepository repository, AlarmService alarms, AlarmRules rules, StationLinks links,
            PlanService plans, EventHub events, ExecutorService blocking, Clock clock) {
        this(repository, alarms, rules, links, plans, events, blocking, clock, id -> Optional.empty());
    }

    /**
     * @param stationZones a station's zone ids as the controller knows them (read on the station's lane
     *                     when it connects; empty: the station is unknown)
     */
    public HealthMonitor(HealthRepository repository, AlarmService alarms, AlarmRules rules, StationLinks links,
            PlanService plans, EventHub events, ExecutorService blocking, Clock clock,
            java.util.function.LongFunction<Optional<Set<Long>>> stationZones) {
        this.stationZones = stationZones;
        this.repository = repository;
        this.alarms = alarms;
        this.rules = rules;
        this.links = links;
        this.plans = plans;
        this.events = events;
        this.clock = clock;
        this.lanes = new StationLanes(blocking);
        this.startedAt = clock.instant();
    }

    /** On the station's event loop: hands the work to the station's lane. */
    public void heartbeat(StationLink link, Heartbeat hb) {
        long id = link.stationId();
        Instant at = clock.instant();
        lanes.run(id, "recording a heartbeat", () -> {
            if (links.link(id).orElse(null) != link) {
                return; // a late heartbeat of a link already replaced or closed
            }
            repository.add(HealthSample.of(id, at, hb));
            lastBeat.put(id, hb);
            judge(id, hb, at);
            announcePlaying(id, hb.getPlayingItemId(), at);
        });
    }

    @Override
    public void online(StationLink link) {
        long id = link.stationId();
        Instant at = link.connectedAt();
        lanes.run(id, "marking the station online", () -> {
            unsynchronisedSince.remove(id);
            zonesAtConnect.put(id, stationZones.apply(id));
            repository.markSeen(id, at);
            alarms.assess(id, OFFLINE, Map.of());
            events.publish("station", stationEvent(id, true, at));
        });
    }

    @Override
    public void offline(StationLink link, Instant at) {
        long id = link.stationId();
        lanes.run(id, "marking the station offline", () -> {
            lastBeat.remove(id);
            settled.remove(id);
            zonesAtConnect.remove(id);
            unsynchronisedSince.remove(id);
            if (links.isOnline(id)) {
                return; // it came back already
            }
            alarms.assess(id, OFFLINE, Map.of(AlarmKey.of(AlarmKind.STATION_OFFLINE),
                    "link closed at " + at + "; connected since " + link.connectedAt()));
            events.publish("station", stationEvent(id, false, at));
            announcePlaying(id, "", at);
        });
    }

    /** Every few seconds: re-judges connected stations and raises offline for the ones that never came back. */
    public void tick() {
        Instant now = clock.instant();
        for (StationLink s : links.links()) {
            Heartbeat hb = lastBeat.get(s.stationId());
            if (hb != null && !settled.contains(s.stationId())) {
                lanes.run(s.stationId(), "re-judging health", () -> judge(s.stationId(), hb, now));
            }
        }
        if (Duration.between(startedAt, now).compareTo(START_GRACE) < 0) {
            return;
        }
        for (long id : offlineToRaise(repository.firstSeen().keySet(), links::isOnline,
                s -> alarms.conditionActive(s, AlarmKey.of(AlarmKind.STATION_OFFLINE)), MAX_OFFLINE_RAISES_PER_TICK)) {
            lanes.run(id, "raising offline", () -> {
                if (!links.isOnline(id)) {
                    alarms.assess(id, OFFLINE, Map.of(AlarmKey.of(AlarmKind.STATION_OFFLINE),
                            "not connected since the controller started at " + startedAt));
                }
            });
        }
    }

    /**
     * The known stations to raise STATION_OFFLINE for now: not online and not already raised, at most {@code max}
     * of them, in the order they are known (those raised leave the next tick's choice).
     */
    static List<Long> offlineToRaise(Iterable<Long> known, LongPredicate online, LongPredicate raised, int max) {
        List<Long> out = new ArrayList<>();
        for (long id : known) {
            if (out.size() >= max) {
                break;
            }
            if (!online.test(id) && !raised.test(id)) {
                out.add(id);
            }
        }
        return out;
    }

    private void judge(long id, Heartbeat hb, Instant now) {
        settled.remove(id);
        boolean pastGrace = false;
        if (hb.getClockSynchronised()) {
            unsynchronisedSince.remove(id);
        } else {
            Instant since = unsynchronisedSince.computeIfAbsent(id, k -> now);
            pastGrace = Duration.between(since, now).compareTo(rules.thresholds().clockGrace()) >= 0;
        }
        alarms.assess(id, AlarmRules.HEARTBEAT_KINDS, rules.conditions(hb, alarms.activeConditions(id), pastGrace,
                zonesAtConnect.getOrDefault(id, Optional.empty())));
        if (hb.getClockSynchronised()) {
            settled.add(id);
        }
    }

    private void announcePlaying(long id, String itemId, Instant at) {
        String before = playing.put(id, itemId);
        if (itemId.equals(before == null ? "" : before)) {
            return;
        }
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("stationId", id);
        e.put("itemId", itemId.isEmpty() ? null : itemId);
        e.put("title", itemId.isEmpty() ? null : plans.planOf(id).getItemsList().stream()
                .filter(i -> i.getItemId().equals(itemId)).map(PlanItem::getTitle).findFirst().orElse(null));
        e.put("at", at.toString());
        events.publish("playing", e);
        if (!itemId.isEmpty()) {
            log.debug("station {} plays {}", id, itemId);
        }
    }

    private static Map<String, Object> stationEvent(long id, boolean online, Instant at) {
        Map<String, Object> e = new LinkedHashMap<>();
        e.put("stationId", id);
        e.put("online", online);
        e.put("at", at.toString());
        return e;
    }
}
