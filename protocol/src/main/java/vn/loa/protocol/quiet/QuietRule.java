package vn.loa.protocol.quiet;

import java.time.DayOfWeek;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import vn.loa.protocol.v1.Priority;

/**
 * One rule of quiet hours or time-of-day volume, as the controller stores it and the station applies it.
 *
 * @param id           the controller's id (0 before it is stored)
 * @param name         what people call it, e.g. "Giờ nghỉ đêm"; every refusal names it
 * @param from         local time it starts
 * @param to           local time it ends (exclusive); before {@code from}: it runs past midnight; equal: all day
 * @param days         the days it starts on; empty: every day
 * @param effect       hold items back, or play them quieter
 * @param gainDb       for {@link Effect#ATTENUATE}: how much quieter (≤ 0 dB)
 * @param overrideFrom this priority and above are not affected (EMERGENCY never is, whatever is set)
 * @param zoneIds      the zones it covers; empty: the whole station
 */
public record QuietRule(long id, String name, LocalTime from, LocalTime to, Set<DayOfWeek> days, Effect effect,
        double gainDb, Priority overrideFrom, Set<Long> zoneIds) {
    /** The largest attenuation a rule may ask for. */
    public static final double MIN_GAIN_DB = -40;

    public enum Effect {
        /** Items below the override do not play: the station records them SKIPPED with reason QUIET_HOURS. */
        HOLD_BACK,
        /** Items below the override play {@code gainDb} quieter. */
        ATTENUATE
    }

    public QuietRule {
        days = days.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(days));
        zoneIds = Set.copyOf(zoneIds);
    }

    /**
     * Why a rule cannot be kept: a stable code naming the field it concerns, and an English text for logs. The
     * controller answers each with its own coded refusal (the console renders it); the agent logs the text.
     */
    public enum Problem {
        NAME_REQUIRED("name", "name: required"),
        TIMES_REQUIRED("from, to", "from, to: required, as HH:mm local time"),
        EFFECT_REQUIRED("effect", "effect: HOLD_BACK or ATTENUATE"),
        /** For {@link Effect#ATTENUATE}: the gain must lie from {@link #MIN_GAIN_DB} to 0 dB. */
        GAIN_OUT_OF_RANGE("gainDb", "gainDb: from " + (int) MIN_GAIN_DB + " to 0 dB for ATTENUATE"),
        OVERRIDE_REQUIRED("overrideFrom", "overrideFrom: one of BACKGROUND, RELAY, NORMAL, PRIORITY, EMERGENCY");

        private final String field;
        private final String english;

        Problem(String field, String english) {
            this.field = field;
            this.english = english;
        }

        /** The field (or fields) of the rule it concerns. */
        public String field() {
            return field;
        }

        /** The text for logs. */
        public String english() {
            return english;
        }
    }

    /** Every reason this rule cannot be kept, at once (empty when it is valid). */
    public List<Problem> problems() {
        List<Problem> p = new ArrayList<>();
        if (name == null || name.isBlank()) {
            p.add(Problem.NAME_REQUIRED);
        }
        if (from == null || to == null) {
            p.add(Problem.TIMES_REQUIRED);
        }
        if (effect == null) {
            p.add(Problem.EFFECT_REQUIRED);
        } else if (effect == Effect.ATTENUATE && (gainDb > 0 || gainDb < MIN_GAIN_DB || Double.isNaN(gainDb))) {
            p.add(Problem.GAIN_OUT_OF_RANGE);
        }
        if (overrideFrom == null || overrideFrom == Priority.PRIORITY_UNSPECIFIED || overrideFrom == Priority.UNRECOGNIZED) {
            p.add(Problem.OVERRIDE_REQUIRED);
        }
        return p;
    }

    /** Whether an item of this priority is affected by the rule (when it is active). */
    public boolean affects(Priority priority) {
        return priority != Priority.EMERGENCY && priority.getNumber() < overrideFrom.getNumber();
    }

    /** Whether it covers a zone (a station-wide rule covers all). */
    public boolean covers(long zoneId) {
        return zoneIds.isEmpty() || zoneIds.contains(zoneId);
    }

    /** The wire form, for the plan. */
    public vn.loa.protocol.v1.QuietRule toProto() {
        var b = vn.loa.protocol.v1.QuietRule.newBuilder().setId(id).setName(name)
                .setFromMinute(from.getHour() * 60 + from.getMinute()).setToMinute(to.getHour() * 60 + to.getMinute())
                .setEffect(effect == Effect.HOLD_BACK ? vn.loa.protocol.v1.QuietRule.Effect.HOLD_BACK
                        : vn.loa.protocol.v1.QuietRule.Effect.ATTENUATE)
                .setGainDb(gainDb).setOverrideFrom(overrideFrom).addAllZoneIds(zoneIds);
        days.stream().sorted().forEach(d -> b.addDays(d.getValue()));
        return b.build();
    }

    /** From the wire; {@link IllegalArgumentException} for a rule that cannot be kept. */
    public static QuietRule fromProto(vn.loa.protocol.v1.QuietRule r) {
        if (r.getFromMinute() < 0 || r.getFromMinute() >= 1440 || r.getToMinute() < 0 || r.getToMinute() >= 1440) {
            throw new IllegalArgumentException("quiet rule " + r.getId() + ": minutes out of 0–1439");
        }
        Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int d : r.getDaysList()) {
            days.add(DayOfWeek.of(d));
        }
        QuietRule rule = new QuietRule(r.getId(), r.getName(), LocalTime.of(r.getFromMinute() / 60, r.getFromMinute() % 60),
                LocalTime.of(r.getToMinute() / 60, r.getToMinute() % 60), days,
                r.getEffect() == vn.loa.protocol.v1.QuietRule.Effect.ATTENUATE ? Effect.ATTENUATE : Effect.HOLD_BACK,
                r.getGainDb(), r.getOverrideFrom(), Set.copyOf(r.getZoneIdsList()));
        List<Problem> problems = rule.problems();
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException("quiet rule " + r.getId() + ": "
                    + String.join("; ", problems.stream().map(Problem::english).toList()));
        }
        return rule;
    }
}
