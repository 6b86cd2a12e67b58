package vn.loa.demo;

import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import vn.loa.controller.cli.ControllerCommand;
import vn.loa.controller.cli.ServerOptions;

/** {@code loa-demo}: the controller with Lạng Sơn's demo data and 37 simulated stations in this process. */
@Command(name = "loa-demo", mixinStandardHelpOptions = true, version = "loa-demo 0.1.0",
        description = "Run the controller with Lạng Sơn demo data and 37 simulated stations on this machine.")
public final class DemoCommand extends ServerOptions implements Callable<Integer> {

    public static void main(String[] args) {
        System.exit(new CommandLine(new DemoCommand()).execute(args));
    }

    /** The demo's tour is on one machine with curl and a browser: plain HTTP unless --http-tls on. */
    @Override
    protected boolean httpTlsByDefault() {
        return false;
    }

    @Override
    public Integer call() throws Exception {
        Demo demo = Demo.start(config());
        System.out.println();
        System.out.println("  Loa demo: " + (demo.controller().pki().httpsContext() != null ? "https" : "http")
                + "://localhost:" + demo.controller().httpPort() + "/api/v1/stations");
        System.out.println("  Recordings of the simulated stations: " + data().resolve("sim").toAbsolutePath());
        System.out.println();
        ControllerCommand.awaitShutdown(demo);
        return 0;
    }
}
