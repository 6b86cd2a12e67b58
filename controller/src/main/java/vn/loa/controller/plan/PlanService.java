package vn.loa.controller.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.Bulletin;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.storage.UninterruptedStop;
import vn.loa.protocol.v1.PlanSync;

/**
 * Keeps every station's plan for the horizon. A change (a schedule created, approved or deleted; a
 * station registered) only marks plans dirty ({@link #markAllDirty}, {@link #markDirty}); the planner
 * thread rebuilds them promptly — {@link #COALESCE_MS} after the first mark, so a burst of changes makes
 * one rebuild — and every few minutes as time moves on. Each changed plan goes to its station at once if
 * it is connected. The window starts at the top of the previous hour so a plan's version changes at
 * most hourly when nothing else changes.
 */
public final class PlanService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlanService.class);
    public static final Duration HORIZON = Duration.ofDays(8);
    private static final long REBUILD_EVERY_MINUTES = 5;
    /** From the first change marked to the rebuild: the changes of one request (or a burst) make one rebuild. */
    static final long COALESCE_MS = 50;

    private final AreaRepository areas;
    private final StationRepository stations;
    private final BulletinRepository bulletins;
    private final ScheduleRepository schedules;
    private final Clock clock;
    private final Map<Long, PlanSync> plans = new ConcurrentHashMap<>();
    /** The planner's thread, made at each {@link #start} (a node may lead, stand by and lead again). */
    private volatile ScheduledExecutorService planner;
    /** Rebuilds run one at a time (the planner, and {@link #rebuild} called directly); JDBC runs under it. */
    private final ReentrantLock building = new ReentrantLock();
    private final AtomicBoolean allDirty = new AtomicBoolean();
    private final Set<Long> dirtyStations = ConcurrentHashMap.newKeySet();
    /** A rebuild of what is dirty is scheduled on the planner and has not started yet. */
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile PlanSink sink = (id, plan) -> { };
    private volatile PlanExtras extras = PlanExtras.NONE;
    /** Started by this node's leadership: before that, marks are kept and the first rebuild covers them. */
    private volatile boolean started;
    /** Where marks go while this node is not the leader: to the leader's planner, through the database. */
    private volatile Runnable standbyAllDirty = () -> { };
    private volatile java.util.function.LongConsumer standbyStationDirty = id -> { };

    public PlanService(AreaRepository areas, StationRepository stations, BulletinRepository bulletins,
            ScheduleRepository schedules, Clock clock) {
        this.areas = areas;
        this.stations = stations;
        this.bulletins = bulletins;
        this.schedules = schedules;
        this.clock = clock;
    }

    public void setSink(PlanSink sink) {
        this.sink = sink;
    }

    /** What is added to every plan built (quiet hours); set once at start, before the first rebuild. */
    public void setExtras(PlanExtras extras) {
        this.extras = extras;
    }

    /** This node leads: every plan is built now (covering what was marked before), then every 5 minutes. */
    public void start() {
        ScheduledExecutorService thread = Executors.newSingleThreadScheduledExecutor(
                Thread.ofPlatform().name("planner").daemon(true).factory());
        allDirty.set(false);
        dirtyStations.clear();
        pending.set(false);
        planner = thread;
        started = true;
        rebuild();
        thread.scheduleWithFixedDelay(this::rebuildQuietly, REBUILD_EVERY_MINUTES, REBUILD_EVERY_MINUTES,
                TimeUnit.MINUTES);
    }

    /** The current plan of a station (empty when it has nothing to play). */
    public PlanSync planOf(long stationId) {
        PlanSync plan = plans.get(stationId);
        return plan != null ? plan : PlanSync.getDefaultInstance();
    }

    /**
     * On a standby node (the planner not started), marks are handed to these instead (they write a row for
     * the leader, docs/architecture.md#leadership).
     */
    public void whileStandby(Runnable allDirty, java.util.function.LongConsumer stationDirty) {
        this.standbyAllDirty = allDirty;
        this.standbyStationDirty = stationDirty;
    }

    /** Schedules (or areas, or bulletins) changed: every plan is rebuilt shortly. Never blocks. */
    public void markAllDirty() {
        if (!started) {
            standbyAllDirty.run();
            return;
        }
        allDirty.set(true);
        signal();
    }

    /** A station was registered (or its zones changed): its plan is built shortly. Never blocks. */
    public void markDirty(long stationId) {
        if (!started) {
            standbyStationDirty.accept(stationId);
            return;
        }
        dirtyStations.add(stationId);
        signal();
    }

    private void signal() {
        ScheduledExecutorService thread = planner;
        if (thread != null && pending.compareAndSet(false, true)) {
            try {
                thread.schedule(this::rebuildDirty, COALESCE_MS, TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException e) {
                log.debug("plan change after the planner stopped (stepping down or stopping): not rebuilt");
            }
        }
    }

    /** On the planner: what was marked dirty since the last pass, all of it or station by station. */
    private void rebuildDirty() {
        pending.set(false); // marks from now on schedule another pass
        try {
            if (allDirty.getAndSet(false)) {
                dirtyStations.clear();
                rebuild();
                return;
            }
            List<Long> ids = new ArrayList<>(dirtyStations);
            dirtyStations.removeAll(ids);
            for (long id : ids) {
                rebuildStation(id);
            }
        } catch (RuntimeException e) {
            log.error("plan rebuild after a change failed: {}; the next periodic rebuild tries again", e.toString(), e);
        }
    }

    /** Rebuilds every plan now and delivers the ones that changed. Blocking (database). */
    public void rebuild() {
        building.lock();
        try {
            Instant now = clock.instant();
            Instant from = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
            Instant until = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).plus(HORIZON);
            List<Station> stationList = stations.findAll();
            TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), stationList);
            Map<Long, Bulletin> bulletinMap = bulletins.findAll().stream()
                    .collect(Collectors.toMap(Bulletin::id, Function.identity()));
            Map<Long, PlanSync> built = extras.addTo(PlanBuilder.build(schedules.findAirable(), bulletinMap, resolver,
                    stationList.stream().map(Station::id).toList(), from, until, now));
            int changed = 0;
            for (var e : built.entrySet()) {
                PlanSync old = plans.put(e.getKey(), e.getValue());
                if (old == null || !old.getVersion().equals(e.getValue().getVersion())) {
                    changed++;
                    sink.deliver(e.getKey(), e.getValue());
                }
            }
            plans.keySet().retainAll(built.keySet());
            log.debug("plans rebuilt: {} stations, {} changed", built.size(), changed);
        } finally {
            building.unlock();
        }
    }

    /**
     * Builds the plan of one station that was just registered (or whose zones changed) and delivers it
     * when it changed; the other stations' plans cannot have changed. Registering N stations one by one
     * stays O(N) in total, where a full rebuild each time would be O(N²). Blocking (database).
     */
    public void rebuildStation(long stationId) {
        building.lock();
        try {
            Station station = stations.find(stationId).orElse(null);
            if (station == null) {
                plans.remove(stationId);
                return;
            }
            Instant now = clock.instant();
            Instant from = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
            Instant until = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).plus(HORIZON);
            TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), List.of(station));
            Map<Long, Bulletin> bulletinMap = bulletins.findAll().stream()
                    .collect(Collectors.toMap(Bulletin::id, Function.identity()));
            PlanSync plan = extras.addTo(PlanBuilder.build(schedules.findAirable(), bulletinMap, resolver,
                    List.of(stationId), from, until, now)).get(stationId);
            PlanSync old = plans.put(stationId, plan);
            if (old == null || !old.getVersion().equals(plan.getVersion())) {
                sink.deliver(stationId, plan);
            }
        } finally {
            building.unlock();
        }
    }

    private void rebuildQuietly() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            log.error("plan rebuild failed: {}", e.toString(), e);
        }
    }

    /**
     * This node stops leading (or the controller stops): the planner ends; marks go to the leader from now on
     * ({@link #whileStandby}), and the plans built are forgotten (the next leader builds its own). {@link #start}
     * may follow.
     */
    @Override
    public void close() {
        started = false;
        ScheduledExecutorService thread = planner;
        planner = null;
        if (thread == null) {
            return;
        }
        if (!UninterruptedStop.stop(thread, Duration.ofSeconds(10))) {
            log.warn("the planner did not stop within 10 s");
        }
        plans.clear();
    }
}
