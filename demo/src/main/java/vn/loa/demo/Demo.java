package vn.loa.demo;

import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.LoaController;

/** The demo entry point: a controller with Lạng Sơn's demo data and 37 simulated stations. */
public final class Demo implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Demo.class);

    private final LoaController controller;
    private final DemoFleet fleet;

    private Demo(LoaController controller, DemoFleet fleet) {
        this.controller = controller;
        this.fleet = fleet;
    }

    public static Demo start(ControllerConfig config) throws Exception {
        LoaController controller = new LoaController(config).start();
        try {
            boolean fresh = controller.stations().count() == 0;
            List<DemoSeeder.DemoStation> stations = DemoSeeder.seedIfEmpty(controller, config.dataDir());
            if (fresh) {
                DemoContent.create(controller, config.dataDir().resolve("tmp"));
            }
            DemoFleet fleet = new DemoFleet(stations, "127.0.0.1", controller.agentPort(), config.dataDir());
            fleet.start();
            log.info("demo: {} simulated stations dialling the controller; recordings under {}", stations.size(),
                    config.dataDir().resolve("sim").toAbsolutePath());
            return new Demo(controller, fleet);
        } catch (Exception e) {
            controller.close();
            throw e;
        }
    }

    public LoaController controller() {
        return controller;
    }

    public DemoFleet fleet() {
        return fleet;
    }

    @Override
    public void close() {
        fleet.close();
        controller.close();
    }
}
