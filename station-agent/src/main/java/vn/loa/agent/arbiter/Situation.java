package vn.loa.agent.arbiter;

import java.util.List;
import vn.loa.protocol.quiet.QuietHours;
import vn.loa.protocol.v1.PlanItem;

/**
 * Everything the arbiter decides from, as values.
 *
 * @param amplifierOffAtMs when the amplifier's hold after the last stream ends (only read while it is on)
 * @param announcements    the announcements held and not finished, stopped ones left out
 * @param plan             the plan's items not yet handled (not journalled as started or reported)
 * @param suspended        plan items interrupted and waiting to go on
 * @param localMode        the station is handed to the local mixer: nothing plays, the amplifier is released
 * @param quiet            the plan's quiet hours and time-of-day volume (kept offline as well)
 */
public record Situation(long nowMs, boolean clockSynchronised, boolean amplifierOn, long amplifierOffAtMs,
        List<Announcement> announcements, List<PlanItem> plan, List<SuspendedItem> suspended, boolean localMode,
        QuietHours quiet) {
    public Situation {
        announcements = List.copyOf(announcements);
        plan = List.copyOf(plan);
        suspended = List.copyOf(suspended);
    }

    /** Not in local mode, without quiet hours. */
    public Situation(long nowMs, boolean clockSynchronised, boolean amplifierOn, long amplifierOffAtMs,
            List<Announcement> announcements, List<PlanItem> plan, List<SuspendedItem> suspended) {
        this(nowMs, clockSynchronised, amplifierOn, amplifierOffAtMs, announcements, plan, suspended, false,
                QuietHours.none());
    }
}
