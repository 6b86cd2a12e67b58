package vn.loa.agent.arbiter;

import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.Priority;

/** What plays now, for {@link Arbiter#interruption}. */
public sealed interface Playing {
    Priority priority();

    record Item(PlanItem item) implements Playing {
        @Override
        public Priority priority() {
            return item.getPriority();
        }
    }

    /** @param stopReason set once the sender stopped it; null while it runs */
    record Broadcast(long id, Priority priority, boolean live, String stopReason) implements Playing {
    }
}
