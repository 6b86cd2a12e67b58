package vn.loa.agent.health;

import java.util.Set;
import java.util.TreeSet;
import vn.loa.protocol.v1.PlayReport;

/**
 * What the station's play reports say about its health: failures in total and in a row, and which
 * zones failed the last time they were switched (by a play or a remote test). Thread-safe.
 */
public final class PlayStats {
    private static final String ZONES_FAILED = "ZONES_FAILED";

    private long failuresTotal;
    private long streamUnderruns;
    private int consecutiveFailures;
    private final Set<Long> failedZones = new TreeSet<>();

    public synchronized void record(PlayReport report) {
        for (String token : report.getReason().split(";")) {
            if (token.startsWith("UNDERRUNS:")) {
                try {
                    streamUnderruns += Long.parseLong(token.substring("UNDERRUNS:".length()).trim());
                } catch (NumberFormatException e) {
                    // not a count: nothing to add
                }
            }
        }
        switch (report.getOutcome()) {
            case FAILED -> {
                failuresTotal++;
                consecutiveFailures++;
            }
            case PLAYED -> consecutiveFailures = 0;
            default -> {
                // skipped or preempted: neither a failure nor proof that playing works
            }
        }
        Set<Long> failed = zonesFailed(report);
        if (failed == null) {
            return;
        }
        for (long zone : report.getZoneIdsList()) {
            if (failed.contains(zone)) {
                failedZones.add(zone);
            } else if (report.getOutcome() == PlayReport.Outcome.PLAYED) {
                failedZones.remove(zone);
            }
        }
    }

    /** The zones the report names as failed; all its zones for a plain ZONES_FAILED; null when it says nothing about zones. */
    static Set<Long> zonesFailed(PlayReport report) {
        Set<Long> out = new TreeSet<>();
        for (String token : report.getReason().split(";")) {
            String t = token.trim();
            if (t.equals(ZONES_FAILED)) {
                out.addAll(report.getZoneIdsList());
            } else if (t.startsWith(ZONES_FAILED + ":")) {
                for (String id : t.substring(ZONES_FAILED.length() + 1).split(",")) {
                    try {
                        out.add(Long.parseLong(id.trim()));
                    } catch (NumberFormatException e) {
                        // an unparsable id is not a zone; the rest of the list still counts
                    }
                }
            }
        }
        if (out.isEmpty() && report.getOutcome() != PlayReport.Outcome.PLAYED) {
            return null;
        }
        return out;
    }

    /** A remote test switched this zone: it works, or it does not. */
    public synchronized void zoneTested(long zoneId, boolean ok) {
        if (ok) {
            failedZones.remove(zoneId);
        } else {
            failedZones.add(zoneId);
        }
    }

    /** Live-stream packets that were missing when due, over all announcements since the agent started. */
    public synchronized long streamUnderruns() {
        return streamUnderruns;
    }

    public synchronized long failuresTotal() {
        return failuresTotal;
    }

    public synchronized int consecutiveFailures() {
        return consecutiveFailures;
    }

    public synchronized Set<Long> failedZones() {
        return Set.copyOf(failedZones);
    }
}
