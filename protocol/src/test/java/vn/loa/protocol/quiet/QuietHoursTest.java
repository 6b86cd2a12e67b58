package vn.loa.protocol.quiet;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vn.loa.protocol.v1.Priority;

/** Which rule applies when, table by table, in Vietnam's local time (UTC+7). */
class QuietHoursTest {
    static final QuietRule NIGHT = rule(1, "Giờ nghỉ đêm", "21:30", "05:30", Set.of(), QuietRule.Effect.HOLD_BACK, 0,
            Priority.PRIORITY, Set.of());
    static final QuietRule EARLY = rule(2, "Sáng sớm nhỏ tiếng", "05:30", "06:00", Set.of(), QuietRule.Effect.ATTENUATE, -6,
            Priority.EMERGENCY, Set.of());
    /** A school zone (zone 7) quieter in class hours, Monday to Friday. */
    static final QuietRule SCHOOL = rule(3, "Giờ học trường THCS", "07:00", "11:00",
            Set.of(DayOfWeek.MONDAY, DayOfWeek.TUESDAY, DayOfWeek.WEDNESDAY, DayOfWeek.THURSDAY, DayOfWeek.FRIDAY),
            QuietRule.Effect.ATTENUATE, -10, Priority.PRIORITY, Set.of(7L));
    /** Zone 7 silent at lunch on school days. */
    static final QuietRule SCHOOL_NAP = rule(4, "Nghỉ trưa bán trú", "11:30", "13:30", Set.of(DayOfWeek.MONDAY),
            QuietRule.Effect.HOLD_BACK, 0, Priority.EMERGENCY, Set.of(7L));
    static final QuietHours HOURS = new QuietHours(List.of(NIGHT, EARLY, SCHOOL, SCHOOL_NAP), QuietHours.VIETNAM);

    static QuietRule rule(long id, String name, String from, String to, Set<DayOfWeek> days, QuietRule.Effect effect,
            double gain, Priority override, Set<Long> zones) {
        return new QuietRule(id, name, LocalTime.parse(from), LocalTime.parse(to), days, effect, gain, override, zones);
    }

    /** Local time in Vietnam (2026-12-07 is a Monday). */
    static Instant vn(String local) {
        return LocalDateTime.parse(local).atZone(QuietHours.VIETNAM).toInstant();
    }

    static Stream<Arguments> decisions() {
        return Stream.of(
                // local time, priority, item zones, held back by, gain dB, zones that sound
                Arguments.of("2026-12-07T21:29:59", Priority.NORMAL, Set.of(1L), null, 0.0, Set.of(1L)),
                Arguments.of("2026-12-07T21:30:00", Priority.NORMAL, Set.of(1L), "Giờ nghỉ đêm", 0.0, Set.of()),
                Arguments.of("2026-12-07T23:59:00", Priority.NORMAL, Set.of(1L, 7L), "Giờ nghỉ đêm", 0.0, Set.of()),
                Arguments.of("2026-12-08T00:00:00", Priority.NORMAL, Set.of(1L), "Giờ nghỉ đêm", 0.0, Set.of()),
                Arguments.of("2026-12-08T04:30:00", Priority.NORMAL, Set.of(), "Giờ nghỉ đêm", 0.0, Set.of()),
                Arguments.of("2026-12-08T04:30:00", Priority.BACKGROUND, Set.of(1L), "Giờ nghỉ đêm", 0.0, Set.of()),
                Arguments.of("2026-12-08T04:30:00", Priority.RELAY, Set.of(1L), "Giờ nghỉ đêm", 0.0, Set.of()),
                // priority and emergency override the night rule as configured
                Arguments.of("2026-12-08T04:30:00", Priority.PRIORITY, Set.of(1L), null, 0.0, Set.of(1L)),
                Arguments.of("2026-12-08T04:30:00", Priority.EMERGENCY, Set.of(1L), null, 0.0, Set.of(1L)),
                // the end is exclusive; then −6 dB until 06:00 for all but emergencies
                Arguments.of("2026-12-08T05:29:59", Priority.NORMAL, Set.of(1L), "Giờ nghỉ đêm", 0.0, Set.of()),
                Arguments.of("2026-12-08T05:30:00", Priority.NORMAL, Set.of(1L), null, -6.0, Set.of(1L)),
                Arguments.of("2026-12-08T05:45:00", Priority.PRIORITY, Set.of(1L), null, -6.0, Set.of(1L)),
                Arguments.of("2026-12-08T05:45:00", Priority.EMERGENCY, Set.of(1L), null, 0.0, Set.of(1L)),
                Arguments.of("2026-12-08T06:00:00", Priority.NORMAL, Set.of(1L), null, 0.0, Set.of(1L)),
                // the school zone: −10 dB in class hours on weekdays, only when zone 7 sounds; quietest wins
                Arguments.of("2026-12-08T08:00:00", Priority.NORMAL, Set.of(1L), null, 0.0, Set.of(1L)),
                Arguments.of("2026-12-08T08:00:00", Priority.NORMAL, Set.of(1L, 7L), null, -10.0, Set.of(1L, 7L)),
                Arguments.of("2026-12-08T08:00:00", Priority.NORMAL, Set.of(), null, -10.0, Set.of()),
                Arguments.of("2026-12-08T08:00:00", Priority.PRIORITY, Set.of(7L), null, 0.0, Set.of(7L)),
                Arguments.of("2026-12-12T08:00:00", Priority.NORMAL, Set.of(7L), null, 0.0, Set.of(7L)), // Saturday
                // lunch in the school zone, Mondays: zone 7 drops out; alone, the item is held back
                Arguments.of("2026-12-07T12:00:00", Priority.NORMAL, Set.of(1L, 7L), null, 0.0, Set.of(1L)),
                Arguments.of("2026-12-07T12:00:00", Priority.PRIORITY, Set.of(7L), "Nghỉ trưa bán trú", 0.0, Set.of()),
                Arguments.of("2026-12-07T12:00:00", Priority.NORMAL, Set.of(), "Nghỉ trưa bán trú", 0.0, Set.of()),
                Arguments.of("2026-12-08T12:00:00", Priority.NORMAL, Set.of(7L), null, 0.0, Set.of(7L)), // Tuesday
                Arguments.of("2026-12-07T12:00:00", Priority.EMERGENCY, Set.of(7L), null, 0.0, Set.of(7L)));
    }

    @ParameterizedTest(name = "{0} {1} zones {2} → held by {3}, {4} dB")
    @MethodSource("decisions")
    void whichRuleApplies(String local, Priority priority, Set<Long> zones, String heldBy, double gain, Set<Long> sounding) {
        QuietDecision d = HOURS.decide(vn(local), priority, zones);
        assertThat(d.heldBackBy().map(QuietRule::name)).isEqualTo(Optional.ofNullable(heldBy));
        assertThat(d.gainDb()).isEqualTo(gain);
        assertThat(d.zones()).isEqualTo(sounding);
    }

    static Stream<Arguments> overnightOnChosenDays() {
        // Saturday nights only (starts Saturday 22:00, ends Sunday 06:00)
        return Stream.of(
                Arguments.of("2026-12-12T21:59:00", false), Arguments.of("2026-12-12T22:00:00", true),
                Arguments.of("2026-12-13T05:59:00", true), Arguments.of("2026-12-13T06:00:00", false),
                Arguments.of("2026-12-13T22:30:00", false), Arguments.of("2026-12-14T03:00:00", false),
                Arguments.of("2026-12-11T23:00:00", false), Arguments.of("2026-12-12T03:00:00", false));
    }

    @ParameterizedTest(name = "{0} → {1}")
    @MethodSource("overnightOnChosenDays")
    void anOvernightRangeBelongsToTheDayItStarts(String local, boolean active) {
        QuietRule saturdayNight = rule(9, "Đêm thứ Bảy", "22:00", "06:00", Set.of(DayOfWeek.SATURDAY),
                QuietRule.Effect.HOLD_BACK, 0, Priority.PRIORITY, Set.of());
        assertThat(new QuietHours(List.of(saturdayNight), QuietHours.VIETNAM).active(saturdayNight, vn(local))).isEqualTo(active);
    }

    static Stream<Arguments> nextAllowedSlots() {
        return Stream.of(
                // from, priority, zones, next allowed
                Arguments.of("2026-12-07T20:00:00", Priority.NORMAL, Set.of(1L), "2026-12-07T20:00:00"),
                Arguments.of("2026-12-07T22:15:00", Priority.NORMAL, Set.of(1L), "2026-12-08T05:30:00"),
                Arguments.of("2026-12-08T04:30:00", Priority.NORMAL, Set.of(1L), "2026-12-08T05:30:00"),
                Arguments.of("2026-12-08T04:30:00", Priority.PRIORITY, Set.of(1L), "2026-12-08T04:30:00"),
                Arguments.of("2026-12-07T12:00:00", Priority.NORMAL, Set.of(7L), "2026-12-07T13:30:00"),
                Arguments.of("2026-12-07T12:00:00", Priority.NORMAL, Set.of(1L, 7L), "2026-12-07T12:00:00"));
    }

    @ParameterizedTest(name = "{0} {1} {2} → {3}")
    @MethodSource("nextAllowedSlots")
    void theNextAllowedSlot(String from, Priority priority, Set<Long> zones, String expected) {
        assertThat(HOURS.nextAllowed(vn(from), priority, zones)).contains(vn(expected));
    }

    @Test
    void aRuleThatNeverEndsLeavesNoSlot() {
        QuietRule always = rule(5, "Tạm ngừng phát", "00:00", "00:00", Set.of(), QuietRule.Effect.HOLD_BACK, 0,
                Priority.EMERGENCY, Set.of());
        assertThat(new QuietHours(List.of(always), QuietHours.VIETNAM)
                .nextAllowed(vn("2026-12-07T10:00:00"), Priority.NORMAL, Set.of(1L))).isEmpty();
    }

    @Test
    void theRulesTravelInThePlanUnchanged() {
        for (QuietRule r : HOURS.rules()) {
            assertThat(QuietRule.fromProto(r.toProto())).isEqualTo(r);
        }
    }

    @Test
    void everyProblemOfARuleAtOnce() {
        QuietRule bad = new QuietRule(0, " ", null, LocalTime.NOON, Set.of(), QuietRule.Effect.ATTENUATE, 3,
                Priority.PRIORITY_UNSPECIFIED, Set.of());
        assertThat(bad.problems()).containsExactly(QuietRule.Problem.NAME_REQUIRED, QuietRule.Problem.TIMES_REQUIRED,
                QuietRule.Problem.GAIN_OUT_OF_RANGE, QuietRule.Problem.OVERRIDE_REQUIRED);
        assertThat(new QuietRule(0, "Đêm", LocalTime.MIDNIGHT, LocalTime.NOON, Set.of(), null, 0, Priority.PRIORITY,
                Set.of()).problems()).containsExactly(QuietRule.Problem.EFFECT_REQUIRED);
        assertThat(EARLY.problems()).isEmpty();
        // the text for logs names the field and what it must hold
        assertThat(QuietRule.Problem.GAIN_OUT_OF_RANGE.english()).isEqualTo("gainDb: from -40 to 0 dB for ATTENUATE");
        assertThat(QuietRule.Problem.values()).allSatisfy(p -> assertThat(p.english()).startsWith(p.field() + ": "));
    }

    @Test
    void gainFactorIsTheDecibelsAsAnAmplitude() {
        assertThat(HOURS.decide(vn("2026-12-08T05:45:00"), Priority.NORMAL, Set.of(1L)).gainFactor())
                .isCloseTo(0.501, org.assertj.core.data.Offset.offset(0.001));
    }
}
