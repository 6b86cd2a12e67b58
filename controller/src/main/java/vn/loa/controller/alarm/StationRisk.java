package vn.loa.controller.alarm;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * Whether a station is "at risk" of losing its link (docs/updates.md#cellular-link-health): a condition that
 * threatens the link holds now, though the station is still connected. Pure: the station's active conditions
 * in, the kinds that make it at risk out (in the enum's order).
 */
public final class StationRisk {
    /** The kinds that put a station at risk: a weak mobile signal, a data plan near its end. */
    public static final Set<AlarmKind> KINDS = EnumSet.of(AlarmKind.WEAK_SIGNAL, AlarmKind.DATA_QUOTA);

    private StationRisk() {
    }

    /** The at-risk kinds among the station's active conditions; empty: not at risk. */
    public static List<AlarmKind> of(Set<AlarmKey> active) {
        EnumSet<AlarmKind> out = EnumSet.noneOf(AlarmKind.class);
        for (AlarmKey k : active) {
            if (KINDS.contains(k.kind())) {
                out.add(k.kind());
            }
        }
        return List.copyOf(out);
    }
}
