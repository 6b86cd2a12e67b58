package vn.loa.controller.rollout;

import java.util.ArrayList;
import java.util.List;

/** Splits a rollout's stations into waves: the canary first, then the policy's cumulative percentages. Pure. */
public final class Waves {

    private Waves() {
    }

    /** @param stationIds the targets in the order they are to be updated (the first ones are the canary) */
    public static List<List<Long>> split(List<Long> stationIds, RolloutPolicy policy) {
        List<List<Long>> waves = new ArrayList<>();
        int canary = Math.min(policy.canary(), stationIds.size());
        if (canary > 0) {
            waves.add(List.copyOf(stationIds.subList(0, canary)));
        }
        List<Long> rest = stationIds.subList(canary, stationIds.size());
        List<Integer> percents = policy.percents().isEmpty() ? List.of(100) : policy.percents();
        int from = 0;
        for (int p : percents) {
            int to = (int) Math.ceil(rest.size() * p / 100.0);
            if (to > from) {
                waves.add(List.copyOf(rest.subList(from, to)));
                from = to;
            }
        }
        return waves;
    }
}
