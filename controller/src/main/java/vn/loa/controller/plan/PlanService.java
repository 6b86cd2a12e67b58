package vn.loa.controller.plan;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
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
import vn.loa.protocol.v1.PlanSync;

/**
 * Keeps every station's plan for the horizon: rebuilt when schedules or stations change and every
 * few minutes as time moves on; each changed plan goes to its station at once if it is connected.
 * The window starts at the top of the previous hour so a plan's version changes at most hourly
 * when nothing else changes.
 */
public final class PlanService implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PlanService.class);
    public static final Duration HORIZON = Duration.ofDays(8);
    private static final long REBUILD_EVERY_MINUTES = 5;

    private final AreaRepository areas;
    private final StationRepository stations;
    private final BulletinRepository bulletins;
    private final ScheduleRepository schedules;
    private final Clock clock;
    private final Map<Long, PlanSync> plans = new ConcurrentHashMap<>();
    private final ScheduledExecutorService timer;
    private volatile PlanSink sink = (id, plan) -> { };

    public PlanService(AreaRepository areas, StationRepository stations, BulletinRepository bulletins,
            ScheduleRepository schedules, Clock clock) {
        this.areas = areas;
        this.stations = stations;
        this.bulletins = bulletins;
        this.schedules = schedules;
        this.clock = clock;
        this.timer = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().name("planner").daemon(true).factory());
    }

    public void setSink(PlanSink sink) {
        this.sink = sink;
    }

    public void start() {
        rebuild();
        timer.scheduleWithFixedDelay(this::rebuildQuietly, REBUILD_EVERY_MINUTES, REBUILD_EVERY_MINUTES, TimeUnit.MINUTES);
    }

    /** The current plan of a station (empty when it has nothing to play). */
    public PlanSync planOf(long stationId) {
        PlanSync plan = plans.get(stationId);
        return plan != null ? plan : PlanSync.getDefaultInstance();
    }

    /** Rebuilds every plan now and delivers the ones that changed. */
    public synchronized void rebuild() {
        Instant now = clock.instant();
        Instant from = now.truncatedTo(ChronoUnit.HOURS).minus(Duration.ofHours(1));
        Instant until = now.truncatedTo(ChronoUnit.HOURS).plus(Duration.ofHours(1)).plus(HORIZON);
        List<Station> stationList = stations.findAll();
        TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), stationList);
        Map<Long, Bulletin> bulletinMap = bulletins.findAll().stream()
                .collect(Collectors.toMap(Bulletin::id, Function.identity()));
        Map<Long, PlanSync> built = PlanBuilder.build(schedules.findAirable(), bulletinMap, resolver,
                stationList.stream().map(Station::id).toList(), from, until, now);
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
    }

    /**
     * Builds the plan of one station that was just registered (or whose zones changed) and delivers it
     * when it changed; the other stations' plans cannot have changed. Registering N stations one by one
     * stays O(N) in total, where a full rebuild each time would be O(N²).
     */
    public synchronized void rebuildStation(long stationId) {
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
        PlanSync plan = PlanBuilder.build(schedules.findAirable(), bulletinMap, resolver, List.of(stationId), from,
                until, now).get(stationId);
        PlanSync old = plans.put(stationId, plan);
        if (old == null || !old.getVersion().equals(plan.getVersion())) {
            sink.deliver(stationId, plan);
        }
    }

    private void rebuildQuietly() {
        try {
            rebuild();
        } catch (RuntimeException e) {
            log.error("plan rebuild failed: {}", e.toString(), e);
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
