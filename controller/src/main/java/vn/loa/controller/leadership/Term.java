package vn.loa.controller.leadership;

import java.time.Instant;

/**
 * This node's current leadership: the generation it took over with (its fencing token), and until when
 * it may act — in this node's clock, counted from before the take-over or the last renewal was sent, so
 * never later than the lease in the database.
 */
public record Term(long generation, Instant validUntil) {
}
