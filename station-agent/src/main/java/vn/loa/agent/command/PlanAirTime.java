package vn.loa.agent.command;

import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import vn.loa.agent.player.Player;
import vn.loa.agent.player.StationTimings;
import vn.loa.agent.store.PlanStore;
import vn.loa.agent.store.PlayJournal;
import vn.loa.protocol.v1.PlanItem;

/**
 * The loudspeakers are busy while the player plays, and from an item's warm-up until its end plus the
 * amplifier hold: a test never takes air time that the plan needs.
 */
public final class PlanAirTime implements AirTime {
    private final Player player;
    private final PlanStore plans;
    private final PlayJournal journal;
    private final StationTimings timings;
    private final Clock clock;

    public PlanAirTime(Player player, PlanStore plans, PlayJournal journal, StationTimings timings, Clock clock) {
        this.player = player;
        this.plans = plans;
        this.journal = journal;
        this.timings = timings;
        this.clock = clock;
    }

    @Override
    public Optional<String> conflict(long millis) {
        String playing = player.playingItemId();
        if (!playing.isEmpty()) {
            return Optional.of("item " + playing + " is playing");
        }
        long now = clock.millis();
        long lead = timings.warmUp().toMillis() + timings.zoneSettle().toMillis();
        for (PlanItem item : plans.current().getItemsList()) {
            if (journal.isHandled(item.getItemId())) {
                continue;
            }
            long busyFrom = item.getPlannedAtMs() - lead;
            long busyUntil = item.getPlannedAtMs() + item.getDurationMs() + timings.hold().toMillis();
            if (busyFrom <= now + millis && busyUntil >= now) {
                return Optional.of("item " + item.getItemId() + " ('" + item.getTitle() + "') is due at "
                        + Instant.ofEpochMilli(item.getPlannedAtMs()));
            }
        }
        return Optional.empty();
    }
}
