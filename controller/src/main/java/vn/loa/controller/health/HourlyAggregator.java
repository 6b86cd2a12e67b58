package vn.loa.controller.health;

import java.time.Instant;
import java.util.List;
import java.util.OptionalDouble;

/** Folds one station's raw samples of one hour into its hourly row. */
final class HourlyAggregator {
    private HourlyAggregator() {
    }

    static HourlyHealth aggregate(long stationId, Instant hourStart, List<HealthSample> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples for station " + stationId + " at " + hourStart);
        }
        OptionalDouble loadAvg = samples.stream().filter(s -> s.cpuLoad() != null).mapToDouble(HealthSample::cpuLoad).average();
        OptionalDouble loadMax = samples.stream().filter(s -> s.cpuLoad() != null).mapToDouble(HealthSample::cpuLoad).max();
        OptionalDouble tempAvg = samples.stream().filter(s -> s.cpuTempC() != null).mapToDouble(HealthSample::cpuTempC).average();
        OptionalDouble tempMax = samples.stream().filter(s -> s.cpuTempC() != null).mapToDouble(HealthSample::cpuTempC).max();
        Long memMin = samples.stream().filter(s -> s.memAvailable() != null).map(HealthSample::memAvailable)
                .min(Long::compare).orElse(null);
        long diskMin = samples.stream().mapToLong(HealthSample::diskFree).min().orElse(0);
        OptionalDouble rttAvg = samples.stream().mapToLong(HealthSample::linkRttUs).average();
        long rttMax = samples.stream().mapToLong(HealthSample::linkRttUs).max().orElse(0);
        long offsetMax = samples.stream().mapToLong(s -> Math.abs(s.clockOffsetUs())).max().orElse(0);
        Float levelMax = samples.stream().filter(s -> s.outputLevelDbfs() != null).map(HealthSample::outputLevelDbfs)
                .max(Float::compare).orElse(null);
        return new HourlyHealth(stationId, hourStart, samples.size(), box(loadAvg), box(loadMax), box(tempAvg),
                box(tempMax), memMin, diskMin, Math.round(rttAvg.orElse(0)), rttMax, offsetMax,
                count(samples, s -> !s.clockSynchronised()), count(samples, s -> s.sensorsKnown() && s.amplifierFault()),
                count(samples, s -> s.sensorsKnown() && !s.mainsPresent()),
                count(samples, s -> s.sensorsKnown() && s.doorOpen()), levelMax,
                samples.stream().mapToLong(HealthSample::playFailuresTotal).max().orElse(0),
                samples.stream().mapToLong(HealthSample::streamUnderruns).max().orElse(0));
    }

    private static Double box(OptionalDouble d) {
        return d.isPresent() ? d.getAsDouble() : null;
    }

    private static int count(List<HealthSample> samples, java.util.function.Predicate<HealthSample> p) {
        return (int) samples.stream().filter(p).count();
    }
}
