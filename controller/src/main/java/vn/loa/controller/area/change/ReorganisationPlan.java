package vn.loa.controller.area.change;

import java.util.List;

/**
 * What a merge or split does, decided before anything is written: successors are named by their
 * index in {@link #successors()} (new units have no id yet).
 */
public record ReorganisationPlan(List<Long> ended, List<AreaChange.Successor> successors, List<Placement> children,
        List<Placement> stations, List<Placement> zones, List<Placement> accounts, List<Edge> edges) {

    /** Subject (child area, station, zone or account) that was in {@code fromAreaId} goes to successor {@code to}. */
    public record Placement(long subjectId, long fromAreaId, int to) {
    }

    /** {@code predecessorId} is succeeded by successor {@code to}. */
    public record Edge(long predecessorId, int to) {
    }
}
