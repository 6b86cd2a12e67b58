package vn.loa.controller.report;

import java.time.Instant;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;

/**
 * The province's monthly figures, per commune: stations and how many worked, zones per village and
 * how many worked, hours broadcast by priority, availability, failed plays, and what became of the
 * bulletins the province sent down to the commune that month (pending, accepted, played, declined, expired).
 *
 * @param periodEnd the end of what is counted: the month's end, or now for the current month
 */
public record ProvinceReport(YearMonth month, Instant from, Instant to, Instant periodEnd, Instant generatedAt,
        List<Commune> communes, Commune total) {

    /** What became of the bulletins the province sent down that month (TT 39), in the order shown. */
    public static final List<String> INBOX_STATES = List.of("PENDING", "ACCEPTED", "PLAYED", "DECLINED", "EXPIRED");

    /** Priorities in the order the report shows them. */
    public static final List<String> PRIORITIES = List.of("EMERGENCY", "PRIORITY", "NORMAL", "RELAY", "BACKGROUND");

    /**
     * @param availability     share of the counted time the commune's stations were online and healthy; null = none in service
     * @param playsByLanguage  bulletins played (outcome PLAYED) by their language code, in the order of
     *                         {@code BulletinLanguage.ALL}; text and live announcements and relays are not counted
     * @param playsByOutcome   every line of the as-run log by its outcome ({@code PLAYED}, {@code FAILED},
     *                         {@code SKIPPED}, {@code PREEMPTED}, {@code STOPPED}), only the outcomes that occurred
     */
    public record Commune(Long areaId, String name, String code, String parentName, int stations, int stationsWorking,
            List<Village> villages, Map<String, Double> hoursByPriority, Double availability, int failedPlays,
            int skippedPlays, Map<String, Integer> bulletinsFromProvince, Map<String, Integer> playsByLanguage,
            Map<String, Integer> playsByOutcome) {

        public double totalHours() {
            return hoursByPriority.values().stream().mapToDouble(Double::doubleValue).sum();
        }

        public int zones() {
            return villages.stream().mapToInt(Village::zones).sum();
        }

        public int zonesWorking() {
            return villages.stream().mapToInt(Village::zonesWorking).sum();
        }
    }

    /** @param areaId null for zones not assigned to a village */
    public record Village(Long areaId, String name, int zones, int zonesWorking) {
    }
}
