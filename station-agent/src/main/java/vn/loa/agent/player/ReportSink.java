package vn.loa.agent.player;

import vn.loa.protocol.v1.PlayReport;

/** Where the player's as-run records go (durably, before anything else). */
@FunctionalInterface
public interface ReportSink {
    /** @return true once the report is stored durably; false when it could not be */
    boolean report(PlayReport report);
}
