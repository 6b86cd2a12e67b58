package vn.loa.controller.announcement;

import java.util.Collection;
import vn.loa.protocol.v1.BroadcastStart;

/**
 * When an announcement is over, and whether a station that connects while it runs may still join: pure
 * decisions over the stations' states and the announcement's window (its start + play length + 5 s, then
 * 60 s more for reports).
 */
final class AnnouncementWindow {
    /** Reports (and late joiners) are waited for this long after the play's end. */
    static final long GIVE_UP_AFTER_END_MS = 60_000;
    /** Above the audio's own length: the chime and the stations' scheduling. */
    static final long PLAY_MARGIN_MS = 5_000;

    private AnnouncementWindow() {
    }

    /** The play's length: the recorded audio times its repeats, or what a live one has had so far; plus 5 s. */
    static long playMs(BroadcastStart template, int packetCount, long frameMs) {
        if (template.getLive()) {
            return packetCount * frameMs + PLAY_MARGIN_MS;
        }
        return template.getTotalSamples() * 1000L / Math.max(1, template.getSampleRate())
                * Math.max(1, template.getRepeat()) + PLAY_MARGIN_MS;
    }

    /** The window is over: nobody is waited for any more. */
    static boolean over(boolean ended, long nowMs, long startAtMs, long playMs) {
        return ended && nowMs > startAtMs + playMs + GIVE_UP_AFTER_END_MS;
    }

    /**
     * Finished when every station is done, failed (other than by a lost link) or — once the window is over —
     * offline or lost; or when the window is over and no station joined late (with a start of its own).
     */
    static boolean finished(Collection<TargetState> targets, boolean ended, long nowMs, long startAtMs, long playMs) {
        boolean windowOver = over(ended, nowMs, startAtMs, playMs);
        boolean allTerminal = true;
        boolean joinedLate = false;
        for (TargetState t : targets) {
            boolean settled = t.state() == StationState.DONE || (t.state() == StationState.FAILED && !t.linkLost())
                    || ((t.state() == StationState.OFFLINE || t.linkLost()) && windowOver);
            allTerminal &= settled;
            joinedLate |= t.startAtMs() > startAtMs;
        }
        return allTerminal || (windowOver && !joinedLate);
    }

    /** What a station that connects while the announcement runs does with it. */
    sealed interface Join {
        /** Nothing: it is not waiting for it (or it is over). */
        record None() implements Join {
        }

        /** Its link was lost while it played: it plays on from what it holds, sent every packet again. */
        record Resume() implements Join {
        }

        /** It starts from the beginning, at its own start instant. */
        record StartAt(long startAtMs) implements Join {
        }
    }

    /**
     * @param linkFoundLost its link closed and the pacer has not noticed yet (the station reconnected first)
     * @param stationLeadMs the station's own warm-up and settle ({@code start_lead_ms})
     */
    static Join join(TargetState t, boolean linkFoundLost, boolean opened, boolean stopped, boolean live,
            boolean ended, long nowMs, long commonStartMs, long playMs, long defaultLeadMs, long stationLeadMs) {
        boolean linkLost = t.linkLost() || linkFoundLost;
        boolean waiting = t.state() == StationState.OFFLINE || t.state() == StationState.PENDING
                || t.state() == StationState.RECEIVING || linkLost;
        if (stopped || !opened || !waiting) {
            return new Join.None();
        }
        if (!live && nowMs > commonStartMs + playMs + GIVE_UP_AFTER_END_MS) {
            return new Join.None();
        }
        if (linkLost && t.startedAtMs() != 0) {
            return new Join.Resume();
        }
        return new Join.StartAt(LeadPolicy.joinStart(commonStartMs, nowMs, defaultLeadMs, stationLeadMs));
    }
}
