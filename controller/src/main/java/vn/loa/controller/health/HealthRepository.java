package vn.loa.controller.health;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import vn.loa.controller.storage.Jdbc;

/** Health history: raw samples (kept 7 days) and hourly roll-ups (kept a year). */
public final class HealthRepository {
    private final Jdbc jdbc;
    private final HealthSampleWriter samples;

    /** Checked in the writes only the leader makes (docs/architecture.md#leadership); none on H2. */
    private volatile vn.loa.controller.leadership.Fence fence = vn.loa.controller.leadership.Fence.NONE;

    /** The fence of this node's leadership: a paused old leader's roll-up, rewind or purge is refused. */
    public void fenceWith(vn.loa.controller.leadership.Fence fence) {
        this.fence = fence;
    }

    /** Readers of raw samples flush {@code samples} first, so they see every sample added before the read. */
    public HealthRepository(Jdbc jdbc, HealthSampleWriter samples) {
        this.jdbc = jdbc;
        this.samples = samples;
    }

    /** Queues a live sample; the writer stores it within about a second (see {@link HealthSampleWriter}). */
    public void add(HealthSample s) {
        samples.add(s);
    }

    /** Stores samples at once, in one transaction. */
    public void insertAll(List<HealthSample> batch) {
        samples.writeNow(batch);
    }

    /** The instants of one station's raw samples in [from, to] (to find samples already stored). */
    public java.util.Set<Instant> sampleTimes(long stationId, Instant from, Instant to) {
        samples.flush();
        return new java.util.HashSet<>(jdbc.query("SELECT sampled_at FROM health_sample WHERE station_id = ? "
                + "AND sampled_at >= ? AND sampled_at <= ?", rs -> Jdbc.instant(rs, "sampled_at"), stationId, from, to));
    }

    /** Moves the roll-up mark back to {@code hourStart} (late samples arrived): the next roll-up redoes those hours. */
    public void rewindRollup(Instant hourStart) {
        jdbc.inTransaction(c -> {
            fence.check(c);
            return Jdbc.update(c, "UPDATE health_rollup SET rolled_until = ? WHERE id = 1 AND rolled_until > ?",
                    hourStart, hourStart);
        });
    }

    /** Raw samples of one station in [from, to), oldest first, at most {@code limit}. */
    public List<HealthSample> raw(long stationId, Instant from, Instant to, int limit) {
        samples.flush();
        return jdbc.query("SELECT * FROM health_sample WHERE station_id = ? AND sampled_at >= ? AND sampled_at < ? "
                + "ORDER BY sampled_at LIMIT ?", HealthRepository::sample, stationId, from, to, limit);
    }

    /** Raw samples of every station in [from, to), for the roll-up. */
    List<HealthSample> rawAll(Connection c, Instant from, Instant to) throws SQLException {
        return Jdbc.query(c, "SELECT * FROM health_sample WHERE sampled_at >= ? AND sampled_at < ? "
                + "ORDER BY station_id, sampled_at", HealthRepository::sample, from, to);
    }

    public List<HourlyHealth> hourly(long stationId, Instant from, Instant to, int limit) {
        return jdbc.query("SELECT * FROM health_hourly WHERE station_id = ? AND hour_start >= ? AND hour_start < ? "
                + "ORDER BY hour_start LIMIT ?", HealthRepository::hourly, stationId, from, to, limit);
    }

    /** The earliest raw sample, if any. */
    public Optional<Instant> oldestRaw() {
        samples.flush();
        return jdbc.queryOne("SELECT MIN(sampled_at) AS t FROM health_sample", rs -> Jdbc.instant(rs, "t"))
                .filter(t -> t != null);
    }

    public Optional<Instant> rolledUntil() {
        return jdbc.queryOne("SELECT rolled_until FROM health_rollup WHERE id = 1", rs -> Jdbc.instant(rs, "rolled_until"));
    }

    /** Replaces the roll-up of [hourStart, hourStart + 1 h) for every station, and moves the mark past it. */
    public int rollUpHour(Instant hourStart) {
        Instant hourEnd = hourStart.plusSeconds(3600);
        samples.flush();
        return jdbc.inTransaction(c -> {
            fence.check(c);
            Map<Long, List<HealthSample>> byStation = new LinkedHashMap<>();
            for (HealthSample s : rawAll(c, hourStart, hourEnd)) {
                byStation.computeIfAbsent(s.stationId(), k -> new ArrayList<>()).add(s);
            }
            Jdbc.update(c, "DELETE FROM health_hourly WHERE hour_start = ?", hourStart);
            for (var e : byStation.entrySet()) {
                insertHourly(c, HourlyAggregator.aggregate(e.getKey(), hourStart, e.getValue()));
            }
            if (Jdbc.update(c, "UPDATE health_rollup SET rolled_until = ? WHERE id = 1", hourEnd) == 0) {
                Jdbc.update(c, "INSERT INTO health_rollup (id, rolled_until) VALUES (1, ?)", hourEnd);
            }
            return byStation.size();
        });
    }

    private static void insertHourly(Connection c, HourlyHealth h) throws SQLException {
        Jdbc.update(c, "INSERT INTO health_hourly (station_id, hour_start, samples, cpu_load_avg, cpu_load_max, "
                + "cpu_temp_avg_c, cpu_temp_max_c, mem_available_min, disk_free_min, link_rtt_avg_us, link_rtt_max_us, "
                + "clock_offset_max_abs_us, unsynchronised_samples, amplifier_fault_samples, mains_lost_samples, "
                + "door_open_samples, output_level_max_dbfs, play_failures_max, stream_underruns_max) "
                + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                h.stationId(), h.hourStart(), h.samples(), h.cpuLoadAvg(), h.cpuLoadMax(), h.cpuTempAvgC(),
                h.cpuTempMaxC(), h.memAvailableMin(), h.diskFreeMin(), h.linkRttAvgUs(), h.linkRttMaxUs(),
                h.clockOffsetMaxAbsUs(), h.unsynchronisedSamples(), h.amplifierFaultSamples(), h.mainsLostSamples(),
                h.doorOpenSamples(), h.outputLevelMaxDbfs(), h.playFailuresMax(), h.streamUnderrunsMax());
    }

    /** Forgets raw samples before {@code rawBefore} and hourly rows before {@code hourlyBefore}. */
    public int[] purge(Instant rawBefore, Instant hourlyBefore) {
        return jdbc.inTransaction(c -> {
            fence.check(c);
            int raw = Jdbc.update(c, "DELETE FROM health_sample WHERE sampled_at < ?", rawBefore);
            int hourly = Jdbc.update(c, "DELETE FROM health_hourly WHERE hour_start < ?", hourlyBefore);
            return new int[] {raw, hourly};
        });
    }

    /** Records the first connection of a station (availability counts from it). */
    public void markSeen(long stationId, Instant at) {
        jdbc.update("INSERT INTO station_presence (station_id, first_seen_at) VALUES (?, ?) ON CONFLICT DO NOTHING",
                stationId, at);
    }

    public Map<Long, Instant> firstSeen() {
        Map<Long, Instant> out = new LinkedHashMap<>();
        jdbc.query("SELECT station_id, first_seen_at FROM station_presence", rs -> {
            out.put(rs.getLong("station_id"), Jdbc.instant(rs, "first_seen_at"));
            return null;
        });
        return out;
    }

    private static List<Long> parseIds(String s) {
        return s == null || s.isEmpty() ? List.of() : Arrays.stream(s.split(",")).map(Long::valueOf).toList();
    }

    private static HealthSample sample(ResultSet rs) throws SQLException {
        return new HealthSample(rs.getLong("station_id"), Jdbc.instant(rs, "sampled_at"), rs.getLong("uptime_ms"),
                Jdbc.nullableDouble(rs, "cpu_load"), Jdbc.nullableDouble(rs, "cpu_temp_c"),
                Jdbc.nullableLong(rs, "mem_total"), Jdbc.nullableLong(rs, "mem_available"), rs.getLong("disk_free"),
                rs.getLong("disk_total"), rs.getLong("link_rtt_us"), rs.getLong("clock_offset_us"),
                rs.getBoolean("clock_synchronised"), rs.getString("agent_version"), rs.getBoolean("sensors_known"),
                rs.getBoolean("amplifier_powered"), rs.getBoolean("amplifier_fault"), rs.getBoolean("mains_present"),
                rs.getBoolean("door_open"), parseIds(rs.getString("relays_on")), parseIds(rs.getString("failed_zones")),
                nullableFloat(rs, "output_level_dbfs"), rs.getInt("volume_percent"), rs.getString("playing_item_id"),
                rs.getLong("play_failures_total"), rs.getInt("consecutive_failures"), rs.getLong("stream_underruns"),
                rs.getInt("outbox_pending"));
    }

    private static HourlyHealth hourly(ResultSet rs) throws SQLException {
        return new HourlyHealth(rs.getLong("station_id"), Jdbc.instant(rs, "hour_start"), rs.getInt("samples"),
                Jdbc.nullableDouble(rs, "cpu_load_avg"), Jdbc.nullableDouble(rs, "cpu_load_max"),
                Jdbc.nullableDouble(rs, "cpu_temp_avg_c"), Jdbc.nullableDouble(rs, "cpu_temp_max_c"),
                Jdbc.nullableLong(rs, "mem_available_min"), Jdbc.nullableLong(rs, "disk_free_min"),
                Jdbc.nullableLong(rs, "link_rtt_avg_us"), Jdbc.nullableLong(rs, "link_rtt_max_us"),
                Jdbc.nullableLong(rs, "clock_offset_max_abs_us"), rs.getInt("unsynchronised_samples"),
                rs.getInt("amplifier_fault_samples"), rs.getInt("mains_lost_samples"), rs.getInt("door_open_samples"),
                nullableFloat(rs, "output_level_max_dbfs"), rs.getLong("play_failures_max"),
                rs.getLong("stream_underruns_max"));
    }

    private static Float nullableFloat(ResultSet rs, String c) throws SQLException {
        float v = rs.getFloat(c);
        return rs.wasNull() ? null : v;
    }
}
