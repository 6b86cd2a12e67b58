package vn.loa.agent.update;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The launcher's entry point, a separate main in the packaged agent jar so that it is never itself updated:
 * <pre>java -cp /usr/share/loa-agent/loa-agent.jar vn.loa.agent.update.LauncherMain \
 *     --data /var/lib/loa-agent --packaged-jar /usr/share/loa-agent/loa-agent.jar -- /usr/bin/loa-agent run ...</pre>
 * The command after {@code --} starts the agent; {@code {jar}} in it, and the LOA_AGENT_JAR variable, name the
 * jar chosen. SIGTERM stops the agent (which makes its outputs safe) and then the launcher.
 */
public final class LauncherMain {

    private LauncherMain() {
    }

    public static void main(String[] args) throws Exception {
        Path data = null;
        Path packaged = null;
        Duration restartDelay = Duration.ofSeconds(5);
        List<String> command = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--data" -> data = Path.of(value(args, ++i, "--data"));
                case "--packaged-jar" -> packaged = Path.of(value(args, ++i, "--packaged-jar"));
                case "--restart-delay-ms" -> restartDelay = Duration.ofMillis(Long.parseLong(value(args, ++i,
                        "--restart-delay-ms")));
                case "--" -> {
                    command.addAll(List.of(args).subList(i + 1, args.length));
                    i = args.length;
                }
                default -> usage("unknown option " + args[i]);
            }
        }
        if (data == null || packaged == null || command.isEmpty()) {
            usage("--data, --packaged-jar and the agent command after -- are required");
        }
        Launcher launcher = new Launcher(new ReleaseDirectory(data), packaged, command, Clock.systemUTC(), restartDelay,
                Duration.ofSeconds(15));
        Runtime.getRuntime().addShutdownHook(new Thread(launcher::stop, "launcher-stop"));
        System.exit(launcher.run());
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println("loa-agent launcher: " + problem + "\nusage: LauncherMain --data DIR --packaged-jar JAR "
                + "[--restart-delay-ms N] -- COMMAND... ({jar} in COMMAND is replaced by the jar to run)");
        System.exit(2);
    }
}
