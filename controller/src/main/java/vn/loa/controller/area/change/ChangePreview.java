package vn.loa.controller.area.change;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vn.loa.controller.storage.Jdbc;

/**
 * What an area change rewrites, read from the database before and after it is made (in a transaction rolled
 * back: {@link AreaChangeService#preview}): the areas it ends, creates, renames or moves, the stations, zones
 * and accounts' scopes that go to a successor, the schedules and relays pinned and flagged, and the number of
 * inbox items flagged for review. Ids of areas it would create are not kept (the transaction is undone).
 */
public record ChangePreview(List<Named> ended, List<Named> created, List<Named> renamed, List<Moved> areas,
        List<Moved> stations, List<Moved> zones, List<Moved> accounts, List<Named> flaggedSchedules,
        List<Named> flaggedRelays, int flaggedInboxItems) {

    /** Something the change touches, by id and name (a created area: its name, id null). */
    public record Named(Long id, String name) {
    }

    /** Something that goes from one area to another (an account: its scope). */
    public record Moved(long id, String name, Long fromAreaId, Long toAreaId, String toAreaName) {
    }

    private record Row(long id, String name, Long areaId) {
    }

    /** The state of the tree and what hangs on it, before the change. */
    record Before(Map<Long, Row> areas, Set<Long> currentAreas, Map<Long, Row> stations, Map<Long, Row> zones,
            Map<Long, Row> accounts, Set<Long> reviewedInbox) {
        static Before read(Connection c) throws SQLException {
            Set<Long> current = new HashSet<>();
            Map<Long, Row> areas = new HashMap<>();
            Jdbc.query(c, "SELECT id, name, parent_id, valid_to FROM area", rs -> {
                long id = rs.getLong("id");
                areas.put(id, new Row(id, rs.getString("name"), Jdbc.nullableLong(rs, "parent_id")));
                if (rs.getDate("valid_to") == null) {
                    current.add(id);
                }
                return id;
            });
            return new Before(areas, current, rows(c, "SELECT id, name, area_id AS a FROM station"),
                    rows(c, "SELECT id, name, area_id AS a FROM zone"),
                    rows(c, "SELECT id, username AS name, scope_area_id AS a FROM account WHERE deleted_at IS NULL"),
                    new HashSet<>(Jdbc.query(c, "SELECT id FROM inbox_item WHERE area_review IS NOT NULL",
                            rs -> rs.getLong(1))));
        }

        private static Map<Long, Row> rows(Connection c, String sql) throws SQLException {
            Map<Long, Row> out = new HashMap<>();
            Jdbc.query(c, sql, rs -> out.put(rs.getLong("id"),
                    new Row(rs.getLong("id"), rs.getString("name"), Jdbc.nullableLong(rs, "a"))));
            return out;
        }
    }

    static ChangePreview after(Connection c, Before before, AreaChangeResult result) throws SQLException {
        Before now = Before.read(c);
        List<Named> ended = new ArrayList<>();
        List<Named> created = new ArrayList<>();
        List<Named> renamed = new ArrayList<>();
        for (long id : before.currentAreas()) {
            if (!now.currentAreas().contains(id)) {
                ended.add(new Named(id, before.areas().get(id).name()));
            }
        }
        for (long id : now.currentAreas()) {
            Row b = before.areas().get(id);
            if (b == null) {
                created.add(new Named(null, now.areas().get(id).name()));
            } else if (!b.name().equals(now.areas().get(id).name())) {
                renamed.add(new Named(id, now.areas().get(id).name()));
            }
        }
        Set<Long> inbox = new HashSet<>(now.reviewedInbox());
        inbox.removeAll(before.reviewedInbox());
        return new ChangePreview(sorted(ended), created, sorted(renamed), moved(before.areas(), now.areas(), before, now),
                moved(before.stations(), now.stations(), before, now), moved(before.zones(), now.zones(), before, now),
                moved(before.accounts(), now.accounts(), before, now), titles(c, "schedule", result.flaggedSchedules()),
                titles(c, "relay", result.flaggedRelays()), inbox.size());
    }

    /** What changed area; one that goes to an area the change creates names it, without its (undone) id. */
    private static List<Moved> moved(Map<Long, Row> before, Map<Long, Row> after, Before was, Before now) {
        List<Moved> out = new ArrayList<>();
        for (Row b : before.values()) {
            Row a = after.get(b.id());
            if (a != null && !Objects.equals(a.areaId(), b.areaId())) {
                Row to = a.areaId() == null ? null : now.areas().get(a.areaId());
                boolean created = a.areaId() != null && !was.areas().containsKey(a.areaId());
                out.add(new Moved(b.id(), b.name(), b.areaId(), created ? null : a.areaId(),
                        to == null ? null : to.name()));
            }
        }
        out.sort(java.util.Comparator.comparingLong(Moved::id));
        return out;
    }

    private static List<Named> titles(Connection c, String table, List<Long> ids) throws SQLException {
        List<Named> out = new ArrayList<>();
        for (long id : ids) {
            String title = Jdbc.query(c, "SELECT title FROM " + table + " WHERE id = ?", rs -> rs.getString(1), id)
                    .stream().findFirst().orElse(null);
            out.add(new Named(id, title));
        }
        return out;
    }

    private static List<Named> sorted(List<Named> list) {
        list.sort(java.util.Comparator.comparing(Named::id));
        return list;
    }
}
