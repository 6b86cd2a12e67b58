package vn.loa.controller.inbound;

import java.util.List;

/** Puts a spoken emergency on the air in these communes at once; returns the announcement id. */
@FunctionalInterface
public interface EmergencyAnnouncer {
    long announce(String title, String text, String language, List<Long> communeIds, Long accountId);
}
