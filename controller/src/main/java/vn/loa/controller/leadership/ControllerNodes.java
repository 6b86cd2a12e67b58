package vn.loa.controller.leadership;

import java.time.Duration;
import java.util.List;
import vn.loa.controller.storage.Jdbc;

/**
 * The nodes of a cluster and where their console is reached ({@code controller_node}): each node says it is
 * there every {@link #SAY_EVERY} and leaves when it stops, so that the console can name the surviving node
 * when a live announcement ends because its node died or stopped leading (docs/architecture.md#leadership).
 * Times are the database's. PostgreSQL only (a cluster); on H2 nothing is written.
 */
public final class ControllerNodes {
    /** How often a node says it is there. */
    public static final Duration SAY_EVERY = Duration.ofSeconds(5);
    /** A node not heard from for this long is not listed (it died). */
    static final Duration SEEN_WITHIN = Duration.ofSeconds(20);

    private final Jdbc jdbc;

    public ControllerNodes(Jdbc jdbc) {
        this.jdbc = jdbc;
    }

    /** A node of the cluster, seen lately. */
    public record Node(String node, String consoleUrl) {
    }

    /** This node is there, its console at {@code consoleUrl}. */
    public void here(String node, String consoleUrl) {
        jdbc.update("INSERT INTO controller_node (node, console_url, seen_at) VALUES (?, ?, CURRENT_TIMESTAMP) "
                + "ON CONFLICT (node) DO UPDATE SET console_url = EXCLUDED.console_url, seen_at = CURRENT_TIMESTAMP",
                node, consoleUrl);
    }

    /** This node stops. */
    public void gone(String node) {
        jdbc.update("DELETE FROM controller_node WHERE node = ?", node);
    }

    /** The nodes seen within {@link #SEEN_WITHIN}, by id; also removes the rows of nodes long gone. */
    public List<Node> seen() {
        jdbc.update("DELETE FROM controller_node WHERE seen_at < CURRENT_TIMESTAMP - INTERVAL '1 day'");
        return jdbc.query("SELECT node, console_url FROM controller_node WHERE seen_at >= CURRENT_TIMESTAMP - "
                + "INTERVAL '" + SEEN_WITHIN.toSeconds() + " seconds' ORDER BY node",
                rs -> new Node(rs.getString("node"), rs.getString("console_url")));
    }
}
