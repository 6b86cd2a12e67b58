package vn.loa.controller.inbox;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import vn.loa.controller.area.Area;
import vn.loa.controller.area.AreaKind;
import vn.loa.controller.area.AreaTree;
import vn.loa.controller.schedule.rule.OnceRule;
import vn.loa.controller.schedule.rule.RuleParser;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.v1.PlanItem;
import vn.loa.protocol.v1.Priority;

/**
 * The commune's inbox (TT 39): sends a bulletin down to communes at a level, takes the communes'
 * answers, and makes the schedules that carry accepted and priority items. The rules are
 * {@link InboxRules}; this writes what they decide, one transaction per step.
 */
public final class InboxService {
    /** Writes the schedule rules of accepted and moved items (a schedule row stores its rule as the API JSON). */
    private static final RuleParser RULES = new RuleParser();
    private final Jdbc jdbc;
    private final InboxRepository repository;
    private final EmergencySender emergency;
    private final Runnable schedulesChanged;
    private final Clock clock;
    private final SlotRule slotRule;

    public InboxService(Jdbc jdbc, InboxRepository repository, EmergencySender emergency,
            Runnable schedulesChanged, Clock clock) {
        this(jdbc, repository, emergency, schedulesChanged, clock, SlotRule.ANY);
    }

    /** @param slotRule where an accepted slot really goes (quiet hours move it to the next allowed instant) */
    public InboxService(Jdbc jdbc, InboxRepository repository, EmergencySender emergency,
            Runnable schedulesChanged, Clock clock, SlotRule slotRule) {
        this.jdbc = jdbc;
        this.repository = repository;
        this.emergency = emergency;
        this.schedulesChanged = schedulesChanged;
        this.clock = clock;
        this.slotRule = slotRule;
    }

    /** What a sender asks for; {@code respondBy} for NORMAL, {@code window} for PRIORITY. */
    public record NewDispatch(String title, long bulletinId, Level level, Instant proposedAt, Instant respondBy,
            Duration window, List<Long> communeIds, Source source, String sourceRef, Long sentBy) {
    }

    /** The dispatch id and, for an emergency, the announcement that carries it. */
    public record Sent(long dispatchId, Long announcementId) {
    }

    /** Sends the bulletin down, or throws {@link InboxRefused}. The bulletin must be approved already. */
    public Sent send(NewDispatch d, AreaTree areas) {
        Instant now = clock.instant();
        List<String> problems = new ArrayList<>();
        Set<Long> communes = new LinkedHashSet<>(d.communeIds());
        if (communes.isEmpty()) {
            problems.add("communeIds: name at least one commune");
        }
        for (long id : communes) {
            if (areas.get(id).map(Area::kind).orElse(null) != AreaKind.COMMUNE) {
                problems.add("communeIds: " + id + " is not a commune that exists today");
            }
        }
        String approval = jdbc.queryOne("SELECT approval FROM bulletin WHERE id = ?", rs -> rs.getString(1),
                d.bulletinId()).orElse(null);
        if (approval == null) {
            problems.add("bulletinId: bulletin " + d.bulletinId() + " does not exist");
        } else if (!"APPROVED".equals(approval)) {
            problems.add("bulletinId: bulletin " + d.bulletinId() + " is " + approval
                    + "; it must be approved before it leaves the sender");
        }
        Instant proposed = d.level() == Level.EMERGENCY ? now : d.proposedAt();
        if (proposed == null) {
            problems.add("proposedAt: required for a " + d.level() + " bulletin");
        } else if (d.level() != Level.EMERGENCY && !proposed.isAfter(now)) {
            problems.add("proposedAt: must be in the future");
        }
        if (d.level() == Level.NORMAL && (d.respondBy() == null || !d.respondBy().isAfter(now))) {
            problems.add("respondBy: a normal bulletin needs a deadline in the future for the communes' answers");
        }
        if (d.level() == Level.PRIORITY && (d.window() == null || d.window().isNegative())) {
            problems.add("windowMinutes: a priority bulletin needs the window the communes may move it in (0 or more)");
        }
        if (!problems.isEmpty()) {
            throw new InboxRefused(problems);
        }
        Dispatch dispatch = new Dispatch(0, d.title(), d.bulletinId(), d.level(), proposed,
                d.level() == Level.NORMAL ? d.respondBy() : null, d.level() == Level.PRIORITY ? d.window() : null,
                d.source(), d.sourceRef(), d.sentBy(), now);
        long id = jdbc.inTransaction(c -> {
            long dispatchId = InboxRepository.insertDispatch(c, dispatch);
            for (long commune : communes) {
                long item = InboxRepository.insertItem(c, dispatchId, commune,
                        d.level() == Level.NORMAL ? ItemState.PENDING : ItemState.SCHEDULED);
                if (d.level() == Level.PRIORITY) {
                    InboxRepository.linkSchedule(c, item, schedule(c, dispatch, commune, proposed, Priority.PRIORITY));
                }
            }
            return dispatchId;
        });
        Long announcement = null;
        if (d.level() == Level.EMERGENCY) {
            announcement = emergency.sendNow(d.title(), d.bulletinId(), List.copyOf(communes), d.sentBy());
        } else if (d.level() == Level.PRIORITY) {
            schedulesChanged.run();
        }
        return new Sent(id, announcement);
    }

    /** Applies a commune's answer, or throws {@link InboxRefused} with why not. */
    public InboxItem answer(long itemId, Answer answer, Long by) {
        Instant now = clock.instant();
        InboxItem item = repository.item(itemId).orElseThrow(() -> new InboxRefused(List.of("no such inbox item: " + itemId)));
        Dispatch d = repository.dispatch(item.dispatchId()).orElseThrow();
        InboxRules.Allowed allowed = switch (InboxRules.answer(d, item, answer, now)) {
            case InboxRules.Allowed a -> a;
            case InboxRules.Refused r -> throw new InboxRefused(List.of(r.reason()));
        };
        // an accepted slot in the commune's quiet hours moves to the next instant they allow
        List<Instant> slots = answer instanceof Answer.Accept ? placed(item.communeId(), allowed.slots()) : allowed.slots();
        jdbc.inTransaction(c -> {
            String reason = answer instanceof Answer.Decline dec ? dec.reason().strip() : null;
            repository.answer(c, itemId, item.state(), allowed.state(), slots, reason, by, now);
            if (answer instanceof Answer.Move) {
                for (long schedule : InboxRepository.schedulesOf(c, itemId)) {
                    Jdbc.update(c, "UPDATE schedule SET rule_json = ? WHERE id = ?",
                            onceRule(allowed.slots().get(0)), schedule);
                }
            } else if (answer instanceof Answer.Accept) {
                for (Instant slot : slots) {
                    InboxRepository.linkSchedule(c, itemId, schedule(c, d, item.communeId(), slot, Priority.NORMAL));
                }
            }
            return null;
        });
        if (!(answer instanceof Answer.Decline)) {
            schedulesChanged.run();
        }
        return repository.item(itemId).orElseThrow();
    }

    /** The chosen slots where the commune's quiet hours let a NORMAL item sound, each at most once. */
    private List<Instant> placed(long communeId, List<Instant> chosen) {
        List<Instant> out = new ArrayList<>();
        for (Instant slot : chosen) {
            Instant at = slotRule.allowedFrom(communeId, slot, Priority.NORMAL).orElseThrow(() -> new InboxRefused(List.of(
                    "slots: " + slot + " falls in quiet hours of the commune that never end; choose another time")));
            if (!out.contains(at)) {
                out.add(at);
            }
        }
        return out;
    }

    /** The state a sender sees: PLAYED once a schedule of the item played, EXPIRED once its deadline passed. */
    public ItemState stateForSender(Dispatch d, InboxItem item) {
        ItemState state = InboxRules.stateAt(d, item, clock.instant());
        boolean mayHavePlayed = state == ItemState.ACCEPTED || state == ItemState.SCHEDULED;
        return InboxRules.senderState(d, item, clock.instant(), mayHavePlayed && repository.played(item.id()));
    }

    private long schedule(Connection c, Dispatch d, long commune, Instant at, Priority priority) throws SQLException {
        return Jdbc.insert(c, "INSERT INTO schedule (title, bulletin_id, priority, rule_json, targets_json, created_by, "
                + "created_at, on_preempt, hard_time, max_wait_seconds, approval) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                d.title(), d.bulletinId(), priority.name(), onceRule(at),
                "{\"stationIds\":[],\"areaIds\":[" + commune + "],\"zoneIds\":[]}", d.sentBy(), clock.instant(),
                PlanItem.OnPreempt.RESUME.name(), PlanItem.HardTime.WAIT.name(), 0, "APPROVED");
    }

    /** A one-off schedule rule at {@code at}, in Vietnam's time, as the schedule stores it (the rules' own writer). */
    private static String onceRule(Instant at) {
        return RULES.toJson(new OnceRule(at)).toString();
    }
}
