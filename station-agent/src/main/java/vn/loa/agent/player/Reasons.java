package vn.loa.agent.player;

import java.util.List;
import java.util.StringJoiner;
import vn.loa.agent.arbiter.Cause;
import vn.loa.protocol.v1.PlayReport;

/**
 * The outcome and reason codes of play reports and announcement statuses (docs/protocol.md §10),
 * written in one place from typed values; nothing reads them back.
 */
final class Reasons {
    /** The reason of a local-mode period in the as-run log. */
    static final String LOCAL_MODE = "LOCAL_MODE";

    private Reasons() {
    }

    static PlayReport.Outcome outcome(PlaySequence.Ending ending) {
        return switch (ending) {
            case PlaySequence.Ending.Completed c -> PlayReport.Outcome.PLAYED;
            case PlaySequence.Ending.Interrupted i -> i.interruption().cause() instanceof Cause.Cancelled
                    ? PlayReport.Outcome.STOPPED : PlayReport.Outcome.PREEMPTED;
            case PlaySequence.Ending.Failed f -> PlayReport.Outcome.FAILED;
        };
    }

    static String of(PlaySequence.Ending ending) {
        return switch (ending) {
            case PlaySequence.Ending.Completed c -> join(
                    c.failedZones().isEmpty() ? "" : "ZONES_FAILED:" + zones(c.failedZones()),
                    c.startedLate() ? "STARTED_LATE" : "");
            case PlaySequence.Ending.Interrupted i -> interrupted(i.interruption().cause());
            case PlaySequence.Ending.Failed f -> f.failure() == PlaySequence.Failure.HARDWARE
                    ? "HARDWARE: " + f.detail() : f.failure().name();
        };
    }

    /** {@code PREEMPTED_BY:b12}, {@code PREEMPTED_BY:s7-1796119200}, {@code CUT_BY:s7-1796119200}, {@code CANCELLED: …}. */
    static String interrupted(Cause cause) {
        return switch (cause) {
            case Cause.ByAnnouncement a -> "PREEMPTED_BY:" + a.label();
            case Cause.ByItem i -> "PREEMPTED_BY:" + i.label();
            case Cause.CutBy c -> "CUT_BY:" + c.label();
            case Cause.Cancelled c -> cancelled(c.reason());
            case Cause.LocalMode l -> "PREEMPTED_BY:" + l.label();
        };
    }

    static String cancelled(String reason) {
        return "CANCELLED: " + reason;
    }

    /** What a live announcement's status says while something else plays. */
    static String interruptedBy(Cause cause) {
        return "INTERRUPTED_BY:" + cause.label();
    }

    static String resumedAfter(Cause cause) {
        return "RESUMED_AFTER:" + cause.label();
    }

    static String restartedAfter(Cause cause) {
        return "RESTARTED_AFTER:" + cause.label();
    }

    /** The SKIPPED record of the rest of an item whose {@code on_preempt} is SKIP. */
    static String restSkippedAfter(Cause cause) {
        return "REST_SKIPPED_AFTER:" + cause.label();
    }

    static String underruns(int n) {
        return n > 0 ? "UNDERRUNS:" + n : "";
    }

    /** Reason codes joined with {@code ;}, empty ones left out. */
    static String join(String... parts) {
        StringJoiner j = new StringJoiner(";");
        for (String p : parts) {
            if (p != null && !p.isEmpty()) {
                j.add(p);
            }
        }
        return j.toString();
    }

    private static String zones(List<Long> ids) {
        StringJoiner j = new StringJoiner(",");
        ids.forEach(id -> j.add(Long.toString(id)));
        return j.toString();
    }
}
