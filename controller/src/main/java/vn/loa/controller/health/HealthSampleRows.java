package vn.loa.controller.health;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.ZoneOffset;
import java.util.List;

/** How a {@link HealthSample} is written as a row of {@code health_sample}: the statement and its parameters. */
final class HealthSampleRows {
    private static final String INSERT = "INSERT INTO health_sample (station_id, sampled_at, uptime_ms, cpu_load, "
            + "cpu_temp_c, mem_total, mem_available, disk_free, disk_total, link_rtt_us, clock_offset_us, "
            + "clock_synchronised, agent_version, sensors_known, amplifier_powered, amplifier_fault, mains_present, "
            + "door_open, relays_on, failed_zones, output_level_dbfs, volume_percent, playing_item_id, "
            + "play_failures_total, consecutive_failures, stream_underruns, outbox_pending) VALUES (?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";

    private HealthSampleRows() {
    }

    static int insert(Connection c, List<HealthSample> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(INSERT)) {
            for (HealthSample s : rows) {
                bind(ps, s);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        return rows.size();
    }

    private static void bind(PreparedStatement ps, HealthSample s) throws SQLException {
        ps.setLong(1, s.stationId());
        ps.setObject(2, s.sampledAt().atOffset(ZoneOffset.UTC));
        ps.setLong(3, s.uptimeMs());
        setNullable(ps, 4, s.cpuLoad());
        setNullable(ps, 5, s.cpuTempC());
        setNullable(ps, 6, s.memTotal());
        setNullable(ps, 7, s.memAvailable());
        ps.setLong(8, s.diskFree());
        ps.setLong(9, s.diskTotal());
        ps.setLong(10, s.linkRttUs());
        ps.setLong(11, s.clockOffsetUs());
        ps.setBoolean(12, s.clockSynchronised());
        setNullable(ps, 13, s.agentVersion());
        ps.setBoolean(14, s.sensorsKnown());
        ps.setBoolean(15, s.amplifierPowered());
        ps.setBoolean(16, s.amplifierFault());
        ps.setBoolean(17, s.mainsPresent());
        ps.setBoolean(18, s.doorOpen());
        ps.setString(19, ids(s.relaysOn()));
        ps.setString(20, ids(s.failedZones()));
        setNullable(ps, 21, s.outputLevelDbfs());
        ps.setInt(22, s.volumePercent());
        setNullable(ps, 23, s.playingItemId());
        ps.setLong(24, s.playFailuresTotal());
        ps.setInt(25, s.consecutiveFailures());
        ps.setLong(26, s.streamUnderruns());
        ps.setInt(27, s.outboxPending());
    }

    private static void setNullable(PreparedStatement ps, int i, Object v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.NULL);
        } else {
            ps.setObject(i, v);
        }
    }

    static String ids(List<Long> ids) {
        if (ids.isEmpty()) {
            return "";
        }
        StringBuilder b = new StringBuilder();
        for (Long id : ids) {
            if (!b.isEmpty()) {
                b.append(',');
            }
            b.append(id);
        }
        return b.toString();
    }
}
