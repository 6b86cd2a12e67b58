package vn.loa.bench.load;

import java.util.ArrayList;
import java.util.List;

/** Splits a fleet into contiguous slices, one per load process, whose sizes differ by at most one. */
public final class FleetSlices {
    private FleetSlices() {
    }

    /** @throws IllegalArgumentException when there are fewer stations than slices, or no slices */
    public static <T> List<List<T>> of(List<T> fleet, int slices) {
        if (slices < 1) {
            throw new IllegalArgumentException("need at least one load process, got " + slices);
        }
        if (fleet.size() < slices) {
            throw new IllegalArgumentException(slices + " load processes for " + fleet.size()
                    + " stations: every process needs at least one station");
        }
        List<List<T>> out = new ArrayList<>(slices);
        int base = fleet.size() / slices;
        int extra = fleet.size() % slices;
        int from = 0;
        for (int i = 0; i < slices; i++) {
            int to = from + base + (i < extra ? 1 : 0);
            out.add(List.copyOf(fleet.subList(from, to)));
            from = to;
        }
        return out;
    }
}
