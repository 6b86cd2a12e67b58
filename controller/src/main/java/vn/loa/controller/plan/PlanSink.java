package vn.loa.controller.plan;

import vn.loa.protocol.v1.PlanSync;

/** Delivers a new plan to a station if it is connected (the gateway). */
@FunctionalInterface
public interface PlanSink {
    void deliver(long stationId, PlanSync plan);
}
