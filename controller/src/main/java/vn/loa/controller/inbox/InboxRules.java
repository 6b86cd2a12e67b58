package vn.loa.controller.inbox;

import java.time.Instant;
import java.util.List;

/** The TT 39 rules for an answer, pure: whether it may be given now, and what it leads to. */
public final class InboxRules {
    /** More slots than this is a mistake, not a plan. */
    public static final int MAX_SLOTS = 10;

    private InboxRules() {
    }

    /** The outcome of an answer: the item's new state and slots, or why it is refused. */
    public sealed interface Outcome {
    }

    public record Allowed(ItemState state, List<Instant> slots) implements Outcome {
    }

    public record Refused(String reason) implements Outcome {
    }

    /** The state as of {@code now}: a pending item past its deadline has expired. */
    public static ItemState stateAt(Dispatch d, InboxItem item, Instant now) {
        if (item.state() == ItemState.PENDING && d.respondBy() != null && !now.isBefore(d.respondBy())) {
            return ItemState.EXPIRED;
        }
        return item.state();
    }

    /** What the sender sees: PLAYED once a schedule of an accepted or priority item played. */
    public static ItemState senderState(Dispatch d, InboxItem item, Instant now, boolean played) {
        ItemState state = stateAt(d, item, now);
        return played && (state == ItemState.ACCEPTED || state == ItemState.SCHEDULED) ? ItemState.PLAYED : state;
    }

    public static Outcome answer(Dispatch d, InboxItem item, Answer answer, Instant now) {
        ItemState state = stateAt(d, item, now);
        return switch (answer) {
            case Answer.Accept a -> {
                if (d.level() != Level.NORMAL || state != ItemState.PENDING) {
                    yield refusedFor(d, state, "accepted");
                }
                List<Instant> slots = a.slots().isEmpty() ? List.of(d.proposedAt()) : a.slots();
                if (slots.size() > MAX_SLOTS) {
                    yield new Refused("slots: at most " + MAX_SLOTS);
                }
                for (Instant s : slots) {
                    if (!s.isAfter(now)) {
                        yield new Refused("slots: " + s + " is not in the future");
                    }
                }
                yield new Allowed(ItemState.ACCEPTED, slots.stream().sorted().distinct().toList());
            }
            case Answer.Decline dec -> {
                if (d.level() != Level.NORMAL || state != ItemState.PENDING) {
                    yield refusedFor(d, state, "declined");
                }
                if (dec.reason() == null || dec.reason().isBlank()) {
                    yield new Refused("reason: say why the commune declines");
                }
                yield new Allowed(ItemState.DECLINED, List.of());
            }
            case Answer.Move m -> {
                if (d.level() != Level.PRIORITY || state != ItemState.SCHEDULED) {
                    yield refusedFor(d, state, "moved");
                }
                Instant latest = d.proposedAt().plus(d.window());
                if (m.to().isBefore(d.proposedAt()) || m.to().isAfter(latest)) {
                    yield new Refused("to: " + m.to() + " is outside the window the sender allows ("
                            + d.proposedAt() + " – " + latest + ")");
                }
                if (!m.to().isAfter(now)) {
                    yield new Refused("to: " + m.to() + " is not in the future");
                }
                yield new Allowed(ItemState.SCHEDULED, List.of(m.to()));
            }
        };
    }

    private static Refused refusedFor(Dispatch d, ItemState state, String verb) {
        if (state != ItemState.PENDING && state != ItemState.SCHEDULED) {
            return new Refused("this item is " + state + " and can no longer be " + verb);
        }
        return new Refused("a " + d.level() + " item cannot be " + verb
                + (d.level() == Level.PRIORITY ? " (it is scheduled; move it within the window)" : ""));
    }
}
