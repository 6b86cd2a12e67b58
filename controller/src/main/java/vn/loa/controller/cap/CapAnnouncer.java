package vn.loa.controller.cap;

/**
 * How CAP intake airs and stops announcements: the controller's announcement service behind a small port, so that
 * intake stays apart from how announcements are prepared and paced.
 */
public interface CapAnnouncer {
    /**
     * What was opened: the announcement's id, and {@code fallback}, why an audio resource was not played and its text
     * spoken instead (null when nothing fell back).
     */
    record Announced(long announcementId, String fallback) {
    }

    /**
     * Opens an announcement for the decision (blocking: fetches or prepares its audio) on behalf of {@code accountId}.
     *
     * @throws CapRejected when the announcement cannot be made (its reason, e.g. no speech engine)
     */
    Announced announce(CapDecision.Broadcast broadcast, Long accountId) throws InterruptedException;

    /** Stops a running announcement; false when it is not running. */
    boolean stop(long announcementId, String reason);
}
