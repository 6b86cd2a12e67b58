package vn.loa.controller.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vn.loa.controller.ControllerConfig;
import vn.loa.controller.LoaController;
import vn.loa.controller.demo.Demo;

/** {@code loa-controller}: serve, or run the demo. */
@Command(name = "loa-controller", mixinStandardHelpOptions = true, version = "loa-controller 0.1.0",
        description = "Loa controller: bulletins, schedules and the state of every commune radio station.",
        subcommands = {ControllerCommand.Serve.class, ControllerCommand.DemoCmd.class})
public final class ControllerCommand implements Runnable {

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new ControllerCommand()).execute(args));
    }

    static class Common {
        @Option(names = "--data", description = "data directory (database, audio)", defaultValue = "loa-data")
        Path data;
        @Option(names = "--http-port", description = "HTTP port of the console and API (default ${DEFAULT-VALUE})",
                defaultValue = "8080")
        int httpPort;
        @Option(names = "--agent-port", description = "TCP port station agents dial (default ${DEFAULT-VALUE})",
                defaultValue = "7070")
        int agentPort;
        @Option(names = "--bind", description = "address to listen on (default ${DEFAULT-VALUE})", defaultValue = "0.0.0.0")
        String bind;
        @Option(names = "--max-upload-mb", description = "largest upload accepted, MiB (default ${DEFAULT-VALUE})",
                defaultValue = "64")
        int maxUploadMb;
        @Option(names = "--max-frame-kb", description = "largest protocol frame accepted from an agent, KiB (default ${DEFAULT-VALUE})",
                defaultValue = "1024")
        int maxFrameKb;

        ControllerConfig config() {
            return ControllerConfig.of(data, httpPort, agentPort).withHosts(bind)
                    .withMaxUploadBytes(Math.multiplyExact(maxUploadMb, 1024 * 1024))
                    .withMaxFrameBytes(Math.multiplyExact(maxFrameKb, 1024));
        }
    }

    @Command(name = "serve", mixinStandardHelpOptions = true, description = "Run the controller.")
    static final class Serve extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            LoaController controller = new LoaController(config()).start();
            awaitShutdown(controller);
            return 0;
        }
    }

    @Command(name = "demo", mixinStandardHelpOptions = true,
            description = "Run the controller with Lạng Sơn demo data and 37 simulated stations on this machine.")
    static final class DemoCmd extends Common implements Callable<Integer> {
        @Override
        public Integer call() throws Exception {
            Demo demo = Demo.start(config());
            System.out.println();
            System.out.println("  Loa demo: http://localhost:" + demo.controller().httpPort() + "/api/v1/stations");
            System.out.println("  Recordings of the simulated stations: " + data.resolve("sim").toAbsolutePath());
            System.out.println();
            awaitShutdown(demo);
            return 0;
        }
    }

    private static void awaitShutdown(AutoCloseable running) throws InterruptedException {
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                running.close();
            } catch (Exception e) {
                System.err.println("error while stopping: " + e);
            }
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }
}
