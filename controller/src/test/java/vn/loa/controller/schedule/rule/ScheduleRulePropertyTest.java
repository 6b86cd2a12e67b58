package vn.loa.controller.schedule.rule;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Property-style checks over rules drawn from a seeded Random (reproducible, bounded). */
class ScheduleRulePropertyTest {

    private static final int RULES = 400;
    private static final int PROBES_PER_RULE = 5;
    /** Rules start by 2029 and end within 500 days or are open-ended: all fire before this if at all. */
    private static final Instant HORIZON = Instant.parse("2032-01-01T00:00:00Z");
    private static final List<ZoneId> ZONES = List.of(ZoneId.of("Asia/Ho_Chi_Minh"), ZoneId.of("Europe/Berlin"),
            ZoneId.of("America/New_York"), ZoneId.of("Australia/Lord_Howe"));

    @Test
    void firstAfterAndNextRunsAgreeWithOccurrences() {
        Random random = new Random(20261201L);
        for (int n = 0; n < RULES; n++) {
            ScheduleRule rule = randomRule(random);
            for (int p = 0; p < PROBES_PER_RULE; p++) {
                Instant probe = Instant.parse("2025-10-01T00:00:00Z")
                        .plus(Duration.ofMinutes(random.nextLong(5L * 366 * 24 * 60)));
                List<Instant> window = rule.occurrences(probe, HORIZON);

                assertThat(window).as("%s from %s", rule, probe).isSorted().doesNotHaveDuplicates();
                Optional<Instant> firstAfter = rule.firstAfter(probe.minusNanos(1));
                assertThat(firstAfter).as("firstAfter of %s at %s", rule, probe)
                        .isEqualTo(window.stream().findFirst());
                assertThat(rule.nextRuns(probe.minusNanos(1), 7)).as("nextRuns of %s at %s", rule, probe)
                        .containsExactlyElementsOf(window.subList(0, Math.min(7, window.size())));
            }
        }
    }

    @Test
    void toJsonRoundTrips() {
        Random random = new Random(7L);
        for (int n = 0; n < RULES; n++) {
            ScheduleRule rule = randomRule(random);
            RuleParser parser = new RuleParser(rule.zone());

            assertThat(parser.parse(parser.toJson(rule))).as("%s", rule).isEqualTo(rule);
        }
    }

    private static ScheduleRule randomRule(Random random) {
        ZoneId zone = ZONES.get(random.nextInt(ZONES.size()));
        LocalDate from = LocalDate.of(2026, 1, 1).plusDays(random.nextInt(3 * 366));
        LocalDate until = random.nextInt(3) == 0 ? null : from.plusDays(random.nextInt(500));
        List<LocalTime> times = new ArrayList<>();
        int timeCount = 1 + random.nextInt(4);
        for (int i = 0; i < timeCount; i++) {
            // Bias towards the small hours, where DST transitions happen.
            int hour = random.nextBoolean() ? random.nextInt(4) : random.nextInt(24);
            times.add(LocalTime.of(hour, random.nextInt(4) * 15));
        }
        List<LocalDate> except = new ArrayList<>();
        int exceptCount = random.nextInt(4) == 0 ? random.nextInt(60) : random.nextInt(4);
        for (int i = 0; i < exceptCount; i++) {
            except.add(from.plusDays(random.nextInt(120)));
        }
        return switch (random.nextInt(4)) {
            case 0 -> new OnceRule(from.atTime(times.getFirst()).atZone(zone).toInstant(), zone);
            case 1 -> new DailyRule(times, from, until, except, zone);
            case 2 -> {
                Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
                int dayCount = 1 + random.nextInt(3);
                for (int i = 0; i < dayCount; i++) {
                    days.add(DayOfWeek.of(1 + random.nextInt(7)));
                }
                yield new WeeklyRule(days, times, from, until, except, zone);
            }
            default -> {
                List<Integer> days = new ArrayList<>();
                int dayCount = 1 + random.nextInt(3);
                for (int i = 0; i < dayCount; i++) {
                    int day = random.nextInt(8) == 0 ? MonthlyRule.LAST_DAY : 1 + random.nextInt(31);
                    days.add(random.nextBoolean() ? day : 26 + random.nextInt(6));
                }
                yield new MonthlyRule(days, times, from, until, except, zone);
            }
        };
    }
}
