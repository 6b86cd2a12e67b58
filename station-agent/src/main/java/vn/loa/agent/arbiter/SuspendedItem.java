package vn.loa.agent.arbiter;

import vn.loa.protocol.v1.PlanItem;

/** A plan item that was interrupted and goes on later (its {@code on_preempt} is RESUME or RESTART). */
public record SuspendedItem(PlanItem item, Suspension suspension) {
    /** From where it plays again: the sample where it stopped, or its start. */
    public long resumeFromSample() {
        return item.getOnPreempt() == PlanItem.OnPreempt.RESTART ? 0 : suspension.samplesPlayed();
    }

    public boolean restarts() {
        return item.getOnPreempt() == PlanItem.OnPreempt.RESTART;
    }
}
