package vn.loa.controller.cap;

/**
 * How CAP intake airs and stops announcements: the controller's announcement service behind a small port, so that
 * intake stays apart from how announcements are prepared and paced.
 */
public interface CapAnnouncer {
    /**
     * Opens an announcement for the decision (blocking: prepares its audio) on behalf of {@code accountId}.
     *
     * @return the announcement's id
     * @throws CapRejected when the announcement cannot be made (its reason, e.g. no speech engine)
     */
    long announce(CapDecision.Broadcast broadcast, Long accountId) throws InterruptedException;

    /** Stops a running announcement; false when it is not running. */
    boolean stop(long announcementId, String reason);
}
