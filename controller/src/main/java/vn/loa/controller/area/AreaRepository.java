package vn.loa.controller.area;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import vn.loa.controller.storage.Jdbc;

public final class AreaRepository {
    private final Jdbc jdbc;

    public AreaRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public List<Area> findAll() {
        return jdbc.query("SELECT id, parent_id, name, kind, code, latitude, longitude FROM area ORDER BY id",
                rs -> new Area(rs.getLong("id"), Jdbc.nullableLong(rs, "parent_id"), rs.getString("name"),
                        AreaKind.valueOf(rs.getString("kind")), rs.getString("code"),
                        Jdbc.nullableDouble(rs, "latitude"), Jdbc.nullableDouble(rs, "longitude")));
    }

    public static long insert(Connection c, Long parentId, String name, AreaKind kind, String code, Double lat,
            Double lon) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO area (parent_id, name, kind, code, latitude, longitude) VALUES (?, ?, ?, ?, ?, ?)",
                parentId, name, kind.name(), code, lat, lon);
    }

    public long insert(Long parentId, String name, AreaKind kind, String code) {
        return jdbc.inConnection(c -> insert(c, parentId, name, kind, code, null, null));
    }
}
