package vn.loa.controller.area.change;

import java.util.List;

/**
 * A change made: its id, the successors' area ids (in the order asked), and the schedules and relays
 * it pinned and flagged for review.
 */
public record AreaChangeResult(long changeId, List<Long> successorIds, List<Long> flaggedSchedules,
        List<Long> flaggedRelays) {
}
