package vn.loa.agent.command;

import java.util.Optional;

/** Whether the loudspeakers are free for a test: nothing playing and nothing due in the window. */
@FunctionalInterface
public interface AirTime {
    /** Why the window [now, now + millis] is not free, or empty when it is. */
    Optional<String> conflict(long millis);
}
