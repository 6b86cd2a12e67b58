package vn.loa.controller.events;

/** One open live-event stream (a console tab). */
public interface EventSubscriber {
    /** Queues one SSE frame; false when the subscriber is gone or too far behind (the hub drops it). */
    boolean send(String frame);

    /** Whether events about this station reach this subscriber (its account's area scope). */
    default boolean sees(long stationId) {
        return true;
    }

    /** Ends the stream. */
    void close();
}
