package vn.loa.protocol.clock;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;
import java.util.OptionalLong;

/**
 * Filters clock samples as Snapcast does: keeps the most recent ones and takes the median offset of
 * the half with the shortest round trips (long round trips are the asymmetric, misleading ones).
 * Not thread-safe; its owner serialises access.
 */
public final class OffsetFilter {
    private final int capacity;
    private final int minSamples;
    private final Deque<ClockSample> samples = new ArrayDeque<>();

    public OffsetFilter(int capacity, int minSamples) {
        if (capacity < 1 || minSamples < 1 || minSamples > capacity) {
            throw new IllegalArgumentException("need 1 <= minSamples <= capacity");
        }
        this.capacity = capacity;
        this.minSamples = minSamples;
    }

    public void add(ClockSample sample) {
        samples.addLast(sample);
        while (samples.size() > capacity) {
            samples.removeFirst();
        }
    }

    public int size() {
        return samples.size();
    }

    /** The filtered offset, once at least {@code minSamples} samples have been seen. */
    public OptionalLong offsetUs() {
        if (samples.size() < minSamples) {
            return OptionalLong.empty();
        }
        List<ClockSample> best = bestHalf();
        List<Long> offsets = new ArrayList<>(best.size());
        for (ClockSample s : best) {
            offsets.add(s.offsetUs());
        }
        offsets.sort(null);
        return OptionalLong.of(offsets.get(offsets.size() / 2));
    }

    /** The median round trip of the retained samples, or empty. */
    public OptionalLong rttUs() {
        if (samples.isEmpty()) {
            return OptionalLong.empty();
        }
        List<Long> rtts = new ArrayList<>();
        for (ClockSample s : samples) {
            rtts.add(s.rttUs());
        }
        rtts.sort(null);
        return OptionalLong.of(rtts.get(rtts.size() / 2));
    }

    private List<ClockSample> bestHalf() {
        List<ClockSample> sorted = new ArrayList<>(samples);
        sorted.sort(Comparator.comparingLong(ClockSample::rttUs));
        return sorted.subList(0, Math.max(1, (sorted.size() + 1) / 2));
    }
}
