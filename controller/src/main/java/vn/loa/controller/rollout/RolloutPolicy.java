package vn.loa.controller.rollout;

import java.time.Duration;
import java.util.List;

/**
 * How a rollout proceeds (docs/updates.md): {@code canary} stations first, then waves reaching the given
 * cumulative percentages of the rest (e.g. 25, 100); a wave starts only when every online station of the
 * waves before it finished, and the rollout pauses itself when more than {@code maxFailureShare} of the
 * stations offered so far failed. An offered station that has not reported the new version running good
 * within {@code stationTimeout} (download, idle wait, trial) counts as failed.
 */
public record RolloutPolicy(int canary, List<Integer> percents, double maxFailureShare, Duration trialLimit,
        Duration stationTimeout) {

    public RolloutPolicy {
        if (canary < 0) {
            throw new IllegalArgumentException("canary: 0 or more stations");
        }
        percents = List.copyOf(percents);
        int last = 0;
        for (int p : percents) {
            if (p <= last || p > 100) {
                throw new IllegalArgumentException("percents: rising, each from 1 to 100, e.g. [25, 100]; got " + percents);
            }
            last = p;
        }
        if (!percents.isEmpty() && last != 100) {
            throw new IllegalArgumentException("percents: the last wave must reach 100; got " + percents);
        }
        if (maxFailureShare < 0 || maxFailureShare >= 1) {
            throw new IllegalArgumentException("maxFailureShare: from 0 (pause at the first failure) to below 1");
        }
        if (trialLimit.isNegative() || trialLimit.isZero() || stationTimeout.compareTo(trialLimit) <= 0) {
            throw new IllegalArgumentException("trialLimit must be positive and stationTimeout longer than it");
        }
    }

    public static RolloutPolicy defaults() {
        return new RolloutPolicy(1, List.of(25, 100), 0.2, Duration.ofMinutes(5), Duration.ofHours(2));
    }
}
