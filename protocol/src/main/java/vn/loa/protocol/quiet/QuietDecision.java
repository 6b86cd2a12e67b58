package vn.loa.protocol.quiet;

import java.util.Optional;
import java.util.Set;

/**
 * What quiet hours make of one item at one instant.
 *
 * @param zones      the item's zones that may sound (all of them when nothing holds it back)
 * @param heldBackBy the rule that holds the whole item back (every zone covered), if any
 * @param gainDb     the time-of-day gain (≤ 0 dB): the quietest active rule over the zones that sound
 * @param gainBy     the rule that sets that gain, if any
 */
public record QuietDecision(Set<Long> zones, Optional<QuietRule> heldBackBy, double gainDb, Optional<QuietRule> gainBy) {
    public QuietDecision {
        zones = Set.copyOf(zones);
    }

    public boolean heldBack() {
        return heldBackBy.isPresent();
    }

    /** The linear factor for {@link #gainDb}. */
    public double gainFactor() {
        return Math.pow(10, gainDb / 20);
    }
}
