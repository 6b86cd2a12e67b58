package vn.loa.controller.station;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

public final class StationRepository {
    private final Jdbc jdbc;

    public StationRepository(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    public record NewZone(String name, Long areaId) {
    }

    public static long insert(Connection c, String name, long areaId, String secretHash, Double lat, Double lon,
            List<NewZone> zones) throws SQLException {
        long id = Jdbc.insert(c, "INSERT INTO station (name, area_id, secret_hash, latitude, longitude, created_at) "
                + "VALUES (?, ?, ?, ?, ?, ?)", name, areaId, secretHash, lat, lon, Instant.now());
        for (NewZone z : zones) {
            Jdbc.insert(c, "INSERT INTO zone (station_id, name, area_id) VALUES (?, ?, ?)", id, z.name(), z.areaId());
        }
        return id;
    }

    public long create(String name, long areaId, String secretHash, List<NewZone> zones) {
        return jdbc.inTransaction(c -> insert(c, name, areaId, secretHash, null, null, zones));
    }

    public List<Station> findAll() {
        return jdbc.inConnection(StationRepository::findAll);
    }

    /** Every station with its zones, on the caller's connection (inside its transaction). */
    public static List<Station> findAll(Connection c) throws SQLException {
        Map<Long, List<Zone>> zones = new LinkedHashMap<>();
        for (Zone z : Jdbc.query(c, "SELECT id, station_id, name, area_id FROM zone ORDER BY id", StationRepository::zone)) {
            zones.computeIfAbsent(z.stationId(), k -> new ArrayList<>()).add(z);
        }
        return Jdbc.query(c, "SELECT id, name, area_id, latitude, longitude, last_seen_at FROM station ORDER BY id",
                rs -> station(rs, zones.getOrDefault(rs.getLong("id"), List.of())));
    }

    private static Station station(java.sql.ResultSet rs, List<Zone> zones) throws SQLException {
        return new Station(rs.getLong("id"), rs.getString("name"), rs.getLong("area_id"), List.copyOf(zones),
                Jdbc.nullableDouble(rs, "latitude"), Jdbc.nullableDouble(rs, "longitude"), Jdbc.instant(rs, "last_seen_at"));
    }

    /** One station with its zones: two indexed reads (it read every station, once per station connecting). */
    public Optional<Station> find(long id) {
        return jdbc.inConnection(c -> {
            List<Zone> zones = Jdbc.query(c, "SELECT id, station_id, name, area_id FROM zone WHERE station_id = ? ORDER BY id",
                    StationRepository::zone, id);
            return Jdbc.query(c, "SELECT id, name, area_id, latitude, longitude, last_seen_at FROM station WHERE id = ?",
                    rs -> station(rs, zones), id).stream().findFirst();
        });
    }

    public Optional<String> secretHash(long stationId) {
        return jdbc.queryOne("SELECT secret_hash FROM station WHERE id = ?", rs -> rs.getString(1), stationId);
    }

    public Optional<String> name(long stationId) {
        return jdbc.queryOne("SELECT name FROM station WHERE id = ?", rs -> rs.getString(1), stationId);
    }

    public void updateLastSeen(long stationId, Instant at) {
        jdbc.update("UPDATE station SET last_seen_at = ? WHERE id = ?", at, stationId);
    }

    public long count() {
        return jdbc.queryOne("SELECT COUNT(*) FROM station", rs -> rs.getLong(1)).orElse(0L);
    }

    private static Zone zone(java.sql.ResultSet rs) throws SQLException {
        return new Zone(rs.getLong("id"), rs.getLong("station_id"), rs.getString("name"),
                Jdbc.nullableLong(rs, "area_id"));
    }
}
