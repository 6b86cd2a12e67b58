package vn.loa.agent.selftest;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.SensorReadings;
import vn.loa.hardware.StationHardware;
import vn.loa.hardware.config.HardwareBuilder;
import vn.loa.protocol.hardwarefile.HardwareConfig;
import vn.loa.protocol.hardwarefile.HardwareConfigException;
import vn.loa.protocol.hardwarefile.HardwareConfigParser;
import vn.loa.hardware.switching.Pause;
import vn.loa.hardware.sim.SimHardware;

/**
 * {@code loa-agent selftest}: the technician's check of a station's hardware, zone by zone. Exit
 * code 0 when every zone passed, 1 when any failed, 2 for a configuration that cannot be used.
 */
@Command(name = "selftest", mixinStandardHelpOptions = true,
        description = {"Check the station hardware zone by zone: amplifier on, zone on, a test tone, off;",
            "reads the relays back where the board can and the amplifier fault input, prints a table,",
            "exits non-zero on any failure. Stop the agent service first (it owns the same devices)."})
public final class SelfTestCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--config", paramLabel = "FILE", description = "the station's hardware file (docs/hardware.md)")
    Path config;

    @Option(names = "--hardware", paramLabel = "sim", description = "test a simulated station instead (recordings under --sim-dir)")
    String hardware;

    @Option(names = "--zone", paramLabel = "Z", split = ",", description = "only these zones (repeat or comma-separate); default: all")
    List<Long> zones = new ArrayList<>();

    @Option(names = "--silent", description = "no test tone (relays and inputs only)")
    boolean silent;

    @Option(names = "--tone-ms", defaultValue = "3000", description = "how long each zone plays the tone (default ${DEFAULT-VALUE} ms)")
    long toneMs;

    @Option(names = "--warm-up-ms", description = "amplifier warm-up before each zone (default: the file's timing.warmUpMs)")
    Long warmUpMs;

    @Option(names = "--sim-dir", paramLabel = "DIR", description = "with --hardware sim: where the simulated station records (default: a new temporary directory)")
    Path simDir;

    @Option(names = "--sim-zones", split = ",", defaultValue = "1,2,3", description = "with --hardware sim: the simulated zones (default ${DEFAULT-VALUE})")
    List<Long> simZones;

    @Option(names = "--sim-fail-zone", split = ",", hidden = true, description = "with --hardware sim: zones whose relay fails (to see a failure)")
    List<Long> simFailZones = new ArrayList<>();

    @Override
    public Integer call() throws IOException, InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        if ((config == null) == (hardware == null)) {
            err.println("give either --config FILE or --hardware sim");
            return 2;
        }
        if (hardware != null && !"sim".equals(hardware)) {
            err.println("--hardware '" + hardware + "' is not supported (use sim, or --config FILE for real hardware)");
            return 2;
        }
        Duration warmUp;
        StationHardware station;
        if (config != null) {
            HardwareConfig hw;
            try {
                hw = HardwareConfigParser.parse(config);
            } catch (HardwareConfigException e) {
                err.println(e.getMessage());
                return 2;
            }
            Set<Long> unknown = new TreeSet<>(zones);
            unknown.removeAll(hw.zones().keySet());
            if (!unknown.isEmpty()) {
                err.println("zone(s) " + unknown + " are not in " + config + " (it has " + hw.zones().keySet() + ")");
                return 2;
            }
            warmUp = hw.timings().warmUp();
            try {
                station = HardwareBuilder.build(hw, Clock.systemUTC());
            } catch (HardwareException e) {
                err.println("cannot open the station hardware: " + e.getMessage());
                return 1;
            }
        } else {
            Path dir = simDir != null ? simDir : Files.createTempDirectory("loa-selftest-");
            Set<Long> ids = new LinkedHashSet<>(simZones);
            ids.addAll(zones);
            SimHardware.Devices sim = SimHardware.create(dir, Clock.systemUTC(), ids);
            simFailZones.forEach(sim.zones()::simulateFault);
            station = sim.hardware();
            warmUp = HardwareConfig.Defaults.WARM_UP;
            out.println("simulated station: recordings in " + dir);
        }
        if (warmUpMs != null) {
            warmUp = Duration.ofMillis(warmUpMs);
        }
        try (station) {
            List<Long> order = zones.isEmpty() ? new ArrayList<>(new TreeSet<>(station.zones().zones())) : zones;
            out.println("self-test of " + order.size() + " zone(s): warm-up " + warmUp.toMillis() + " ms, "
                    + (silent ? "silent" : "tone " + toneMs + " ms") + " each");
            out.flush();
            SelfTest test = new SelfTest(station, warmUp, Duration.ofMillis(toneMs), silent, Clock.systemUTC(),
                    Pause.parking(Clock.systemUTC(), () -> true));
            List<ZoneResult> results = test.run(order);
            SensorReadings inputs = null;
            try {
                inputs = test.sensors();
            } catch (HardwareException e) {
                err.println("cannot read the inputs: " + e.getMessage());
            }
            ResultTable.print(out, results, inputs);
            boolean failed = inputs == null || results.stream().anyMatch(r -> !r.passed());
            return failed ? 1 : 0;
        }
    }
}
