package vn.loa.controller.inbox;

import java.time.Instant;
import java.util.List;

/** What a commune operator does with an inbox item. */
public sealed interface Answer {
    /** Broadcast it at these instants (empty: at the proposed time). */
    record Accept(List<Instant> slots) implements Answer {
        public Accept {
            slots = List.copyOf(slots);
        }
    }

    record Decline(String reason) implements Answer {
    }

    /** A priority item to another time within the sender's window. */
    record Move(Instant to) implements Answer {
    }
}
