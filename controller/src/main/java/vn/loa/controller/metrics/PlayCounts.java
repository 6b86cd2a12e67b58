package vn.loa.controller.metrics;

import java.util.LinkedHashMap;
import java.util.Map;
import vn.loa.controller.storage.Jdbc;

/** Plays in the as-run log by outcome: a counter that survives restarts because it is the log itself. */
final class PlayCounts {
    private final Jdbc jdbc;

    PlayCounts(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    Map<String, Long> byOutcome() {
        Map<String, Long> out = new LinkedHashMap<>();
        jdbc.query("SELECT outcome, COUNT(*) AS n FROM play GROUP BY outcome ORDER BY outcome", rs -> {
            out.put(rs.getString("outcome"), rs.getLong("n"));
            return null;
        });
        return out;
    }
}
