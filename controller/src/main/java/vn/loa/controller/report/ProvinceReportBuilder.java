package vn.loa.controller.report;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.alarm.AlarmKind;
import vn.loa.controller.alarm.AlarmRepository;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaHistory;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.area.MoveSubject;
import vn.loa.controller.health.HealthRepository;
import vn.loa.controller.inbox.Dispatch;
import vn.loa.controller.inbox.InboxItem;
import vn.loa.controller.inbox.InboxRepository;
import vn.loa.controller.inbox.InboxRules;
import vn.loa.controller.inbox.ItemState;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.station.Zone;
import vn.loa.controller.storage.Jdbc;

/**
 * Builds the province report of one month from the as-run log, the alarm history and the station list,
 * with the units of that month (the area tree and the stations' communes as on its first day).
 */
public final class ProvinceReportBuilder {
    public static final ZoneId VIETNAM = ZoneId.of("Asia/Ho_Chi_Minh");
    /** Languages in the order of the documented list (Vietnamese first), unknown codes after them. */
    static final Comparator<String> LANGUAGE_ORDER = Comparator.<String>comparingInt(code -> {
        int i = vn.loa.controller.bulletin.BulletinLanguage.ALL.stream().map(vn.loa.controller.bulletin.BulletinLanguage::code)
                .toList().indexOf(code);
        return i < 0 ? Integer.MAX_VALUE : i;
    }).thenComparing(Comparator.naturalOrder());

    private final AreaRepository areas;
    private final StationRepository stations;
    private final HealthRepository health;
    private final AlarmRepository alarms;
    private final Jdbc jdbc;
    private final InboxRepository inbox;
    private final Clock clock;

    public ProvinceReportBuilder(AreaRepository areas, StationRepository stations, HealthRepository health,
            AlarmRepository alarms, InboxRepository inbox, Jdbc jdbc, Clock clock) {
        this.inbox = inbox;
        this.areas = areas;
        this.stations = stations;
        this.health = health;
        this.alarms = alarms;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    private record Play(long stationId, String priority, Instant startedAt, Instant endedAt, String outcome,
            String language) {
    }

    private record StationFigures(boolean inService, double availability, boolean working, Map<Long, Boolean> zoneWorks) {
    }

    /** What one month's report is made of: its units as on its first day, its alarm spans and its plays. */
    private record MonthData(java.time.LocalDate day, Instant from, Instant periodEnd, AreaHistory history, AreaTree tree,
            Map<Long, Instant> firstSeen, List<AlarmRepository.ConditionSpan> spans, Map<Long, List<Play>> playsByStation) {
    }

    public ProvinceReport build(YearMonth month) {
        Instant from = month.atDay(1).atStartOfDay(VIETNAM).toInstant();
        Instant to = month.plusMonths(1).atDay(1).atStartOfDay(VIETNAM).toInstant();
        Instant now = clock.instant();
        Instant periodEnd = now.isBefore(to) ? now : to;
        // the units of that month: the tree and each station's commune as they were on its first day
        java.time.LocalDate day = month.atDay(1);
        AreaHistory history = areas.history();
        AreaTree tree = history.treeAt(day);
        List<Station> all = stations.findAll();
        Map<Long, Instant> firstSeen = health.firstSeen();
        List<AlarmRepository.ConditionSpan> spans = periodEnd.isAfter(from)
                ? alarms.spans(java.util.EnumSet.of(AlarmKind.STATION_OFFLINE, AlarmKind.AMPLIFIER_FAULT,
                        AlarmKind.CLOCK_UNSYNCHRONISED, AlarmKind.ZONE_FAILED), from, periodEnd)
                : List.of();
        MonthData data = new MonthData(day, from, periodEnd, history, tree, firstSeen, spans, playsByStation(from, to));
        Map<Long, Map<String, Integer>> inboxByCommune = inboxOutcomes(from, to, now);
        List<ProvinceReport.Commune> rows = new ArrayList<>();
        for (var e : stationsByCommune(data, all).entrySet()) {
            rows.add(communeRow(data, e.getKey(), e.getValue(), inboxByCommune.getOrDefault(e.getKey(), emptyInbox())));
        }
        rows.sort(Comparator.comparing((ProvinceReport.Commune c) -> c.parentName() == null ? "" : c.parentName())
                .thenComparing(ProvinceReport.Commune::name));
        return new ProvinceReport(month, from, to, periodEnd, now, rows, total(rows));
    }

    private Map<Long, List<Play>> playsByStation(Instant from, Instant to) {
        List<Play> plays = jdbc.query("SELECT play.station_id, play.priority, play.started_at, play.ended_at, "
                + "play.outcome, bulletin.language FROM play LEFT JOIN bulletin ON bulletin.id = play.bulletin_id "
                + "WHERE COALESCE(play.started_at, play.planned_at) >= ? AND COALESCE(play.started_at, play.planned_at) < ?",
                rs -> new Play(rs.getLong("station_id"), rs.getString("priority"), Jdbc.instant(rs, "started_at"),
                        Jdbc.instant(rs, "ended_at"), rs.getString("outcome"), rs.getString("language")), from, to);
        Map<Long, List<Play>> playsByStation = new HashMap<>();
        for (Play p : plays) {
            playsByStation.computeIfAbsent(p.stationId(), k -> new ArrayList<>()).add(p);
        }
        return playsByStation;
    }

    /** Every commune of the month's tree (those without stations too), with the stations it had that month. */
    private static Map<Long, List<Station>> stationsByCommune(MonthData data, List<Station> all) {
        Map<Long, List<Station>> byCommune = new LinkedHashMap<>();
        for (Area a : data.tree().all()) {
            if (a.kind() == AreaKind.COMMUNE) {
                byCommune.put(a.id(), new ArrayList<>());
            }
        }
        for (Station s : all) {
            Long area = data.history().placeAt(MoveSubject.STATION, s.id(), s.areaId(), data.day());
            byCommune.computeIfAbsent(communeOf(data.tree(), area), k -> new ArrayList<>()).add(s);
        }
        return byCommune;
    }

    private static ProvinceReport.Commune communeRow(MonthData data, long communeId, List<Station> communeStations,
            Map<String, Integer> inbox) {
        Area commune = data.tree().get(communeId).orElse(null);
        List<StationFigures> figures = new ArrayList<>();
        Map<Long, int[]> villages = new LinkedHashMap<>();
        PlayTally plays = new PlayTally();
        for (Station s : communeStations) {
            StationFigures f = figures(s, data.firstSeen().get(s.id()), data.spans(), data.from(), data.periodEnd());
            figures.add(f);
            for (Zone z : s.zones()) {
                Long village = data.history().placeAt(MoveSubject.ZONE, z.id(), z.areaId(), data.day());
                int[] counts = villages.computeIfAbsent(village == null ? -1L : village, k -> new int[2]);
                counts[0]++;
                if (f.zoneWorks().getOrDefault(z.id(), false)) {
                    counts[1]++;
                }
            }
            data.playsByStation().getOrDefault(s.id(), List.of()).forEach(plays::add);
        }
        List<StationFigures> inService = figures.stream().filter(StationFigures::inService).toList();
        Double availability = inService.isEmpty() ? null
                : inService.stream().mapToDouble(StationFigures::availability).average().orElse(0);
        return new ProvinceReport.Commune(commune == null ? null : commune.id(),
                commune == null ? "(không thuộc xã nào / no commune)" : commune.name(),
                commune == null ? null : commune.code(),
                commune == null || commune.parentId() == null ? null
                        : data.tree().get(commune.parentId()).map(Area::name).orElse(null),
                communeStations.size(), (int) figures.stream().filter(StationFigures::working).count(),
                villageRows(data.tree(), villages), plays.hours, availability, plays.failed, plays.skipped, inbox,
                plays.languages, plays.outcomes);
    }

    /** The villages' rows, by name (zones without a village last): zones, and zones working. */
    private static List<ProvinceReport.Village> villageRows(AreaTree tree, Map<Long, int[]> villages) {
        List<ProvinceReport.Village> villageRows = new ArrayList<>();
        for (var v : villages.entrySet()) {
            Long areaId = v.getKey() < 0 ? null : v.getKey();
            String name = areaId == null ? null : tree.get(areaId).map(Area::name).orElse("#" + areaId);
            villageRows.add(new ProvinceReport.Village(areaId, name, v.getValue()[0], v.getValue()[1]));
        }
        villageRows.sort(Comparator.comparing(v -> v.name() == null ? "\uffff" : v.name()));
        return villageRows;
    }

    /** One commune's plays counted: hours on air by priority, failed and skipped, languages played, outcomes. */
    private static final class PlayTally {
        final Map<String, Double> hours = emptyHours();
        final Map<String, Integer> languages = new java.util.TreeMap<>(LANGUAGE_ORDER);
        final Map<String, Integer> outcomes = new java.util.TreeMap<>();
        int failed;
        int skipped;

        void add(Play p) {
            if (p.startedAt() != null && p.endedAt() != null && p.endedAt().isAfter(p.startedAt())) {
                String prio = ProvinceReport.PRIORITIES.contains(p.priority()) ? p.priority() : "NORMAL";
                hours.merge(prio, Duration.between(p.startedAt(), p.endedAt()).toMillis() / 3_600_000.0, Double::sum);
            }
            if ("PLAYED".equals(p.outcome()) && p.language() != null) {
                languages.merge(p.language(), 1, Integer::sum);
            }
            if (p.outcome() != null) {
                outcomes.merge(p.outcome(), 1, Integer::sum);
            }
            if ("FAILED".equals(p.outcome())) {
                failed++;
            } else if ("SKIPPED".equals(p.outcome())) {
                skipped++;
            }
        }
    }

    private static StationFigures figures(Station s, Instant firstSeen, List<AlarmRepository.ConditionSpan> spans,
            Instant from, Instant periodEnd) {
        Map<Long, Boolean> zoneWorks = new HashMap<>();
        if (firstSeen == null || !firstSeen.isBefore(periodEnd)) {
            s.zones().forEach(z -> zoneWorks.put(z.id(), false));
            return new StationFigures(false, 0, false, zoneWorks); // never connected (yet): not in service
        }
        Instant start = firstSeen.isAfter(from) ? firstSeen : from;
        double counted = Duration.between(start, periodEnd).toMillis();
        List<Intervals.Span> down = spans.stream()
                .filter(sp -> sp.stationId() == s.id() && ReportRules.UNAVAILABLE.contains(sp.kind()))
                .map(sp -> new Intervals.Span(sp.start(), sp.end())).toList();
        double availability = counted <= 0 ? 1
                : 1 - Intervals.covered(down, start, periodEnd).toMillis() / counted;
        boolean working = availability >= ReportRules.STATION_WORKING;
        for (Zone z : s.zones()) {
            List<Intervals.Span> failed = spans.stream().filter(sp -> sp.stationId() == s.id()
                    && sp.kind() == AlarmKind.ZONE_FAILED && sp.subject().equals(Long.toString(z.id())))
                    .map(sp -> new Intervals.Span(sp.start(), sp.end())).toList();
            double failedShare = counted <= 0 ? 0 : Intervals.covered(failed, start, periodEnd).toMillis() / counted;
            zoneWorks.put(z.id(), working && failedShare <= ReportRules.ZONE_FAILED_MAX);
        }
        return new StationFigures(true, availability, working, zoneWorks);
    }

    private static long communeOf(AreaTree tree, long areaId) {
        Long cur = areaId;
        for (int guard = 0; cur != null && guard < 64; guard++) {
            Area a = tree.get(cur).orElse(null);
            if (a == null) {
                break;
            }
            if (a.kind() == AreaKind.COMMUNE) {
                return a.id();
            }
            cur = a.parentId();
        }
        return areaId;
    }

    /** Commune id → how many of the bulletins sent down in [from, to) are in each state now. */
    private Map<Long, Map<String, Integer>> inboxOutcomes(Instant from, Instant to, Instant now) {
        Map<Long, Map<String, Integer>> out = new HashMap<>();
        for (Dispatch d : inbox.sentBetween(from, to)) {
            for (InboxItem item : inbox.itemsOf(d.id())) {
                ItemState state = InboxRules.stateAt(d, item, now);
                boolean played = (state == ItemState.ACCEPTED || state == ItemState.SCHEDULED) && inbox.played(item.id());
                String key = InboxRules.senderState(d, item, now, played).name();
                if (ProvinceReport.INBOX_STATES.contains(key)) {
                    out.computeIfAbsent(item.communeId(), k -> emptyInbox()).merge(key, 1, Integer::sum);
                } else if (key.equals("SCHEDULED")) {
                    out.computeIfAbsent(item.communeId(), k -> emptyInbox()).merge("ACCEPTED", 1, Integer::sum);
                }
            }
        }
        return out;
    }

    private static Map<String, Integer> emptyInbox() {
        Map<String, Integer> m = new LinkedHashMap<>();
        ProvinceReport.INBOX_STATES.forEach(s -> m.put(s, 0));
        return m;
    }

    private static Map<String, Double> emptyHours() {
        Map<String, Double> m = new LinkedHashMap<>();
        ProvinceReport.PRIORITIES.forEach(p -> m.put(p, 0.0));
        return m;
    }

    /** The same report limited to the communes a scoped account may see, with its total recomputed. */
    public static ProvinceReport restrict(ProvinceReport report, java.util.function.LongPredicate communeVisible) {
        List<ProvinceReport.Commune> rows = report.communes().stream()
                .filter(c -> c.areaId() != null && communeVisible.test(c.areaId())).toList();
        return new ProvinceReport(report.month(), report.from(), report.to(), report.periodEnd(), report.generatedAt(),
                rows, total(rows));
    }

    private static ProvinceReport.Commune total(List<ProvinceReport.Commune> rows) {
        Map<String, Integer> languages = new java.util.TreeMap<>(LANGUAGE_ORDER);
        rows.forEach(r -> r.playsByLanguage().forEach((k, v) -> languages.merge(k, v, Integer::sum)));
        Map<String, Integer> outcomes = new java.util.TreeMap<>();
        rows.forEach(r -> r.playsByOutcome().forEach((k, v) -> outcomes.merge(k, v, Integer::sum)));
        Map<String, Double> hours = emptyHours();
        rows.forEach(r -> r.hoursByPriority().forEach((k, v) -> hours.merge(k, v, Double::sum)));
        int zones = rows.stream().mapToInt(ProvinceReport.Commune::zones).sum();
        int zonesWorking = rows.stream().mapToInt(ProvinceReport.Commune::zonesWorking).sum();
        double weighted = 0;
        int withStations = 0;
        for (var r : rows) {
            if (r.availability() != null) {
                weighted += r.availability() * r.stations();
                withStations += r.stations();
            }
        }
        return new ProvinceReport.Commune(null, "Toàn tỉnh / Province", null, null,
                rows.stream().mapToInt(ProvinceReport.Commune::stations).sum(),
                rows.stream().mapToInt(ProvinceReport.Commune::stationsWorking).sum(),
                List.of(new ProvinceReport.Village(null, null, zones, zonesWorking)), hours,
                withStations == 0 ? null : weighted / withStations,
                rows.stream().mapToInt(ProvinceReport.Commune::failedPlays).sum(),
                rows.stream().mapToInt(ProvinceReport.Commune::skippedPlays).sum(), inboxTotal(rows), languages, outcomes);
    }

    private static Map<String, Integer> inboxTotal(List<ProvinceReport.Commune> rows) {
        Map<String, Integer> total = emptyInbox();
        rows.forEach(r -> r.bulletinsFromProvince().forEach((k, v) -> total.merge(k, v, Integer::sum)));
        return total;
    }
}
