package vn.loa.controller.conformance;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code loa-controller conformance --agent-port PORT}: listens where an agent dials its controller (plain TCP),
 * plays the controller's side against the first agent that connects, and prints each step's outcome. Exit code
 * 0 when no step failed, 1 otherwise.
 */
@Command(name = "conformance", mixinStandardHelpOptions = true,
        description = "Test a third-party station agent against the Loa protocol (docs/protocol.md §17): listen on the "
                + "agent port, let the agent dial in over plain TCP, run each step and print what passed and failed.")
public final class ConformanceCommand implements Callable<Integer> {
    @Option(names = "--agent-port", required = true, description = "the port the agent dials (0: any free port)")
    int agentPort;
    @Option(names = "--bind", defaultValue = "0.0.0.0", description = "the address to listen on (default ${DEFAULT-VALUE})")
    String bind;
    @Option(names = "--step-timeout", defaultValue = "30", description = "seconds to wait for each answer and for each "
            + "reconnection (default ${DEFAULT-VALUE})")
    int stepTimeoutSeconds;
    @Option(names = "--zone", split = ",", defaultValue = "1", description = "zone ids of the station that the plan "
            + "and the announcement target (default ${DEFAULT-VALUE})")
    java.util.List<Long> zones;

    @Override
    public Integer call() throws InterruptedException {
        if (stepTimeoutSeconds < 1) {
            throw new IllegalArgumentException("--step-timeout must be at least 1 second, got " + stepTimeoutSeconds);
        }
        try (ConformanceServer server = ConformanceServer.listen(bind, agentPort, Clock.systemUTC())) {
            System.out.println("conformance: listening on " + bind + ":" + server.port()
                    + " (plain TCP); start the agent against this port, any station id and secret");
            ConformanceReport report = new ConformanceRun(server, Clock.systemUTC(),
                    Duration.ofSeconds(stepTimeoutSeconds), zones).run();
            report.lines().forEach(System.out::println);
            return report.passed() ? 0 : 1;
        }
    }
}
