package vn.loa.bench;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The benchmarks of Loa, one subcommand per scenario (docs/performance.md). */
@Command(name = "loa-benchmark", mixinStandardHelpOptions = true,
        description = "Load harnesses and side-by-side peers; see docs/performance.md.",
        subcommands = {Fanout.class, UrgentLight.class, UrgentStart.class, AgentFootprint.class, Codec.class,
                IcecastPeer.class, SnapcastPeer.class, LoadWorkerCommand.class, SlowClients.class
})
public final class LoaBench implements Runnable {
    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", "bench-logback.xml");
        }
        System.exit(new CommandLine(new LoaBench()).execute(args));
    }

    @Override
    public void run() {
        new CommandLine(this).usage(System.out);
    }
}
