package vn.loa.controller.inbox;

import java.time.Instant;
import java.util.Optional;
import vn.loa.protocol.v1.Priority;

/**
 * Where an accepted slot really goes: the first instant at or after it when an item of this priority may
 * sound in the whole commune (quiet hours: docs/quiet-hours.md). Empty when rules hold it back for good.
 */
@FunctionalInterface
public interface SlotRule {
    /** Every slot stays where the commune chose it. */
    SlotRule ANY = (communeId, slot, priority) -> Optional.of(slot);

    Optional<Instant> allowedFrom(long communeId, Instant slot, Priority priority);
}
