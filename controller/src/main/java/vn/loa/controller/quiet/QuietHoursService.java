package vn.loa.controller.quiet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.plan.PlanExtras;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problem;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.Schedule;
import vn.loa.controller.schedule.ScheduleCheck;
import vn.loa.controller.schedule.ScheduleRepository;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.schedule.rule.ScheduleRule;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.station.Zone;
import vn.loa.protocol.quiet.QuietHours;
import vn.loa.protocol.quiet.QuietRule;
import vn.loa.protocol.v1.PlanSync;
import vn.loa.protocol.v1.Priority;

/**
 * Quiet hours and time-of-day volume: stores the rules, refuses a schedule that would play in quiet hours
 * (naming the rule), lists the schedules a new rule would hold back, and puts each station's rules into
 * its plan. The decisions are {@link QuietHours} and {@link QuietConflicts}; this class only reads and
 * writes. Blocking (database).
 */
public final class QuietHoursService implements ScheduleCheck, PlanExtras {
    private static final Logger log = LoggerFactory.getLogger(QuietHoursService.class);
    /** How far ahead a schedule's plays are checked: a month covers weekly and monthly rules. */
    static final Duration CHECK_AHEAD = Duration.ofDays(35);
    /** How many conflicts a refusal or a new rule lists at most. */
    static final int MAX_CONFLICTS = 20;
    /** An instant in a refusal: ISO, to the second, with Vietnam's offset (the console renders it). */
    private static final DateTimeFormatter SECOND = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ssXXX");

    private final QuietRuleRepository rules;
    private final StationRepository stations;
    private final AreaRepository areas;
    private final ScheduleRepository schedules;
    private final Runnable rulesChanged;
    private final Clock clock;

    public QuietHoursService(QuietRuleRepository rules, StationRepository stations, AreaRepository areas,
            ScheduleRepository schedules, Runnable rulesChanged, Clock clock) {
        this.rules = rules;
        this.stations = stations;
        this.areas = areas;
        this.schedules = schedules;
        this.rulesChanged = rulesChanged;
        this.clock = clock;
    }

    /** A rule stored, and the existing schedules it holds back from now on (their plays, at most 20). */
    public record Created(StationQuietRule rule, List<ScheduleConflict> conflicts) {
    }

    /** A play of an existing schedule that quiet hours hold back. */
    public record ScheduleConflict(long scheduleId, String title, long stationId, String stationName, Instant at,
            String ruleName) {
    }

    public List<StationQuietRule> list() {
        return rules.findActive();
    }

    /**
     * Stores a rule after checking it and lists the schedules it now holds back.
     *
     * @throws vn.loa.controller.rejection.Rejection with every problem at once (400), the rule's own ones first
     */
    public Created create(Long stationId, QuietRule rule, Long accountId) {
        Problems problems = new Problems();
        rule.problems().forEach(p -> problems.add(QuietRuleRefusal.of(p)));
        List<Station> all = stations.findAll();
        Station station = null;
        if (stationId != null) {
            station = all.stream().filter(s -> s.id() == stationId).findFirst().orElse(null);
            if (station == null) {
                problems.add(RejectionCode.DOES_NOT_EXIST, "stationId", ObjectKind.STATION, stationId);
            }
        }
        Set<Long> knownZones = (station != null ? List.of(station) : all).stream()
                .flatMap(s -> s.zones().stream()).map(Zone::id).collect(Collectors.toSet());
        for (long z : rule.zoneIds()) {
            if (!knownZones.contains(z)) {
                if (stationId != null) {
                    problems.add(RejectionCode.NOT_A_ZONE_OF_STATION, "zoneIds", z, stationId);
                } else {
                    problems.add(RejectionCode.DOES_NOT_EXIST, "zoneIds", ObjectKind.ZONE, z);
                }
            }
        }
        problems.throwIfAny();
        StationQuietRule stored = rules.create(stationId, rule, accountId, clock.instant());
        log.info("quiet rule {} '{}' stored for {}", stored.id(), rule.name(),
                stationId == null ? "every station" : "station " + stationId);
        rulesChanged.run();
        return new Created(stored, conflictsOf(stored));
    }

    public boolean delete(long id) {
        boolean deleted = rules.delete(id, clock.instant());
        if (deleted) {
            rulesChanged.run();
        }
        return deleted;
    }

    /**
     * The next allowed slot at a station for an item of this priority on these zones: the first instant at
     * or after {@code from} that quiet hours do not hold it back whole; empty when a rule never ends. The
     * inbox moves an accepted item there (docs/quiet-hours.md).
     */
    public java.util.Optional<Instant> nextAllowed(long stationId, Instant from, Priority priority, Set<Long> zoneIds) {
        List<QuietRule> mine = rules.findActive().stream().filter(r -> r.holdsAt(stationId))
                .map(StationQuietRule::rule).toList();
        return new QuietHours(mine, QuietHours.VIETNAM).nextAllowed(from, priority, zoneIds);
    }

    /**
     * The first instant at or after {@code from} when an item of this priority may sound at every station of
     * an area (a commune and its villages): each station's next allowed slot, taken again from the latest of
     * them until all agree (a few rounds at most); empty when a rule never ends. The inbox's {@code SlotRule}.
     */
    public java.util.Optional<Instant> nextAllowedInArea(long areaId, Instant from, Priority priority) {
        vn.loa.controller.area.AreaTree tree = new vn.loa.controller.area.AreaTree(areas.findAll());
        List<Long> inside = stations.findAll().stream()
                .filter(s -> tree.isWithin(s.areaId(), areaId)).map(Station::id).toList();
        Instant at = from;
        for (int round = 0; round < 16; round++) {
            Instant latest = at;
            for (long station : inside) {
                java.util.Optional<Instant> next = nextAllowed(station, at, priority, Set.of());
                if (next.isEmpty()) {
                    return next;
                }
                if (next.get().isAfter(latest)) {
                    latest = next.get();
                }
            }
            if (latest.equals(at)) {
                return java.util.Optional.of(at);
            }
            at = latest;
        }
        return java.util.Optional.empty(); // the stations' quiet hours never leave a common gap
    }

    /** The quiet hours of every station, from the rules in force. */
    Map<Long, QuietHours> byStation(List<StationQuietRule> active, List<Station> all) {
        Map<Long, QuietHours> out = new HashMap<>();
        for (Station s : all) {
            List<QuietRule> mine = active.stream().filter(r -> r.holdsAt(s.id())).map(StationQuietRule::rule).toList();
            if (!mine.isEmpty()) {
                out.put(s.id(), new QuietHours(mine, QuietHours.VIETNAM));
            }
        }
        return out;
    }

    /** The schedule check: a schedule none of whose plays in the next 35 days quiet hours would hold back. */
    @Override
    public List<Problem> problems(Targets targets, ScheduleRule rule, Priority priority, Instant now) {
        List<StationQuietRule> active = rules.findActive();
        if (active.isEmpty()) {
            return List.of();
        }
        List<Station> all = stations.findAll();
        TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), all);
        List<QuietConflicts.Conflict> conflicts = QuietConflicts.of(occurrences(rule, now), resolver.resolve(targets),
                priority, byStation(active, all), MAX_CONFLICTS);
        if (conflicts.isEmpty()) {
            return List.of();
        }
        Map<Long, String> names = all.stream().collect(Collectors.toMap(Station::id, Station::name));
        QuietConflicts.Conflict first = conflicts.get(0);
        String others = (conflicts.size() - 1) + (conflicts.size() >= MAX_CONFLICTS ? "+" : "");
        return List.of(RejectionCode.QUIET_HOURS_CONFLICT.problem(first.rule().name(), String.valueOf(first.rule().from()),
                String.valueOf(first.rule().to()), names.get(first.stationId()),
                SECOND.format(first.at().atZone(QuietHours.VIETNAM)), others, priority.name()));
    }

    /** The plays of existing schedules the rule holds back from now on. */
    private List<ScheduleConflict> conflictsOf(StationQuietRule stored) {
        List<Station> all = stations.findAll();
        TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), all);
        Map<Long, QuietHours> only = new HashMap<>();
        for (Station s : all) {
            if (stored.holdsAt(s.id())) {
                only.put(s.id(), new QuietHours(List.of(stored.rule()), QuietHours.VIETNAM));
            }
        }
        Map<Long, String> names = all.stream().collect(Collectors.toMap(Station::id, Station::name));
        Instant now = clock.instant();
        List<ScheduleConflict> out = new ArrayList<>();
        for (Schedule s : schedules.findActive()) {
            for (QuietConflicts.Conflict c : QuietConflicts.of(occurrences(s.rule(), now), resolver.resolve(s.targets()),
                    s.priority(), only, MAX_CONFLICTS - out.size())) {
                out.add(new ScheduleConflict(s.id(), s.title(), c.stationId(), names.get(c.stationId()), c.at(),
                        c.rule().name()));
            }
            if (out.size() >= MAX_CONFLICTS) {
                break;
            }
        }
        return out;
    }

    private static List<Instant> occurrences(ScheduleRule rule, Instant now) {
        try {
            return rule.occurrences(now, now.plus(CHECK_AHEAD));
        } catch (RuntimeException e) {
            // more plays in the window than one call produces: the first of them are enough to find a conflict
            return rule.nextRuns(now, 2000);
        }
    }

    /** The plan extras: each station's rules in its plan, the version changed with them. */
    @Override
    public Map<Long, PlanSync> addTo(Map<Long, PlanSync> plans) {
        List<StationQuietRule> active = rules.findActive();
        if (active.isEmpty()) {
            return plans;
        }
        Map<Long, PlanSync> out = new HashMap<>(plans);
        for (var e : plans.entrySet()) {
            List<StationQuietRule> mine = active.stream().filter(r -> r.holdsAt(e.getKey())).toList();
            if (mine.isEmpty()) {
                continue;
            }
            PlanSync.Builder b = e.getValue().toBuilder().setTimeZone(QuietHours.VIETNAM.getId());
            mine.forEach(r -> b.addQuietRules(r.rule().toProto()));
            b.clearVersion();
            b.setVersion(version(e.getValue().getVersion(), b.build()));
            out.put(e.getKey(), b.build());
        }
        return out;
    }

    /** The plan's version with its rules: the first 64 bits of a SHA-256 over the items' version and the rules. */
    private static String version(String itemsVersion, PlanSync withRules) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(itemsVersion.getBytes(StandardCharsets.UTF_8));
            withRules.getQuietRulesList().forEach(r -> sha.update(r.toByteArray()));
            return HexFormat.of().formatHex(sha.digest(), 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JVM", e);
        }
    }
}
