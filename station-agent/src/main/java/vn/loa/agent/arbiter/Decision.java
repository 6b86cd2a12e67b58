package vn.loa.agent.arbiter;

import java.util.Optional;
import java.util.Set;
import vn.loa.protocol.quiet.QuietDecision;
import vn.loa.protocol.v1.PlanItem;

/** What the player does next. */
public sealed interface Decision {
    /**
     * Play an announcement.
     *
     * @param inStep   start at the common instant with every other station (drop what a late start missed)
     * @param resuming set when it goes on after an interruption (a live one at its live edge, a recorded one
     *                 from where it stopped); null for a fresh start
     */
    record PlayAnnouncement(long id, long startAtMs, boolean inStep, Suspension resuming) implements Decision {
    }

    /**
     * Play a plan item, its first sample at {@code startAtMs}, on the zones and at the time-of-day gain that
     * quiet hours leave it ({@code quiet}).
     */
    record PlayItem(PlanItem item, long startAtMs, QuietDecision quiet) implements Decision {
        /** Untouched by quiet hours: all its zones, as loud as the station plays. */
        public PlayItem(PlanItem item, long startAtMs) {
            this(item, startAtMs, new QuietDecision(Set.copyOf(item.getZoneIdsList()), Optional.empty(), 0, Optional.empty()));
        }
    }

    /** Play an interrupted item again: its rest ({@code RESUME}) or all of it ({@code RESTART}). */
    record ResumeItem(SuspendedItem suspended, long startAtMs, QuietDecision quiet) implements Decision {
        /** Untouched by quiet hours. */
        public ResumeItem(SuspendedItem suspended, long startAtMs) {
            this(suspended, startAtMs, new PlayItem(suspended.item(), startAtMs).quiet());
        }
    }

    /** Report a plan item SKIPPED without playing it. */
    record SkipItem(PlanItem item, SkipReason reason) implements Decision {
    }

    /** Give up an interrupted item: report it SKIPPED. */
    record DropSuspendedItem(SuspendedItem suspended, SkipReason reason) implements Decision {
    }

    /** Give up an interrupted recorded announcement. */
    record DropAnnouncement(long id, SkipReason reason) implements Decision {
    }

    /** The hold after the last stream is over: switch the amplifier off. */
    record AmplifierOff() implements Decision {
    }

    /** Keep the amplifier on until then: the next item would need it again before it could warm up. */
    record HoldAmplifier(long untilMs) implements Decision {
    }

    /** Nothing to do before {@code untilMs} (or before something changes). */
    record Wait(long untilMs, WaitReason reason) implements Decision {
    }

    enum SkipReason {
        /** Later than its hard time allows when the player came to it. */
        TOO_LATE,
        /** Interrupted longer ago than an item may wait to go on. */
        TOO_LATE_TO_RESUME,
        /** Its instant falls in quiet hours that hold its priority back (the plan's rules, kept offline too). */
        QUIET_HOURS
    }

    /** What the wait ends on (the first of them). */
    enum WaitReason {
        /** No plan item fires on an unknown clock; an announcement may still come. */
        CLOCK_UNKNOWN,
        /** An announcement becomes due. */
        ANNOUNCEMENT,
        /** A plan item becomes due. */
        PLAN_ITEM,
        /** The amplifier's hold ends. */
        AMPLIFIER_HOLD,
        /** Nothing is due soon: look again in a while. */
        IDLE,
        /** The station is in local mode: nothing plays until it ends (items due meanwhile become too late). */
        LOCAL_MODE
    }
}
