package vn.loa.controller.rollout;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The next step of a running rollout as a pure function of its stations' progress, its policy and the time
 * (docs/updates.md). The leader's rollout job calls it and carries it out; table-driven tests cover it.
 *
 * <ol>
 * <li>An offered station past its timeout counts as failed.</li>
 * <li>More than the policy's failure share among the stations offered so far: pause (nothing is offered).</li>
 * <li>The current wave is the first with an online station not finished; its waiting online stations are
 * offered. A wave's offline stations do not hold the next wave back (they are offered when they connect),
 * but a wave starts only when every wave before it has at least one station updated — an offline canary
 * holds the rollout until it connects and updates.</li>
 * <li>Every station finished: complete.</li>
 * </ol>
 */
public final class RolloutDecision {

    private RolloutDecision() {
    }

    public static RolloutStep next(List<StationUpdate> stations, RolloutPolicy policy, Instant now) {
        List<Long> timedOut = new ArrayList<>();
        int offered = 0;
        int failed = 0;
        for (StationUpdate s : stations) {
            if (s.state() == StationUpdate.State.OFFERED && s.offeredAt() != null
                    && !now.isBefore(s.offeredAt().plus(policy.stationTimeout()))) {
                timedOut.add(s.stationId());
            }
            if (s.state() != StationUpdate.State.WAITING) {
                offered++;
            }
            if (s.state() == StationUpdate.State.FAILED || timedOut.contains(s.stationId())) {
                failed++;
            }
        }
        if (offered > 0 && (double) failed / offered > policy.maxFailureShare()) {
            return new RolloutStep(List.of(), timedOut, RolloutStep.Outcome.PAUSE_FAILURES);
        }
        if (stations.stream().allMatch(s -> s.state().finished() || timedOut.contains(s.stationId()))) {
            return new RolloutStep(List.of(), timedOut, RolloutStep.Outcome.COMPLETE);
        }
        int current = stations.stream()
                .filter(s -> s.online() && !s.state().finished() && !timedOut.contains(s.stationId()))
                .mapToInt(StationUpdate::wave).min().orElse(Integer.MAX_VALUE);
        for (int w = 0; w < current; w++) {
            int wave = w;
            boolean proven = stations.stream()
                    .anyMatch(s -> s.wave() == wave && s.state() == StationUpdate.State.UPDATED);
            boolean exists = stations.stream().anyMatch(s -> s.wave() == wave);
            if (exists && !proven) {
                current = wave;
                break;
            }
        }
        List<Long> offer = new ArrayList<>();
        for (StationUpdate s : stations) {
            // a late station of an earlier wave is offered as soon as it is online
            if (s.state() == StationUpdate.State.WAITING && s.online() && s.wave() <= current) {
                offer.add(s.stationId());
            }
        }
        return new RolloutStep(offer, timedOut, RolloutStep.Outcome.CONTINUE);
    }
}
