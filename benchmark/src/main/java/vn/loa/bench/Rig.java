package vn.loa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import vn.loa.bench.load.BenchClock;
import vn.loa.bench.load.ControlMessages.Connected;
import vn.loa.bench.load.LoadStations;
import vn.loa.bench.load.StationCredential;

/**
 * What the lightweight-station scenarios share: a controller process with N stations created through
 * the API, and the load stations that connect them all (in this process, or split over load worker
 * processes). Memory per connection is read around the connecting: RSS and heap after a full GC,
 * before and after.
 */
final class Rig implements AutoCloseable {
    final Path dir;
    final ControllerProcess controller;
    final Api api;
    final Fleet fleet;
    final BenchClock clock;
    final LoadStations load;
    List<StationCredential> stations;
    String transport = "?";
    long rssBeforeKb;
    long rssAfterKb;
    long heapBeforeKb;
    long heapAfterKb;
    long committedBeforeKb;
    long committedAfterKb;
    double connectSeconds;

    private Rig(Path dir, ControllerProcess controller, Api api, Fleet fleet, int n, LoadStations load, BenchClock clock) {
        this.clock = clock;
        this.dir = dir;
        this.controller = controller;
        this.api = api;
        this.fleet = fleet;
        this.stations = fleet.stations().subList(0, n);
        this.load = load;
    }

    static Rig start(Path work, Path controllerJar, String controllerJvm, int n, int clientThreads, int concurrency,
            LoadOptions loadOptions) throws IOException, InterruptedException, TimeoutException {
        loadOptions.validate();
        Path dir = work != null ? work : Path.of("/tmp/loa-bench/fleet-" + n);
        Files.createDirectories(dir);
        Fleet saved = Fleet.load(dir);
        String password = saved != null ? saved.password() : Fleet.newPassword();
        List<String> jvm = controllerJvm == null || controllerJvm.isBlank() ? List.of()
                : Arrays.asList(controllerJvm.trim().split("\\s+"));
        System.out.printf("controller: %s %s (work directory %s)%n", controllerJar, jvm, dir);
        boolean tls = loadOptions.tlsOn();
        System.out.printf("agent port: %s; %s%n", tls ? "mutual TLS 1.3" : "plain TCP (comparison)", loadOptions.pinning());
        ControllerProcess controller = ControllerProcess.start(controllerJar, dir, password, jvm, loadOptions.bind, tls,
                loadOptions.controllerCpus);
        Rig rig = null;
        LoadStations load = null;
        try {
            Api api = new Api(controller.baseUrl());
            Fleet fleet = Fleet.ensure(api, dir, password, saved, n);
            BenchClock clock = new BenchClock();
            load = loadOptions.start(dir, clientThreads, clock);
            rig = new Rig(dir, controller, api, fleet, n, load, clock);
            if (tls) {
                rig.stations = FleetIdentities.ensure(api, dir, rig.stations);
            }
            System.out.println("controller: " + controller.gatewayLine());
            pause(3000);
            // the full GC first: it shrinks the committed heap, which would otherwise hide in the RSS delta
            ControllerProcess.Heap before = controller.heapAfterGc();
            rig.heapBeforeKb = before.usedKb();
            rig.committedBeforeKb = before.committedKb();
            rig.rssBeforeKb = controller.sample().rssKb();
            long t0 = System.nanoTime();
            Connected c = load.connect(loadOptions.controllerHost, controller.agentPort(), rig.stations, concurrency, 300_000);
            rig.connectSeconds = (System.nanoTime() - t0) / 1e9;
            rig.transport = c.transport();
            if (c.welcomed() != n) {
                throw new IllegalStateException(c.welcomed() + " of " + n + " stations welcomed (" + c.rejected()
                        + " rejected, " + c.failures() + " failed to connect); " + c.problems());
            }
            pause(5000); // plans, first heartbeats and clock exchanges settle
            load.clockReport().forEach(System.out::println);
            ControllerProcess.Heap after = controller.heapAfterGc();
            rig.heapAfterKb = after.usedKb();
            rig.committedAfterKb = after.committedKb();
            rig.rssAfterKb = controller.sample().rssKb();
            System.out.printf("%d stations connected in %.1f s; controller RSS %d → %d MB, heap after GC %d → %d MB%n", n,
                    rig.connectSeconds, rig.rssBeforeKb / 1024, rig.rssAfterKb / 1024, rig.heapBeforeKb / 1024,
                    rig.heapAfterKb / 1024);
            return rig;
        } catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
            if (load != null) {
                load.close();
            }
            controller.close();
            throw e;
        }
    }

    double rssPerStationKb() {
        return (rssAfterKb - rssBeforeKb) / (double) stations.size();
    }

    double heapPerStationKb() {
        return (heapAfterKb - heapBeforeKb) / (double) stations.size();
    }

    /**
     * Memory outside the Java heap per station: the RSS delta less the committed heap's delta (socket
     * and direct buffers, native structures). Meaningful only with a fixed, pre-touched heap (-Xms = -Xmx,
     * -XX:+AlwaysPreTouch): otherwise committed pages the collector has not touched yet make it wrong.
     */
    double nativePerStationKb() {
        return ((rssAfterKb - rssBeforeKb) - (committedAfterKb - committedBeforeKb)) / (double) stations.size();
    }

    /**
     * The targets object naming exactly the connected stations: their commune when the fleet has no
     * others (a list of 10,000 ids overflows the announcement's stored targets column: a 500 today).
     */
    java.util.Map<String, Object> targets() {
        return stations.size() == fleet.stations().size() ? java.util.Map.of("areaIds", List.of(fleet.communeId()))
                : java.util.Map.of("stationIds", stationIds());
    }

    List<Long> stationIds() {
        return stations.stream().map(StationCredential::stationId).toList();
    }

    @Override
    public void close() {
        load.close();
        controller.close();
    }

    static void pause(long ms) {
        long end = System.nanoTime() + ms * 1_000_000;
        long left;
        while ((left = end - System.nanoTime()) > 0) {
            java.util.concurrent.locks.LockSupport.parkNanos(left);
        }
    }
}
