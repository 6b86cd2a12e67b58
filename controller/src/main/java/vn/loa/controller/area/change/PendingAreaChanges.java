package vn.loa.controller.area.change;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.storage.Jdbc;

/**
 * Area changes dated in the future (docs/areas.md#changes-dated-in-the-future): checked when dated (as a dry
 * run against today's tree), kept pending, cancellable until their day, and made by the leader at 00:00 of
 * that day in Vietnam ({@link AreaChangeJob}) — or at its start when the controller was down then. Each is
 * made at most once: it is claimed ({@code PENDING → APPLIED}) in the transaction that makes it.
 */
public final class PendingAreaChanges {
    private static final Logger log = LoggerFactory.getLogger(PendingAreaChanges.class);
    private static final String COLUMNS = "id, kind, effective, change_json, state, created_by, created_at, settled_by, "
            + "settled_at, change_id, outcome";

    public enum State {
        PENDING, APPLIED, CANCELLED, FAILED
    }

    /** A change dated in the future, and what became of it. */
    public record Pending(long id, ChangeKind kind, LocalDate effective, Instant takesEffectAt, State state,
            Long createdBy, Instant createdAt, Long settledBy, Instant settledAt, Long changeId, String outcome,
            AreaChange change) {
    }

    /** What dating a change did: made it now (its day has begun), or kept it until its day. */
    public sealed interface Submitted {
    }

    public record Made(AreaChangeResult result) implements Submitted {
    }

    public record Kept(Pending pending, ChangePreview preview) implements Submitted {
    }

    /** What a cancel did. */
    public sealed interface Cancelled {
    }

    public record Done(Pending pending) implements Cancelled {
    }

    public record NotFound() implements Cancelled {
    }

    public record NotPending(Pending pending) implements Cancelled {
    }

    /** A pending change the leader made (or could not make) at its instant. */
    public record Settled(Pending pending, Optional<AreaChangeResult> result) {
    }

    private final Jdbc jdbc;
    private final AreaChangeService changes;
    private final PendingChangeCodec codec;
    private final Clock clock;

    public PendingAreaChanges(Jdbc jdbc, AreaChangeService changes, ObjectMapper json, Clock clock) {
        this.jdbc = jdbc;
        this.changes = changes;
        this.codec = new PendingChangeCodec(json);
        this.clock = clock;
    }

    /**
     * Makes the change now when its day has begun, or checks it against today's tree and keeps it until then;
     * throws {@link AreaChangeRefused} when it cannot be made, and {@link TooFarAhead} past
     * {@link ChangeTiming#MAX_DAYS_AHEAD}.
     */
    public Submitted submit(AreaChange change, Long byAccount) {
        if (change.effective() == null) {
            throw new AreaChangeRefused(List.of("effective: required (YYYY-MM-DD)"));
        }
        return switch (ChangeTiming.when(change.effective(), clock.instant())) {
            case NOW -> new Made(changes.apply(change, byAccount));
            case TOO_FAR_AHEAD -> throw new TooFarAhead(change.effective());
            case LATER -> {
                ChangePreview preview = changes.preview(change);
                long id = jdbc.insert("INSERT INTO pending_area_change (kind, effective, change_json, state, created_by, "
                        + "created_at) VALUES (?, ?, ?, ?, ?, ?)", change.kind().name(), change.effective(),
                        codec.write(change), State.PENDING.name(), byAccount, clock.instant());
                log.info("area change {} ({}) kept until {} (by account {})", id, change.kind(), change.effective(),
                        byAccount);
                yield new Kept(find(id).orElseThrow(), preview);
            }
        };
    }

    /** What the change would rewrite, made now or on its day; refused as {@link #submit} would refuse it. */
    public ChangePreview preview(AreaChange change) {
        if (change.effective() != null
                && ChangeTiming.when(change.effective(), clock.instant()) == ChangeTiming.When.TOO_FAR_AHEAD) {
            throw new TooFarAhead(change.effective());
        }
        return changes.preview(change);
    }

    /** A change dated more than {@link ChangeTiming#MAX_DAYS_AHEAD} days ahead. */
    public static final class TooFarAhead extends RuntimeException {
        private final LocalDate effective;

        TooFarAhead(LocalDate effective) {
            super("effective: " + effective + " is more than " + ChangeTiming.MAX_DAYS_AHEAD + " days ahead");
            this.effective = effective;
        }

        public LocalDate effective() {
            return effective;
        }
    }

    /** The pending changes first (soonest first), then the settled ones (latest first), at most {@code limit}. */
    public List<Pending> list(int limit) {
        List<Pending> all = jdbc.query("SELECT " + COLUMNS + " FROM pending_area_change ORDER BY "
                + "CASE WHEN state = 'PENDING' THEN 0 ELSE 1 END, CASE WHEN state = 'PENDING' THEN effective END, "
                + "id DESC", this::row);
        return all.size() > limit ? all.subList(0, limit) : all;
    }

    public Optional<Pending> find(long id) {
        return jdbc.queryOne("SELECT " + COLUMNS + " FROM pending_area_change WHERE id = ?", this::row, id);
    }

    /** Cancels a change still pending; one the leader made meanwhile is {@link NotPending}. */
    public Cancelled cancel(long id, Long byAccount) {
        int updated = jdbc.update("UPDATE pending_area_change SET state = ?, settled_by = ?, settled_at = ? "
                + "WHERE id = ? AND state = ?", State.CANCELLED.name(), byAccount, clock.instant(), id,
                State.PENDING.name());
        Optional<Pending> now = find(id);
        if (now.isEmpty()) {
            return new NotFound();
        }
        if (updated == 0) {
            return new NotPending(now.get());
        }
        log.info("area change {} ({}, effective {}) cancelled by account {}", id, now.get().kind(),
                now.get().effective(), byAccount);
        return new Done(now.get());
    }

    /** The changes still pending, for the timing. */
    public List<ChangeTiming.Waiting> waiting() {
        return jdbc.query("SELECT id, effective FROM pending_area_change WHERE state = ?",
                rs -> new ChangeTiming.Waiting(rs.getLong("id"), rs.getDate("effective").toLocalDate()),
                State.PENDING.name());
    }

    /**
     * Makes every change due now, in order, each in its own transaction; one refused on its day (the tree
     * changed since it was dated) is marked FAILED with the reasons and logged, and the others still go on.
     */
    public List<Settled> applyDue() {
        List<Settled> out = new ArrayList<>();
        for (ChangeTiming.Waiting w : ChangeTiming.due(waiting(), clock.instant())) {
            Optional<Pending> pending = find(w.id());
            if (pending.isEmpty() || pending.get().state() != State.PENDING) {
                continue;
            }
            Pending p = pending.get();
            try {
                Optional<AreaChangeResult> made = jdbc.inTransaction(c -> claimAndMake(c, p));
                made.ifPresent(r -> {
                    log.info("area change {} ({}, effective {}) made: change {}, successors {}, flagged schedules {} "
                            + "relays {}", p.id(), p.kind(), p.effective(), r.changeId(), r.successorIds(),
                            r.flaggedSchedules(), r.flaggedRelays());
                    out.add(new Settled(find(p.id()).orElseThrow(), made));
                });
            } catch (AreaChangeRefused e) {
                jdbc.update("UPDATE pending_area_change SET state = ?, settled_at = ?, outcome = ? WHERE id = ? "
                        + "AND state = ?", State.FAILED.name(), clock.instant(), truncate(e.getMessage()), p.id(),
                        State.PENDING.name());
                log.error("area change {} ({}, effective {}) could not be made on its day: {}", p.id(), p.kind(),
                        p.effective(), e.getMessage());
                out.add(new Settled(find(p.id()).orElseThrow(), Optional.empty()));
            }
        }
        return out;
    }

    private Optional<AreaChangeResult> claimAndMake(Connection c, Pending p) throws SQLException {
        int claimed = Jdbc.update(c, "UPDATE pending_area_change SET state = ?, settled_at = ? WHERE id = ? AND state = ?",
                State.APPLIED.name(), clock.instant(), p.id(), State.PENDING.name());
        if (claimed == 0) {
            return Optional.empty(); // cancelled, or made by another leader, meanwhile
        }
        AreaChangeResult result = changes.applyIn(c, p.change(), p.createdBy(), p.effective());
        Jdbc.update(c, "UPDATE pending_area_change SET change_id = ? WHERE id = ?", result.changeId(), p.id());
        return Optional.of(result);
    }

    private static String truncate(String text) {
        return text.length() <= 4000 ? text : text.substring(0, 3999) + "…";
    }

    private Pending row(ResultSet rs) throws SQLException {
        long id = rs.getLong("id");
        LocalDate effective = rs.getDate("effective").toLocalDate();
        return new Pending(id, ChangeKind.valueOf(rs.getString("kind")), effective, ChangeTiming.instantOf(effective),
                State.valueOf(rs.getString("state")), Jdbc.nullableLong(rs, "created_by"), Jdbc.instant(rs, "created_at"),
                Jdbc.nullableLong(rs, "settled_by"), Jdbc.instant(rs, "settled_at"), Jdbc.nullableLong(rs, "change_id"),
                rs.getString("outcome"), codec.read(id, rs.getString("change_json")));
    }
}
