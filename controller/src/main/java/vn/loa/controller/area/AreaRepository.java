package vn.loa.controller.area;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vn.loa.controller.storage.Jdbc;

public final class AreaRepository {
    private static final String COLUMNS = "id, parent_id, name, kind, code, latitude, longitude";

    private final Jdbc jdbc;

    public AreaRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** The areas that exist today (ended ones are in {@link #history()}). */
    public List<Area> findAll() {
        return jdbc.query("SELECT " + COLUMNS + " FROM area WHERE valid_to IS NULL ORDER BY id", AreaRepository::map);
    }

    /** Every area ever, with lifespans, earlier versions, successions and moves. */
    public AreaHistory history() {
        return jdbc.inConnection(AreaRepository::history);
    }

    public static AreaHistory history(Connection c) throws SQLException {
        List<Area> all = Jdbc.query(c, "SELECT " + COLUMNS + " FROM area ORDER BY id", AreaRepository::map);
        Map<Long, Lifespan> lifespans = new HashMap<>();
        Jdbc.query(c, "SELECT id, valid_from, valid_to FROM area WHERE valid_from IS NOT NULL OR valid_to IS NOT NULL",
                rs -> lifespans.put(rs.getLong("id"), new Lifespan(date(rs, "valid_from"), date(rs, "valid_to"))));
        List<AreaVersion> versions = Jdbc.query(c, "SELECT area_id, parent_id, name, code, valid_to FROM area_version",
                rs -> new AreaVersion(rs.getLong("area_id"), Jdbc.nullableLong(rs, "parent_id"), rs.getString("name"),
                        rs.getString("code"), date(rs, "valid_to")));
        List<Succession> successions = Jdbc.query(c, "SELECT s.predecessor_id, s.successor_id, ch.effective "
                + "FROM area_succession s JOIN area_change ch ON ch.id = s.change_id",
                rs -> new Succession(rs.getLong("predecessor_id"), rs.getLong("successor_id"), date(rs, "effective")));
        List<AreaMove> moves = Jdbc.query(c, "SELECT subject, subject_id, from_area_id, to_area_id, effective FROM area_move",
                rs -> new AreaMove(MoveSubject.valueOf(rs.getString("subject")), rs.getLong("subject_id"),
                        Jdbc.nullableLong(rs, "from_area_id"), Jdbc.nullableLong(rs, "to_area_id"),
                        date(rs, "effective")));
        return new AreaHistory(all, lifespans, versions, successions, moves);
    }

    private static Area map(java.sql.ResultSet rs) throws SQLException {
        return new Area(rs.getLong("id"), Jdbc.nullableLong(rs, "parent_id"), rs.getString("name"),
                AreaKind.valueOf(rs.getString("kind")), rs.getString("code"),
                Jdbc.nullableDouble(rs, "latitude"), Jdbc.nullableDouble(rs, "longitude"));
    }

    private static LocalDate date(java.sql.ResultSet rs, String column) throws SQLException {
        java.sql.Date d = rs.getDate(column);
        return d == null ? null : d.toLocalDate();
    }

    public static long insert(Connection c, Long parentId, String name, AreaKind kind, String code, Double lat,
            Double lon) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO area (parent_id, name, kind, code, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?)",
                parentId, name, kind.name(), code, lat, lon);
    }

    /** An area that begins on {@code validFrom} (null: it always existed, as far as Loa knows). */
    public static long insert(Connection c, Long parentId, String name, AreaKind kind, String code,
            LocalDate validFrom) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO area (parent_id, name, kind, code, valid_from) VALUES (?, ?, ?, ?, ?)",
                parentId, name, kind.name(), code, validFrom);
    }

    public long insert(Long parentId, String name, AreaKind kind, String code) {
        return jdbc.inConnection(c -> insert(c, parentId, name, kind, code, null, null));
    }

    public long insert(Long parentId, String name, AreaKind kind, String code, LocalDate validFrom) {
        return jdbc.inConnection(c -> insert(c, parentId, name, kind, code, validFrom));
    }
}
