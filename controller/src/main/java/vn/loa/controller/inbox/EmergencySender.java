package vn.loa.controller.inbox;

import java.util.List;

/** The port through which an emergency goes out at once, without asking (as an announcement today). */
@FunctionalInterface
public interface EmergencySender {
    /** Starts broadcasting the bulletin to the communes now; returns the announcement id. */
    long sendNow(String title, long bulletinId, List<Long> communeIds, Long accountId);
}
