package vn.loa.controller.plan;

import java.util.Map;
import vn.loa.protocol.v1.PlanSync;

/**
 * What a feature adds to freshly built plans before they are compared and delivered (quiet hours:
 * {@code QuietHoursService} in the quiet package). It must change a plan's version whenever it changes
 * its content, or the station would not receive it. Called once per rebuild, under the planner's lock.
 */
@FunctionalInterface
public interface PlanExtras {
    PlanExtras NONE = plans -> plans;

    Map<Long, PlanSync> addTo(Map<Long, PlanSync> plans);
}
