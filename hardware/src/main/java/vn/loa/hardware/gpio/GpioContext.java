package vn.loa.hardware.gpio;

import com.pi4j.Pi4J;
import com.pi4j.context.Context;
import java.util.function.Supplier;

/**
 * The Pi4J context that owns every pin of the station. On a Raspberry Pi, auto-detection finds the
 * Raspberry Pi platform and the gpiod provider (runtime dependencies of this module). Tests pass a
 * context built explicitly on Pi4J's mock plugin instead. Shutting the context down puts every
 * output into its shutdown state (relays off).
 */
public final class GpioContext implements AutoCloseable {
    private final Context context;

    public GpioContext(Context context) {
        this.context = context;
    }

    /** Pi4J's auto-detected context (gpiod on a Pi). */
    public static Supplier<Context> auto() {
        return Pi4J::newAutoContext;
    }

    public Context context() {
        return context;
    }

    @Override
    public void close() throws Exception {
        if (!context.isShutdown()) {
            context.shutdown();
        }
    }

    @Override
    public String toString() {
        return "GPIO context";
    }
}
