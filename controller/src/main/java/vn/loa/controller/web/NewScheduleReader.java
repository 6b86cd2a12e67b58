package vn.loa.controller.web;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import vn.loa.controller.rejection.Problems;
import vn.loa.controller.rejection.Rejection;
import vn.loa.controller.rejection.RejectionCode;
import vn.loa.controller.schedule.RuleInput;
import vn.loa.controller.schedule.ScheduleService.NewSchedule;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.schedule.rule.InvalidRuleException;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.protocol.v1.PlanItem;

/**
 * Reads the body of {@code POST /api/v1/schedules} into a {@link NewSchedule}: every problem with the fields'
 * shapes goes to the caller's {@link Problems}, in the order the fields are read; the rule's problems travel in
 * the request ({@link RuleInput.Invalid}) so the service reports them in their place.
 */
final class NewScheduleReader {
    private final RuleParser rules;

    NewScheduleReader(RuleParser rules) {
        this.rules = rules;
    }

    NewSchedule read(JsonNode body, Problems errors) {
        Long bulletinId = Json.id(body, "bulletinId", errors);
        String title = body.hasNonNull("title") ? Json.text(body, "title", 300, errors) : null;
        String priority = null;
        if (body.hasNonNull("priority")) {
            priority = body.get("priority").isTextual() ? body.get("priority").asText() : body.get("priority").toString();
        }
        Targets targets = targets(body.get("targets"), errors);
        PlanItem.OnPreempt onPreempt = onPreempt(body, errors);
        HardTime hardTime = hardTime(body.get("hardTime"), errors);
        return new NewSchedule(title, bulletinId, priority, targets, rule(body.get("rule")), onPreempt, hardTime.mode(),
                hardTime.maxWaitSeconds(), hardTime.asked());
    }

    private static Targets targets(JsonNode t, Problems errors) {
        if (t == null || !t.isObject()) {
            errors.add(RejectionCode.REQUIRED, "targets");
            return null;
        }
        return new Targets(Json.ids(t, "stationIds", "targets.stationIds", errors),
                Json.ids(t, "areaIds", "targets.areaIds", errors), Json.ids(t, "zoneIds", "targets.zoneIds", errors));
    }

    private static PlanItem.OnPreempt onPreempt(JsonNode body, Problems errors) {
        if (!body.hasNonNull("onPreempt")) {
            return PlanItem.OnPreempt.RESUME;
        }
        try {
            PlanItem.OnPreempt onPreempt = PlanItem.OnPreempt.valueOf(body.get("onPreempt").asText());
            if (onPreempt != PlanItem.OnPreempt.UNRECOGNIZED) {
                return onPreempt;
            }
        } catch (IllegalArgumentException e) {
            // reported below, as for UNRECOGNIZED
        }
        errors.add(RejectionCode.NOT_ONE_OF, "onPreempt", body.get("onPreempt").asText(), List.of("RESUME", "RESTART", "SKIP"));
        return PlanItem.OnPreempt.RESUME;
    }

    /** The hard-time mode asked for; {@code asked}: WAIT was named (it waits rather than interrupt a lower priority). */
    private record HardTime(PlanItem.HardTime mode, int maxWaitSeconds, boolean asked) {
        static final HardTime DEFAULT = new HardTime(PlanItem.HardTime.WAIT, 0, false);
    }

    private static HardTime hardTime(JsonNode ht, Problems errors) {
        if (ht == null || ht.isNull()) {
            return HardTime.DEFAULT;
        }
        if (!ht.isObject() || !ht.hasNonNull("mode")) {
            errors.add(RejectionCode.REQUIRED, "hardTime.mode");
            return HardTime.DEFAULT;
        }
        PlanItem.HardTime mode = PlanItem.HardTime.WAIT;
        boolean asked = false;
        try {
            mode = PlanItem.HardTime.valueOf(ht.get("mode").asText());
            if (mode == PlanItem.HardTime.UNRECOGNIZED) {
                throw new IllegalArgumentException("not a mode");
            }
            asked = mode == PlanItem.HardTime.WAIT;
        } catch (IllegalArgumentException e) {
            mode = PlanItem.HardTime.WAIT;
            errors.add(RejectionCode.NOT_ONE_OF, "hardTime.mode", ht.get("mode").asText(), List.of("WAIT", "CUT", "NEXT"));
        }
        int maxWaitSeconds = 0;
        if (ht.has("maxWaitSeconds")) {
            JsonNode w = ht.get("maxWaitSeconds");
            if (!w.isIntegralNumber() || w.asInt() < 0 || w.asInt() > 86_400) {
                errors.add(RejectionCode.OUT_OF_RANGE, "hardTime.maxWaitSeconds", 0, 86_400);
            } else {
                maxWaitSeconds = w.asInt();
            }
        }
        return new HardTime(mode, maxWaitSeconds, asked);
    }

    private RuleInput rule(JsonNode rule) {
        if (rule == null || !rule.isObject()) {
            return new RuleInput.Invalid(List.of(RejectionCode.REQUIRED.problem("rule")));
        }
        try {
            return new RuleInput.Parsed(rules.parse(rule));
        } catch (InvalidRuleException e) {
            return new RuleInput.Invalid(e.problems());
        } catch (Rejection e) {
            return new RuleInput.Invalid(e.problems());
        }
    }
}
