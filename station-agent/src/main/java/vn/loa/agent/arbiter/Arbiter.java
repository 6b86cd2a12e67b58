package vn.loa.agent.arbiter;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;
import vn.loa.protocol.quiet.QuietDecision;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.Priority;

/**
 * The one place where a station decides what plays: pure, from values ({@link Situation}), with an
 * injected instant. The player asks {@link #next} whenever it is free and {@link #interruption}
 * before every 20 ms frame of whatever plays, and carries the answer out.
 *
 * <p>The rules, in the order they are applied:
 * <ul>
 *   <li>Priorities: EMERGENCY &gt; PRIORITY &gt; NORMAL &gt; RELAY &gt; BACKGROUND; among equal
 *       announcements, first come first served.</li>
 *   <li>An announcement of strictly higher priority interrupts a plan item or an announcement, from
 *       {@link #INTERRUPT_MARGIN_MS} + settle before its start.</li>
 *   <li>A plan item interrupts, the same margin before its instant: an announcement of strictly lower
 *       priority; a plan item of strictly lower priority unless it asks to wait ({@link #asksToWait});
 *       with hard time CUT, a plan item of equal or lower priority.</li>
 *   <li>What was interrupted: a plan item follows its {@code on_preempt} (resume, restart, or skip the
 *       rest); a live announcement goes on at its live edge; a recorded one goes on from where it
 *       stopped when a scheduled item cut it, and is over when an announcement did.</li>
 *   <li>When free: a due announcement first, unless a due plan item has a strictly higher priority;
 *       then an interrupted item, unless a due plan item would interrupt it again; then the plan.</li>
 *   <li>Quiet hours (the plan's rules, {@link vn.loa.protocol.quiet.QuietHours}): a due item that they hold
 *       back at its instant is skipped ({@code QUIET_HOURS}) and interrupts nothing; one they let through
 *       plays on the zones they leave and at their time-of-day gain. An interrupted item is looked at again
 *       when it would go on: given up ({@code QUIET_HOURS}) if they now hold it back.</li>
 *   <li>Late: an item further past its instant than its hard time allows is skipped (the late
 *       tolerance, its {@code max_wait_ms}, or 6 h for NEXT); an interrupted one after 1 h.</li>
 * </ul>
 */
public final class Arbiter {
    /** Interrupting something that plays needs this on top of the settle (the output drains). */
    public static final long INTERRUPT_MARGIN_MS = 150;
    /**
     * What starts is handed to the player this much before its switching must begin, so that the work
     * between the decision and the first switch (journalling the start, opening the media, a thread woken a
     * few ms late — 5 ms a second on a wall clock that runs fast against the monotonic one) and between the
     * zones and the first sample (switching the zones, opening the output, decoding the first frame) is done
     * before the instant rather than out of the lead: a plan item plays whole, it never drops what a late
     * start missed. The player then waits for the instant ({@code PlaySequence}). With the amplifier on, the
     * interruption's margin is already that much.
     */
    public static final long PREPARE_MS = 150;
    /** How long an interrupted item or recorded announcement may wait to go on before it is given up. */
    public static final long MAX_RESUME_DELAY_MS = 60 * 60 * 1000L;
    /** A NEXT item plays however late, but not hours late. */
    public static final long MAX_NEXT_DELAY_MS = 6 * 60 * 60 * 1000L;
    /** The longest wait between two looks (a plan or an announcement may arrive meanwhile). */
    public static final long MAX_IDLE_WAIT_MS = 1000;

    /** Announcements in the order they play: highest priority, then first arrived. */
    static final Comparator<Announcement> ORDER = Comparator
            .comparingInt((Announcement a) -> -rank(a.priority())).thenComparingLong(Announcement::arrival);
    /** Interrupted items in the order they go on: highest priority, then the last interrupted. */
    static final Comparator<SuspendedItem> RESUME_ORDER = Comparator
            .comparingInt((SuspendedItem s) -> -rank(s.item().getPriority()))
            .thenComparingLong(s -> -s.suspension().sinceMs());

    /**
     * @param warmUp        amplifier on → zones on
     * @param settle        zones on → first sample
     * @param lateTolerance how late an item with the default hard time may still start
     */
    public record Timing(Duration warmUp, Duration settle, Duration lateTolerance) {
    }

    private final long warmUpMs;
    private final long settleMs;
    private final long lateToleranceMs;

    public Arbiter(Timing timing) {
        this.warmUpMs = timing.warmUp().toMillis();
        this.settleMs = timing.settle().toMillis();
        this.lateToleranceMs = timing.lateTolerance().toMillis();
    }

    /** What to do now that the station is free. */
    public Decision next(Situation s) {
        long now = s.nowMs();
        Optional<Decision> giveUp = giveUps(s);
        if (giveUp.isPresent()) {
            return giveUp.get();
        }
        if (s.localMode()) {
            // the local mixer has the amplifier and the zones: release ours at once, play nothing
            return s.amplifierOn() ? new Decision.AmplifierOff()
                    : new Decision.Wait(now + MAX_IDLE_WAIT_MS, Decision.WaitReason.LOCAL_MODE);
        }
        long lead = lead(s.amplifierOn());
        // due with the interruption's margin too, so that what it interrupted is not picked up in between
        long dueLead = Math.max(lead + PREPARE_MS, interruptLead());
        Optional<Announcement> announcement = best(s.announcements(),
                a -> !s.clockSynchronised() || startOf(a, now) - dueLead <= now);
        PlanItem next = s.clockSynchronised() ? earliest(s.plan()) : null;
        boolean planDue = next != null && next.getPlannedAtMs() - dueLead <= now;
        if (announcement.isPresent()
                && !(planDue && rank(next.getPriority()) > rank(announcement.get().priority()))) {
            return play(announcement.get(), s, lead);
        }
        long waitMs = MAX_IDLE_WAIT_MS;
        Decision.WaitReason reason = Decision.WaitReason.IDLE;
        if (announcement.isEmpty()) {
            long dueIn = s.announcements().stream().mapToLong(a -> startOf(a, now) - dueLead - now).min()
                    .orElse(Long.MAX_VALUE);
            if (dueIn < waitMs) {
                waitMs = dueIn;
                reason = Decision.WaitReason.ANNOUNCEMENT;
            }
        }
        if (!s.clockSynchronised()) {
            return new Decision.Wait(now + Math.max(1, waitMs), Decision.WaitReason.CLOCK_UNKNOWN);
        }
        Optional<SuspendedItem> interrupted = s.suspended().stream().min(RESUME_ORDER);
        if (interrupted.isPresent() && announcement.isEmpty()
                && !(planDue && itemInterrupts(next, interrupted.get().item()).isPresent())) {
            // quiet hours again at the instant it goes on: held back now, it is given up; else their zones and gain
            PlanItem item = interrupted.get().item();
            QuietDecision quiet = s.quiet().decide(Instant.ofEpochMilli(now + lead), item.getPriority(),
                    Set.copyOf(item.getZoneIdsList()));
            if (quiet.heldBack()) {
                return new Decision.DropSuspendedItem(interrupted.get(), Decision.SkipReason.QUIET_HOURS);
            }
            return new Decision.ResumeItem(interrupted.get(), now + lead, quiet);
        }
        if (s.amplifierOn() && now >= s.amplifierOffAtMs()) {
            // keep the amplifier on when the next item would need it again before it could warm up
            long reuseWindow = warmUpMs + settleMs + 1000;
            if (next != null && next.getPlannedAtMs() - now <= reuseWindow) {
                return new Decision.HoldAmplifier(next.getPlannedAtMs() + 1);
            }
            return new Decision.AmplifierOff();
        }
        if (next != null) {
            long dueIn = next.getPlannedAtMs() - dueLead - now;
            if (dueIn <= 0) {
                QuietDecision quiet = quiet(s, next);
                if (quiet.heldBack()) {
                    return new Decision.SkipItem(next, Decision.SkipReason.QUIET_HOURS);
                }
                return new Decision.PlayItem(next, next.getPlannedAtMs(), quiet);
            }
            if (dueIn < waitMs) {
                waitMs = dueIn;
                reason = Decision.WaitReason.PLAN_ITEM;
            }
        }
        if (s.amplifierOn() && s.amplifierOffAtMs() - now < waitMs) {
            waitMs = s.amplifierOffAtMs() - now;
            reason = Decision.WaitReason.AMPLIFIER_HOLD;
        }
        return new Decision.Wait(now + Math.max(1, waitMs), reason);
    }

    /** Whether what plays must stop now, why, and what becomes of it; empty to go on. */
    public Optional<Interruption> interruption(Playing playing, Situation s) {
        long now = s.nowMs();
        if (s.localMode()) {
            Cause local = new Cause.LocalMode();
            return Optional.of(new Interruption(local, aftermath(playing, local)));
        }
        if (playing instanceof Playing.Broadcast b && b.stopReason() != null) {
            return Optional.of(new Interruption(new Cause.Cancelled(b.stopReason()), Aftermath.CANCELLED));
        }
        long playingId = playing instanceof Playing.Broadcast b ? b.id() : -1;
        Optional<Announcement> announcement = best(s.announcements(), a -> a.id() != playingId
                && rank(a.priority()) > rank(playing.priority()) && a.startAtMs() - interruptLead() <= now);
        if (announcement.isPresent()) {
            Cause by = new Cause.ByAnnouncement(announcement.get().id());
            return Optional.of(new Interruption(by, aftermath(playing, by)));
        }
        if (!s.clockSynchronised()) {
            return Optional.empty();
        }
        for (PlanItem other : s.plan()) {
            if (other.getPlannedAtMs() - interruptLead() > now || quiet(s, other).heldBack()) {
                continue;
            }
            Optional<Cause> by = switch (playing) {
                case Playing.Item p -> other.getItemId().equals(p.item().getItemId()) ? Optional.empty()
                        : itemInterrupts(other, p.item()).filter(c -> stillOnTime(other, c, now));
                case Playing.Broadcast b -> rank(other.getPriority()) > rank(b.priority())
                        && other.getPlannedAtMs() + maxDelay(other) >= now
                        ? Optional.of(new Cause.ByItem(other.getItemId())) : Optional.empty();
            };
            if (by.isPresent()) {
                return Optional.of(new Interruption(by.get(), aftermath(playing, by.get())));
            }
        }
        return Optional.empty();
    }

    /**
     * Whether a plan item asks to wait for the station to be free rather than interrupt a playing item
     * of lower priority: hard time NEXT, or a WAIT the schedule asked for — {@code max_wait_ms} present
     * (protocol 2: an explicit WAIT, even with 0 = the default tolerance; a version-1 controller sends it
     * only when it is not 0, so naming how long it may wait is asking, as before).
     */
    public static boolean asksToWait(PlanItem item) {
        return item.getHardTime() == PlanItem.HardTime.NEXT
                || item.getHardTime() == PlanItem.HardTime.WAIT && item.hasMaxWaitMs();
    }

    /** How far past its instant an item may still start. */
    public long maxDelay(PlanItem item) {
        return switch (item.getHardTime()) {
            case NEXT -> MAX_NEXT_DELAY_MS;
            case WAIT, CUT, UNRECOGNIZED -> item.getMaxWaitMs() > 0 ? item.getMaxWaitMs() : lateToleranceMs;
        };
    }

    /** What the plan's quiet hours make of an item at its instant. */
    private static QuietDecision quiet(Situation s, PlanItem item) {
        return s.quiet().decide(Instant.ofEpochMilli(item.getPlannedAtMs()), item.getPriority(),
                Set.copyOf(item.getZoneIdsList()));
    }

    /** Time the switching needs before the first sample: the settle, and the warm-up when the amplifier is off. */
    public long lead(boolean amplifierOn) {
        return settleMs + (amplifierOn ? 0 : warmUpMs);
    }

    /** How long before its start something that interrupts is acted on: the amplifier is on; the output drains. */
    public long interruptLead() {
        return settleMs + INTERRUPT_MARGIN_MS;
    }

    /** The strongest rank first; an unknown priority (a newer controller's) ranks below all. */
    static int rank(Priority p) {
        return p == Priority.UNRECOGNIZED ? 0 : p.getNumber();
    }

    /** How a plan item interrupts a playing one, by their priorities and hard time alone (not when). */
    private static Optional<Cause> itemInterrupts(PlanItem other, PlanItem playing) {
        if (other.getHardTime() == PlanItem.HardTime.CUT && rank(other.getPriority()) >= rank(playing.getPriority())) {
            return Optional.of(new Cause.CutBy(other.getItemId()));
        }
        if (rank(other.getPriority()) > rank(playing.getPriority()) && !asksToWait(other)) {
            return Optional.of(new Cause.ByItem(other.getItemId()));
        }
        return Optional.empty();
    }

    /** A CUT cuts within the late tolerance of its instant; an item that outranks, within its own hard time. */
    private boolean stillOnTime(PlanItem other, Cause by, long now) {
        long window = by instanceof Cause.CutBy ? lateToleranceMs : maxDelay(other);
        return other.getPlannedAtMs() + window >= now;
    }

    private static Aftermath aftermath(Playing playing, Cause by) {
        return switch (playing) {
            case Playing.Item p -> switch (p.item().getOnPreempt()) {
                case RESTART -> Aftermath.RESTART;
                case SKIP -> Aftermath.SKIP_REST;
                case RESUME, UNRECOGNIZED -> Aftermath.RESUME;
            };
            case Playing.Broadcast b -> b.live() ? Aftermath.LIVE_EDGE
                    : by instanceof Cause.ByAnnouncement ? Aftermath.OVER : Aftermath.RESUME;
        };
    }

    /** Items too late to play, and interrupted streams waited on too long: given up one at a time. */
    private Optional<Decision> giveUps(Situation s) {
        long now = s.nowMs();
        if (s.clockSynchronised()) {
            for (PlanItem item : s.plan()) {
                if (item.getPlannedAtMs() + maxDelay(item) < now) {
                    return Optional.of(new Decision.SkipItem(item, Decision.SkipReason.TOO_LATE));
                }
            }
        }
        for (SuspendedItem item : s.suspended()) {
            if (now - item.suspension().sinceMs() > MAX_RESUME_DELAY_MS) {
                return Optional.of(new Decision.DropSuspendedItem(item, Decision.SkipReason.TOO_LATE_TO_RESUME));
            }
        }
        for (Announcement a : s.announcements()) {
            if (a.suspended() && !a.live() && now - a.suspension().sinceMs() > MAX_RESUME_DELAY_MS) {
                return Optional.of(new Decision.DropAnnouncement(a.id(), Decision.SkipReason.TOO_LATE_TO_RESUME));
            }
        }
        return Optional.empty();
    }

    private Decision play(Announcement a, Situation s, long lead) {
        // in step with every other station: the common instant, on a synchronised clock
        boolean inStep = s.clockSynchronised() && !a.suspended();
        long startAt = inStep ? a.startAtMs() : s.nowMs() + lead;
        return new Decision.PlayAnnouncement(a.id(), startAt, inStep, a.suspension());
    }

    /** When an announcement starts: its common instant, or as soon as possible once it was interrupted. */
    private static long startOf(Announcement a, long now) {
        return a.suspended() ? Math.min(a.startAtMs(), now) : a.startAtMs();
    }

    private static Optional<Announcement> best(List<Announcement> announcements, Predicate<Announcement> eligible) {
        return announcements.stream().filter(eligible).min(ORDER);
    }

    private static PlanItem earliest(List<PlanItem> plan) {
        PlanItem next = null;
        for (PlanItem item : plan) {
            if (next == null || item.getPlannedAtMs() < next.getPlannedAtMs()) {
                next = item;
            }
        }
        return next;
    }
}
