package vn.loa.controller.gateway;

import java.time.Clock;
import java.util.concurrent.ExecutorService;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import vn.loa.controller.media.MediaStore;
import vn.loa.controller.plan.PlanService;
import vn.loa.controller.playlog.PlayRepository;
import vn.loa.controller.station.StationRepository;
import vn.loa.protocol.v1.BroadcastStatus;
import vn.loa.protocol.v1.PlayReport;

/**
 * What the gateway's handlers need from the rest of the controller: storage they read and write
 * themselves, and small interfaces to the domain services they hand messages to.
 */
public record GatewayContext(GatewayConfig config, Clock clock, StationRepository stations, StationRegistry registry,
        PlanService plans, MediaStore media, PlayRepository plays, ExecutorService blocking,
        Consumer<PlayReport> onReportStored, BiConsumer<Long, BroadcastStatus> onBroadcastStatus,
        StationMonitor monitor, HealthHistorySink healthHistory, LinkAdmission admission) {
}
