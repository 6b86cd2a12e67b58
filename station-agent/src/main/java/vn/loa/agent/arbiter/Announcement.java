package vn.loa.agent.arbiter;

import vn.loa.protocol.v1.Priority;

/**
 * An announcement the station holds, as the arbiter sees it.
 *
 * @param arrival    the order its start message arrived in (first come, first served among equals)
 * @param startAtMs  its common start instant (controller clock)
 * @param suspension set when it was interrupted and waits to go on; null otherwise
 */
public record Announcement(long id, Priority priority, long arrival, long startAtMs, boolean live,
        Suspension suspension) {
    public boolean suspended() {
        return suspension != null;
    }
}
