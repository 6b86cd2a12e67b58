package vn.loa.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeoutException;
import vn.loa.bench.load.BenchClock;
import vn.loa.bench.load.LoadClient;
import vn.loa.bench.load.StationCredential;

/**
 * What the lightweight-station scenarios share: a controller process with N stations created through
 * the API, and a load client that connects them all. Memory per connection is read around the
 * connecting: RSS and heap after a full GC, before and after.
 */
final class Rig implements AutoCloseable {
    final Path dir;
    final ControllerProcess controller;
    final Api api;
    final Fleet fleet;
    final BenchClock clock = new BenchClock();
    final LoadClient client;
    final List<StationCredential> stations;
    long rssBeforeKb;
    long rssAfterKb;
    long heapBeforeKb;
    long heapAfterKb;
    double connectSeconds;

    private Rig(Path dir, ControllerProcess controller, Api api, Fleet fleet, int n, int clientThreads) {
        this.dir = dir;
        this.controller = controller;
        this.api = api;
        this.fleet = fleet;
        this.stations = fleet.stations().subList(0, n);
        this.client = new LoadClient(clientThreads, clock);
    }

    static Rig start(Path work, Path controllerJar, String controllerJvm, int n, int clientThreads, int concurrency)
            throws IOException, InterruptedException, TimeoutException {
        Path dir = work != null ? work : Path.of("/tmp/loa-bench/fleet-" + n);
        Files.createDirectories(dir);
        Fleet saved = Fleet.load(dir);
        String password = saved != null ? saved.password() : Fleet.newPassword();
        List<String> jvm = controllerJvm == null || controllerJvm.isBlank() ? List.of()
                : Arrays.asList(controllerJvm.trim().split("\\s+"));
        System.out.printf("controller: %s %s (work directory %s)%n", controllerJar, jvm, dir);
        ControllerProcess controller = ControllerProcess.start(controllerJar, dir, password, jvm);
        Rig rig = null;
        try {
            Api api = new Api(controller.baseUrl());
            Fleet fleet = Fleet.ensure(api, dir, password, saved, n);
            rig = new Rig(dir, controller, api, fleet, n, clientThreads);
            pause(3000);
            // the full GC first: it shrinks the committed heap, which would otherwise hide in the RSS delta
            rig.heapBeforeKb = controller.heapUsedAfterGcKb();
            rig.rssBeforeKb = controller.sample().rssKb();
            long t0 = System.nanoTime();
            rig.client.connect("127.0.0.1", controller.agentPort(), rig.stations, concurrency, 300_000);
            rig.connectSeconds = (System.nanoTime() - t0) / 1e9;
            if (rig.client.recorder().welcomed() != n) {
                throw new IllegalStateException(rig.client.recorder().welcomed() + " of " + n + " stations welcomed; "
                        + rig.client.recorder().problems());
            }
            pause(5000); // plans, first heartbeats and clock exchanges settle
            rig.heapAfterKb = controller.heapUsedAfterGcKb();
            rig.rssAfterKb = controller.sample().rssKb();
            System.out.printf("%d stations connected in %.1f s; controller RSS %d → %d MB, heap after GC %d → %d MB%n", n,
                    rig.connectSeconds, rig.rssBeforeKb / 1024, rig.rssAfterKb / 1024, rig.heapBeforeKb / 1024,
                    rig.heapAfterKb / 1024);
            return rig;
        } catch (IOException | InterruptedException | TimeoutException | RuntimeException e) {
            if (rig != null) {
                rig.client.close();
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
        client.close();
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
