package vn.loa.controller.gateway;

import java.util.List;
import java.util.function.IntConsumer;
import vn.loa.protocol.v1.HealthRecord;

/** Where the gateway hands health an agent recorded while offline (implemented by {@code health}). */
@FunctionalInterface
public interface HealthHistorySink {
    /**
     * Stores the batch off the event loop, in order with the station's other batches; never blocks.
     * {@code stored} is told how many samples were new once they are stored (not called when storing failed:
     * the batch is then not acknowledged and the agent sends it again).
     */
    void store(long stationId, List<HealthRecord> records, IntConsumer stored);
}
