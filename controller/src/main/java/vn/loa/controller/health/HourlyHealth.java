package vn.loa.controller.health;

import java.time.Instant;

/** One station's health over one hour: what a year of history keeps. */
public record HourlyHealth(long stationId, Instant hourStart, int samples, Double cpuLoadAvg, Double cpuLoadMax,
        Double cpuTempAvgC, Double cpuTempMaxC, Long memAvailableMin, Long diskFreeMin, Long linkRttAvgUs,
        Long linkRttMaxUs, Long clockOffsetMaxAbsUs, int unsynchronisedSamples, int amplifierFaultSamples,
        int mainsLostSamples, int doorOpenSamples, Float outputLevelMaxDbfs, long playFailuresMax,
        long streamUnderrunsMax) {
}
