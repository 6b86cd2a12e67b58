package vn.loa.controller.area.change;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaHistory;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaRepository;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.area.MoveSubject;
import vn.loa.controller.schedule.TargetResolver;
import vn.loa.controller.schedule.Targets;
import vn.loa.controller.station.Station;
import vn.loa.controller.station.StationRepository;
import vn.loa.controller.storage.Jdbc;

/**
 * Makes area changes, each in one transaction: the decision comes from {@link ReorganisationPlanner}
 * (merge, split) or the checks here (rename, move, retire); this writes it, keeps the earlier
 * versions, and pins and flags the schedules and relays that named an area that ended.
 */
public final class AreaChangeService {
    private static final List<String> TARGETED_TABLES = List.of("schedule", "relay");

    private final Jdbc jdbc;
    private final ObjectMapper json;
    private final Clock clock;

    public AreaChangeService(Jdbc jdbc, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.json = json;
        this.clock = clock;
    }

    /** Makes the change, or throws {@link AreaChangeRefused} with what to fix. */
    public AreaChangeResult apply(AreaChange change, Long byAccount) {
        return jdbc.inTransaction(c -> applyIn(c, change, byAccount, ChangeTiming.today(clock.instant())));
    }

    /**
     * What the change would do if made now — or, for a change dated in the future, on its day against
     * today's tree: made in a transaction that is rolled back. Throws {@link AreaChangeRefused} as
     * {@link #apply} would.
     */
    public ChangePreview preview(AreaChange change) {
        LocalDate today = ChangeTiming.today(clock.instant());
        LocalDate asOf = change.effective() != null && change.effective().isAfter(today) ? change.effective() : today;
        try {
            jdbc.inTransaction(c -> {
                ChangePreview.Before before = ChangePreview.Before.read(c);
                AreaChangeResult result = applyIn(c, change, null, asOf);
                throw new DryRun(ChangePreview.after(c, before, result));
            });
        } catch (DryRun d) {
            return d.preview;
        }
        throw new IllegalStateException("a dry run always rolls back");
    }

    /** Carries a preview out of the transaction it rolls back. */
    private static final class DryRun extends RuntimeException {
        private final transient ChangePreview preview;

        DryRun(ChangePreview preview) {
            super("dry run", null, false, false);
            this.preview = preview;
        }
    }

    /** Makes the change on {@code c} as if it were {@code today} (a pending change is made on its day). */
    AreaChangeResult applyIn(Connection c, AreaChange change, Long byAccount, LocalDate today) throws SQLException {
        AreaHistory history = AreaRepository.history(c);
        AreaTree tree = new AreaTree(current(c));
        List<Station> stationList = StationRepository.findAll(c);
        List<String> problems = new ArrayList<>();
        if (change.effective() == null) {
            throw new AreaChangeRefused(List.of("effective: required (YYYY-MM-DD)"));
        }
        if (change.effective().isAfter(today)) {
            problems.add("effective: " + change.effective() + " is after today (" + today
                    + "); changes are made on or after the day they take effect");
        }
        for (long id : involved(change)) {
            var life = history.lifespan(id);
            if (life.from() != null && !change.effective().isAfter(life.from())) {
                problems.add("effective: area " + id + " only begins on " + life.from());
            }
            LocalDate lastChange = lastVersion(c, id);
            if (lastChange != null && change.effective().isBefore(lastChange)) {
                problems.add("effective: area " + id + " already changed on " + lastChange
                        + "; record changes in date order");
            }
        }
        if (!problems.isEmpty()) {
            throw new AreaChangeRefused(problems);
        }
        long changeId = Jdbc.insert(c, "INSERT INTO area_change (kind, effective, created_by, created_at) "
                + "VALUES (?, ?, ?, ?)", change.kind().name(), change.effective(), byAccount, Instant.now(clock));
        return switch (change) {
            case AreaChange.Create n -> create(c, changeId, n, tree);
            case AreaChange.Rename r -> rename(c, changeId, r, tree);
            case AreaChange.Move m -> move(c, changeId, m, tree);
            case AreaChange.Retire r -> retire(c, changeId, r, tree, stationList);
            case AreaChange.Reorganise r -> reorganise(c, changeId, r, tree, stationList);
        };
    }

    /** What an imported unit list did: the areas created and the changes made. */
    public record Imported(List<Long> created, List<AreaChangeResult> changes) {
    }

    /**
     * Imports an official unit list ({@link UnitListImport}): unknown codes are created on {@code effective},
     * known ones renamed or moved. Refused as a whole (nothing written) when the list has problems.
     */
    public Imported importUnits(String csv, LocalDate effective, Long byAccount) {
        List<String> problems = new ArrayList<>();
        List<UnitListImport.Unit> units = UnitListImport.parse(csv, problems);
        if (effective == null) {
            problems.add("effective: required (YYYY-MM-DD)");
        } else if (effective.isAfter(ChangeTiming.today(clock.instant()))) {
            problems.add("effective: " + effective + " is after today");
        }
        UnitListImport.Steps steps = UnitListImport.plan(units,
                new AreaTree(jdbc.inConnection(AreaChangeService::current)), effective);
        problems.addAll(steps.problems());
        if (!problems.isEmpty()) {
            throw new AreaChangeRefused(problems);
        }
        List<Long> created = jdbc.inTransaction(c -> {
            Map<String, Long> byCode = new HashMap<>();
            for (Area a : current(c)) {
                if (a.code() != null) {
                    byCode.put(a.code(), a.id());
                }
            }
            Jdbc.insert(c, "INSERT INTO area_change (kind, effective, note, created_by, created_at) "
                    + "VALUES (?, ?, ?, ?, ?)", ChangeKind.CREATE.name(), effective, "unit list import", byAccount,
                    Instant.now(clock));
            List<Long> ids = new ArrayList<>();
            for (UnitListImport.Unit u : steps.create()) {
                long id = AreaRepository.insert(c, u.parentCode() == null ? null : byCode.get(u.parentCode()), u.name(),
                        u.kind(), u.code(), effective);
                byCode.put(u.code(), id);
                ids.add(id);
            }
            return ids;
        });
        List<AreaChangeResult> changed = new ArrayList<>();
        for (AreaChange change : steps.changes()) {
            changed.add(apply(change, byAccount));
        }
        return new Imported(created, changed);
    }

    private AreaChangeResult create(Connection c, long changeId, AreaChange.Create n, AreaTree tree) throws SQLException {
        List<String> problems = new ArrayList<>();
        if (n.name() == null || n.name().isBlank()) {
            problems.add("name: required");
        }
        if (n.areaKind() == null) {
            problems.add("areaKind: required (PROVINCE, DISTRICT, COMMUNE, VILLAGE)");
        }
        if (n.parentId() == null && n.areaKind() != null && n.areaKind() != AreaKind.PROVINCE) {
            problems.add("parentId: only a province may be at the top of the tree");
        }
        if (n.parentId() != null && !tree.contains(n.parentId())) {
            problems.add("parentId: area " + n.parentId() + " does not exist today");
        }
        if (!problems.isEmpty()) {
            throw new AreaChangeRefused(problems);
        }
        long id = AreaRepository.insert(c, n.parentId(), n.name().strip(), n.areaKind(), n.code(), n.effective());
        return new AreaChangeResult(changeId, List.of(id), List.of(), List.of());
    }

    private AreaChangeResult rename(Connection c, long changeId, AreaChange.Rename r, AreaTree tree) throws SQLException {
        Area a = tree.get(r.areaId()).orElseThrow(() -> refused("areaId: area " + r.areaId() + " does not exist today"));
        if (r.name() == null || r.name().isBlank()) {
            throw refused("name: required");
        }
        keepVersion(c, a, r.effective());
        Jdbc.update(c, "UPDATE area SET name = ?, code = ? WHERE id = ?", r.name(), r.code(), a.id());
        return new AreaChangeResult(changeId, List.of(a.id()), List.of(), List.of());
    }

    private AreaChangeResult move(Connection c, long changeId, AreaChange.Move m, AreaTree tree) throws SQLException {
        Area a = tree.get(m.areaId()).orElseThrow(() -> refused("areaId: area " + m.areaId() + " does not exist today"));
        if (!tree.contains(m.parentId())) {
            throw refused("parentId: area " + m.parentId() + " does not exist today");
        }
        if (tree.isWithin(m.parentId(), a.id())) {
            throw refused("parentId: " + m.parentId() + " is " + a.name() + " or below it");
        }
        keepVersion(c, a, m.effective());
        Jdbc.update(c, "UPDATE area SET parent_id = ? WHERE id = ?", m.parentId(), a.id());
        return new AreaChangeResult(changeId, List.of(a.id()), List.of(), List.of());
    }

    private AreaChangeResult retire(Connection c, long changeId, AreaChange.Retire r, AreaTree tree,
            List<Station> stationList) throws SQLException {
        Area a = tree.get(r.areaId()).orElseThrow(() -> refused("areaId: area " + r.areaId() + " does not exist today"));
        List<String> problems = new ArrayList<>();
        if (tree.all().stream().anyMatch(x -> a.id() == (x.parentId() == null ? -1 : x.parentId()))) {
            problems.add(a.name() + " still has areas under it: move, merge or retire them first");
        }
        for (Station s : stationList) {
            if (s.areaId() == a.id()) {
                problems.add("station " + s.id() + " (" + s.name() + ") is still in " + a.name() + ": move it first");
            }
            s.zones().stream().filter(z -> z.areaId() != null && z.areaId() == a.id()).forEach(z -> problems.add(
                    "zone " + z.id() + " (" + z.name() + ") still serves " + a.name() + ": reassign it first"));
        }
        if (!Jdbc.query(c, "SELECT id FROM account WHERE scope_area_id = ?", rs -> rs.getLong(1), a.id()).isEmpty()) {
            problems.add("accounts are still scoped to " + a.name() + ": change their scope first");
        }
        if (!problems.isEmpty()) {
            throw new AreaChangeRefused(problems);
        }
        Jdbc.update(c, "UPDATE area SET valid_to = ? WHERE id = ?", r.effective(), a.id());
        TargetResolver before = new TargetResolver(tree, stationList);
        Flagged flagged = flag(c, Set.of(a.id()), before, a.name() + " was retired on " + r.effective());
        return new AreaChangeResult(changeId, List.of(), flagged.schedules(), flagged.relays());
    }

    private AreaChangeResult reorganise(Connection c, long changeId, AreaChange.Reorganise r, AreaTree tree,
            List<Station> stationList) throws SQLException {
        Map<Long, Long> scopes = new HashMap<>();
        Jdbc.query(c, "SELECT id, scope_area_id FROM account WHERE scope_area_id IS NOT NULL",
                rs -> scopes.put(rs.getLong("id"), rs.getLong("scope_area_id")));
        ReorganisationPlan plan = switch (ReorganisationPlanner.plan(r, tree, stationList, scopes)) {
            case ReorganisationPlanner.Planned p -> p.plan();
            case ReorganisationPlanner.Refused f -> throw new AreaChangeRefused(f.problems());
        };
        Area first = tree.get(plan.ended().get(0)).orElseThrow();
        List<Long> successorIds = new ArrayList<>();
        for (AreaChange.Successor s : plan.successors()) {
            successorIds.add(switch (s) {
                case AreaChange.Existing e -> e.areaId();
                case AreaChange.NewUnit u -> AreaRepository.insert(c, u.parentId() != null ? u.parentId() : first.parentId(),
                        u.name(), u.kind() != null ? u.kind() : first.kind(), u.code(), r.effective());
            });
        }
        for (var p : plan.children()) {
            keepVersion(c, tree.get(p.subjectId()).orElseThrow(), r.effective());
            Jdbc.update(c, "UPDATE area SET parent_id = ? WHERE id = ?", successorIds.get(p.to()), p.subjectId());
        }
        for (var p : plan.stations()) {
            long to = successorIds.get(p.to());
            recordMove(c, changeId, MoveSubject.STATION, p, to, r.effective());
            Jdbc.update(c, "UPDATE station SET area_id = ? WHERE id = ?", to, p.subjectId());
        }
        for (var p : plan.zones()) {
            long to = successorIds.get(p.to());
            recordMove(c, changeId, MoveSubject.ZONE, p, to, r.effective());
            Jdbc.update(c, "UPDATE zone SET area_id = ? WHERE id = ?", to, p.subjectId());
        }
        for (var p : plan.accounts()) {
            Jdbc.update(c, "UPDATE account SET scope_area_id = ? WHERE id = ?", successorIds.get(p.to()), p.subjectId());
        }
        for (long id : plan.ended()) {
            Jdbc.update(c, "UPDATE area SET valid_to = ? WHERE id = ?", r.effective(), id);
        }
        for (var e : plan.edges()) {
            Jdbc.update(c, "INSERT INTO area_succession (change_id, predecessor_id, successor_id) VALUES (?, ?, ?)",
                    changeId, e.predecessorId(), successorIds.get(e.to()));
        }
        List<String> names = plan.ended().stream().map(id -> tree.get(id).orElseThrow().name()).toList();
        String verb = r.kind() == ChangeKind.MERGE ? " were merged on " : " was split on ";
        Flagged flagged = flag(c, new HashSet<>(plan.ended()), new TargetResolver(tree, stationList),
                String.join(", ", names) + verb + r.effective());
        return new AreaChangeResult(changeId, successorIds, flagged.schedules(), flagged.relays());
    }

    private record Flagged(List<Long> schedules, List<Long> relays) {
    }

    /** Pins the targets of live schedules and relays that named an ended area, and flags them. */
    private Flagged flag(Connection c, Set<Long> ended, TargetResolver before, String why) throws SQLException {
        List<List<Long>> out = new ArrayList<>();
        String note = why + ": the targets were kept to the loudspeaker zones they reached; review them";
        for (String table : TARGETED_TABLES) {
            List<Long> flagged = new ArrayList<>();
            record Row(long id, String targets) {
            }
            for (Row row : Jdbc.query(c, "SELECT id, targets_json FROM " + table + " WHERE deleted_at IS NULL",
                    rs -> new Row(rs.getLong("id"), rs.getString("targets_json")))) {
                var pinned = TargetPinning.pin(read(table, row.id(), row.targets()), ended, before);
                if (pinned.isPresent()) {
                    Jdbc.update(c, "UPDATE " + table + " SET targets_json = ?, area_review = ? WHERE id = ?",
                            write(pinned.get()), note, row.id());
                    flagged.add(row.id());
                }
            }
            out.add(flagged);
        }
        // inbox items waiting in or scheduled for an ended commune stay with it (their schedules were pinned above)
        for (long id : ended) {
            Jdbc.update(c, "UPDATE inbox_item SET area_review = ? WHERE commune_id = ? AND state IN ('PENDING', 'SCHEDULED', "
                    + "'ACCEPTED')", why + ": this item still targets the commune as it was; review it", id);
        }
        return new Flagged(out.get(0), out.get(1));
    }

    private Targets read(String table, long id, String text) {
        try {
            return json.readValue(text, Targets.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(table + " " + id + " has unreadable targets", e);
        }
    }

    private String write(Targets targets) {
        try {
            return json.writeValueAsString(targets);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("targets could not be written", e);
        }
    }

    private static void keepVersion(Connection c, Area a, LocalDate until) throws SQLException {
        Jdbc.update(c, "INSERT INTO area_version (area_id, parent_id, name, code, valid_to) VALUES (?, ?, ?, ?, ?)",
                a.id(), a.parentId(), a.name(), a.code(), until);
    }

    private static void recordMove(Connection c, long changeId, MoveSubject subject, ReorganisationPlan.Placement p,
            long to, LocalDate effective) throws SQLException {
        Jdbc.update(c, "INSERT INTO area_move (change_id, subject, subject_id, from_area_id, to_area_id, effective) "
                + "VALUES (?, ?, ?, ?, ?, ?)", changeId, subject.name(), p.subjectId(), p.fromAreaId(), to, effective);
    }

    private static LocalDate lastVersion(Connection c, long areaId) throws SQLException {
        List<java.sql.Date> d = Jdbc.query(c, "SELECT MAX(valid_to) FROM area_version WHERE area_id = ?",
                rs -> rs.getDate(1), areaId);
        return d.isEmpty() || d.get(0) == null ? null : d.get(0).toLocalDate();
    }

    private static List<Area> current(Connection c) throws SQLException {
        return Jdbc.query(c, "SELECT id, parent_id, name, kind, code, latitude, longitude FROM area WHERE valid_to IS NULL",
                rs -> new Area(rs.getLong("id"), Jdbc.nullableLong(rs, "parent_id"), rs.getString("name"),
                        AreaKind.valueOf(rs.getString("kind")), rs.getString("code"),
                        Jdbc.nullableDouble(rs, "latitude"), Jdbc.nullableDouble(rs, "longitude")));
    }

    private static List<Long> involved(AreaChange change) {
        return switch (change) {
            case AreaChange.Create n -> List.of();
            case AreaChange.Rename r -> List.of(r.areaId());
            case AreaChange.Move m -> List.of(m.areaId());
            case AreaChange.Retire r -> List.of(r.areaId());
            case AreaChange.Reorganise r -> r.ended();
        };
    }

    private static AreaChangeRefused refused(String problem) {
        return new AreaChangeRefused(List.of(problem));
    }
}
