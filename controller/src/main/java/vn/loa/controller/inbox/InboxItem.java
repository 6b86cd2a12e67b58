package vn.loa.controller.inbox;

import java.time.Instant;
import java.util.List;

/** One commune's copy of a dispatch, with its answer. */
public record InboxItem(long id, long dispatchId, long communeId, ItemState state, List<Instant> slots, String reason,
        Long answeredBy, Instant answeredAt, String areaReview) {
    public InboxItem {
        slots = slots == null ? List.of() : List.copyOf(slots);
    }
}
