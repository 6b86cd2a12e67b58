package vn.loa.controller.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.bulletin.BulletinRepository;
import vn.loa.controller.schedule.rule.InvalidRuleException;
import vn.loa.controller.schedule.rule.RuleParser;
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
    private final ScheduleRepository schedules;
    private final BulletinRepository bulletins;
    private final StationRepository stations;
    private final AreaRepository areas;
    private final Runnable schedulesChanged;
    private final RuleParser rules;
    private final ScheduleCheck check;
    private final Clock clock;

    public ScheduleService(ScheduleRepository schedules, BulletinRepository bulletins, StationRepository stations,
            AreaRepository areas, Runnable schedulesChanged, RuleParser rules, Clock clock) {
        this(schedules, bulletins, stations, areas, schedulesChanged, rules, clock, ScheduleCheck.NONE);
    }

    /** @param check a further check (quiet hours) run once everything else is valid */
    public ScheduleService(ScheduleRepository schedules, BulletinRepository bulletins, StationRepository stations,
            AreaRepository areas, Runnable schedulesChanged, RuleParser rules, Clock clock, ScheduleCheck check) {
        this.check = check;
        this.schedules = schedules;
        this.bulletins = bulletins;
        this.stations = stations;
        this.areas = areas;
        this.schedulesChanged = schedulesChanged;
        this.rules = rules;
        this.clock = clock;
    }

    public record NewSchedule(String title, Long bulletinId, String priority, Targets targets, JsonNode rule,
            PlanItem.OnPreempt onPreempt, PlanItem.HardTime hardTime, int maxWaitSeconds, boolean waitAsked) {
        public NewSchedule(String title, Long bulletinId, String priority, Targets targets, JsonNode rule) {
            this(title, bulletinId, priority, targets, rule, PlanItem.OnPreempt.RESUME, PlanItem.HardTime.WAIT, 0, false);
        }
    }

    /** Thrown with every reason the schedule was refused. */
    public static final class Invalid extends RuntimeException {
        public Invalid(List<String> reasons) {
            super(String.join("; ", reasons));
        }
    }

    public record Created(Schedule schedule, List<Instant> nextRuns) {
    }

    public Created create(NewSchedule s, List<String> earlierErrors, Long accountId) {
        return create(s, earlierErrors, accountId, null);
    }

    /** {@code approvalAreaId} non-null: stored PENDING approval by that area's reviewers (not planned until approved). */
    public Created create(NewSchedule s, List<String> earlierErrors, Long accountId, Long approvalAreaId) {
        List<String> errors = new ArrayList<>(earlierErrors);
        Priority priority = Priority.NORMAL;
        if (s.priority() != null) {
            try {
                priority = Priority.valueOf(s.priority());
            } catch (IllegalArgumentException e) {
                priority = null;
            }
            if (priority == null || priority == Priority.PRIORITY_UNSPECIFIED || priority == Priority.UNRECOGNIZED
                    || priority == Priority.BACKGROUND || priority == Priority.RELAY) {
                errors.add("priority: '" + s.priority() + "' is not one of NORMAL, PRIORITY, EMERGENCY");
            }
        }
        if (s.bulletinId() != null && bulletins.find(s.bulletinId()).isEmpty()) {
            errors.add("bulletinId: bulletin " + s.bulletinId() + " does not exist");
        }
        if (s.targets() != null) {
            TargetResolver resolver = new TargetResolver(new AreaTree(areas.findAll()), stations.findAll());
            errors.addAll(resolver.problems(s.targets()));
        }
        ScheduleRule rule = null;
        Instant now = clock.instant();
        if (s.rule() == null || !s.rule().isObject()) {
            errors.add("rule: required, e.g. {\"type\":\"once\",\"at\":\"2026-12-01T17:00:00+07:00\"}");
        } else {
            try {
                rule = rules.parse(s.rule());
                RuleValidator.requireFiresAfter(rule, now);
            } catch (InvalidRuleException e) {
                errors.add(e.getMessage());
            }
        }
        if (errors.isEmpty()) {
            errors.addAll(check.problems(s.targets(), rule, priority, now));
        }
        if (!errors.isEmpty()) {
            throw new Invalid(errors);
        }
        String title = s.title() != null ? s.title() : bulletins.find(s.bulletinId()).orElseThrow().title();
        long id = schedules.create(title, s.bulletinId(), priority, rules.toJson(rule), s.targets(), accountId,
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
