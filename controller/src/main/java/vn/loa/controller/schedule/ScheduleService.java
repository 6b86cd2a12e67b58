package vn.loa.controller.schedule;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.rejection.ObjectKind;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.rule.RuleValidator;
import vn.loa.controller.schedule.rule.ScheduleRule;
import vn.loa.controller.station.StationRepository;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.Priority;

/**
 * Creates and deletes schedules; every change marks the stations' plans for rebuilding (the planner
 * rebuilds them shortly, not within this request).
 */
public final class ScheduleService {
    private static final List<String> SCHEDULABLE_PRIORITIES = List.of("NORMAL", "PRIORITY", "EMERGENCY");

    private final ScheduleRepository schedules;
    private final BulletinRepository bulletins;
    private final StationRepository stations;
    private final AreaRepository areas;
    private final Runnable schedulesChanged;
    private final ScheduleCheck check;
    private final Clock clock;

    public ScheduleService(ScheduleRepository schedules, BulletinRepository bulletins, StationRepository stations,
            AreaRepository areas, Runnable schedulesChanged, Clock clock) {
        this(schedules, bulletins, stations, areas, schedulesChanged, clock, ScheduleCheck.NONE);
    }

    /** @param check a further check (quiet hours) run once everything else is valid */
    public ScheduleService(ScheduleRepository schedules, BulletinRepository bulletins, StationRepository stations,
            AreaRepository areas, Runnable schedulesChanged, Clock clock, ScheduleCheck check) {
        this.check = check;
        this.schedules = schedules;
        this.bulletins = bulletins;
        this.stations = stations;
        this.areas = areas;
        this.schedulesChanged = schedulesChanged;
        this.clock = clock;
    }

    /** A schedule request, read at the edge; {@code priority} is checked here (it must be a schedulable one). */
    public record NewSchedule(String title, Long bulletinId, String priority, Targets targets, RuleInput rule,
            PlanItem.OnPreempt onPreempt, PlanItem.HardTime hardTime, int maxWaitSeconds, boolean waitAsked) {
        public NewSchedule(String title, Long bulletinId, String priority, Targets targets, ScheduleRule rule) {
            this(title, bulletinId, priority, targets, new RuleInput.Parsed(rule), PlanItem.OnPreempt.RESUME,
                    PlanItem.HardTime.WAIT, 0, false);
        }
    }

    public record Created(Schedule schedule, List<Instant> nextRuns) {
    }

    public Created create(NewSchedule s, Problems earlier, Long accountId) {
        return create(s, earlier, accountId, null);
    }

    /**
     * {@code approvalAreaId} non-null: stored PENDING approval by that area's reviewers (not planned until approved).
     *
     * @param earlier the problems the caller already found in the request (its fields' shapes), reported with ours
     * @throws Rejection with every problem of the schedule (400)
     */
    public Created create(NewSchedule s, Problems earlier, Long accountId, Long approvalAreaId) {
        Problems problems = earlier;
        Priority priority = Priority.NORMAL;
        if (s.priority() != null) {
            try {
                priority = Priority.valueOf(s.priority());
            } catch (IllegalArgumentException e) {
                priority = null;
            }
            if (priority == null || priority == Priority.PRIORITY_UNSPECIFIED || priority == Priority.UNRECOGNIZED
                    || priority == Priority.BACKGROUND || priority == Priority.RELAY) {
                problems.add(RejectionCode.NOT_ONE_OF, "priority", s.priority(), SCHEDULABLE_PRIORITIES);
            }
        }
        if (s.bulletinId() != null && bulletins.find(s.bulletinId()).isEmpty()) {
            problems.add(RejectionCode.DOES_NOT_EXIST, "bulletinId", ObjectKind.BULLETIN, s.bulletinId());
        }
        if (s.targets() != null) {
            TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), stations.findAll());
            resolver.check(s.targets()).forEach(problems::add);
        }
        ScheduleRule rule = null;
        Instant now = clock.instant();
        switch (s.rule()) {
            case RuleInput.Invalid invalid -> invalid.problems().forEach(problems::add);
            case RuleInput.Parsed parsed -> {
                rule = parsed.rule();
                try {
                    RuleValidator.requireFiresAfter(rule, now);
                } catch (Rejection e) {
                    problems.addAll(e);
                }
            }
        }
        if (problems.isEmpty()) {
            check.problems(s.targets(), rule, priority, now).forEach(problems::add);
        }
        problems.throwIfAny();
        String title = s.title() != null ? s.title() : bulletins.find(s.bulletinId()).orElseThrow().title();
        long id = schedules.create(title, s.bulletinId(), priority, rule, s.targets(), accountId,
                s.onPreempt(), s.hardTime(), s.maxWaitSeconds(), s.waitAsked(), approvalAreaId);
        schedulesChanged.run();
        Schedule created = schedules.find(id).orElseThrow();
        return new Created(created, rule.nextRuns(now, 10));
    }

    public boolean delete(long id) {
        boolean deleted = schedules.delete(id);
        if (deleted) {
            schedulesChanged.run();
        }
        return deleted;
    }
}
