package vn.loa.agent.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.PlanSync;

/** The station's current plan, kept in {@code plan.pb} so a restart without the link still plays it. */
public final class PlanStore {
    private static final Logger log = LoggerFactory.getLogger(PlanStore.class);

    private final Path file;
    private volatile PlanSync plan = PlanSync.getDefaultInstance();

    public PlanStore(Path dataDir) {
        this.file = dataDir.resolve("plan.pb");
    }

    public PlanSync load() {
        if (Files.exists(file)) {
            try {
                plan = PlanSync.parseFrom(Files.readAllBytes(file));
                log.info("loaded plan {} with {} items", plan.getVersion(), plan.getItemsCount());
            } catch (IOException e) {
                log.error("the stored plan {} is unreadable ({}); waiting for the controller to send a new one",
                        file, e.getMessage());
                plan = PlanSync.getDefaultInstance();
            }
        }
        return plan;
    }

    public PlanSync current() {
        return plan;
    }

    public void save(PlanSync newPlan) throws IOException {
        AtomicFiles.write(file, newPlan.toByteArray());
        plan = newPlan;
    }
}
