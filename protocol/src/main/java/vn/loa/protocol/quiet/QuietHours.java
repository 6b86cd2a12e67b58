package vn.loa.protocol.quiet;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vn.loa.protocol.v1.Priority;

/**
 * The quiet hours and time-of-day volume of one station: which rule applies at an instant to an item of a
 * priority on some zones, and the next instant an item may play. Pure (rules, a time zone, an instant in);
 * the controller uses it to refuse schedules and to move inbox items, the agent to hold items back and set
 * their gain offline. Local time is the rules' time zone (Asia/Ho_Chi_Minh), so there is no daylight
 * saving to think about, though the arithmetic would survive one.
 */
public final class QuietHours {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** How far {@link #nextAllowed} looks: a week of rules repeats, so eight days settle every case. */
    static final int LOOK_AHEAD_DAYS = 8;

    private final List<QuietRule> rules;
    private final ZoneId zone;

    public QuietHours(List<QuietRule> rules, ZoneId zone) {
        this.rules = List.copyOf(rules);
        this.zone = zone;
    }

    public static QuietHours none() {
        return new QuietHours(List.of(), VIETNAM);
    }

    public List<QuietRule> rules() {
        return rules;
    }

    public ZoneId zone() {
        return zone;
    }

    /** Whether the rule is in force at that instant (its days are the days a range starts on). */
    public boolean active(QuietRule rule, Instant at) {
        LocalDateTime local = LocalDateTime.ofInstant(at, zone);
        LocalTime t = local.toLocalTime();
        DayOfWeek today = local.getDayOfWeek();
        if (rule.from().equals(rule.to())) {
            return startsOn(rule, today);
        }
        if (rule.from().isBefore(rule.to())) {
            return startsOn(rule, today) && !t.isBefore(rule.from()) && t.isBefore(rule.to());
        }
        // past midnight: from "from" to midnight on a start day, and from midnight to "to" the day after one
        return !t.isBefore(rule.from()) && startsOn(rule, today) || t.isBefore(rule.to()) && startsOn(rule, today.minus(1));
    }

    private static boolean startsOn(QuietRule rule, DayOfWeek day) {
        return rule.days().isEmpty() || rule.days().contains(day);
    }

    /**
     * What quiet hours make of an item of this priority on these zones at that instant. A zone covered by an
     * active HOLD_BACK rule stays silent; when no zone is left (or a station-wide rule holds) the item is
     * held back by the first such rule (in the order given). The gain is the quietest active ATTENUATE rule
     * over the zones that sound: one amplifier feeds every zone, so the quietest zone sets it.
     *
     * @param zoneIds the item's zones; empty means the whole station
     */
    public QuietDecision decide(Instant at, Priority priority, Set<Long> zoneIds) {
        Set<Long> sounding = new LinkedHashSet<>(zoneIds);
        Optional<QuietRule> heldBy = Optional.empty();
        for (QuietRule r : rules) {
            if (r.effect() != QuietRule.Effect.HOLD_BACK || !r.affects(priority) || !active(r, at)) {
                continue;
            }
            if (r.zoneIds().isEmpty() || zoneIds.isEmpty()) {
                // a station-wide rule, or an item for the whole station under a zone rule: the item waits
                heldBy = Optional.of(r);
                break;
            }
            sounding.removeIf(r::covers);
            if (sounding.isEmpty()) {
                heldBy = Optional.of(r);
                break;
            }
        }
        if (heldBy.isPresent()) {
            return new QuietDecision(Set.of(), heldBy, 0, Optional.empty());
        }
        Optional<QuietRule> gainBy = rules.stream()
                .filter(r -> r.effect() == QuietRule.Effect.ATTENUATE && r.affects(priority) && active(r, at))
                .filter(r -> r.zoneIds().isEmpty() || zoneIds.isEmpty() || sounding.stream().anyMatch(r::covers))
                .min(Comparator.comparingDouble(QuietRule::gainDb));
        return new QuietDecision(sounding, Optional.empty(), gainBy.map(QuietRule::gainDb).orElse(0.0), gainBy);
    }

    /**
     * The first instant at or after {@code from} when an item of this priority on these zones is not held
     * back whole ("the next allowed slot": the inbox moves an accepted item there), or empty when rules
     * hold it back for the next {@value #LOOK_AHEAD_DAYS} days (a rule that never ends).
     */
    public Optional<Instant> nextAllowed(Instant from, Priority priority, Set<Long> zoneIds) {
        if (!decide(from, priority, zoneIds).heldBack()) {
            return Optional.of(from);
        }
        for (Instant candidate : ends(from)) {
            if (!decide(candidate, priority, zoneIds).heldBack()) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /** Every instant after {@code from}, within the look-ahead, at which a rule ends (in order). */
    private List<Instant> ends(Instant from) {
        TreeSet<Instant> ends = new TreeSet<>();
        LocalDate first = LocalDateTime.ofInstant(from, zone).toLocalDate().minusDays(1);
        for (int d = 0; d <= LOOK_AHEAD_DAYS; d++) {
            LocalDate day = first.plusDays(d);
            for (QuietRule r : rules) {
                LocalDate endDay = r.from().equals(r.to()) || r.to().isBefore(r.from()) ? day.plusDays(1) : day;
                Instant end = ZonedDateTime.of(endDay, r.to(), zone).toInstant();
                if (end.isAfter(from)) {
                    ends.add(end);
                }
            }
        }
        return new ArrayList<>(ends);
    }
}
