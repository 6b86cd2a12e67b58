package vn.loa.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The harness starts the controller with the flags of the installed package's launcher, and keeps in step with it. */
class ControllerLauncherFlagsTest {
    private static final Path LAUNCHER = Path.of("..", "packaging", "src", "deb", "controller", "files", "loa-controller");

    @Test
    void theHarnessGivesTheControllerTheLaunchersFlags() throws Exception {
        String script = Files.readString(LAUNCHER);
        assertThat(script).contains("flags=\"-XX:+UseG1GC -XX:MaxRAMPercentage=50\"")
                .contains("flags=\"$flags -XX:+UseCompactObjectHeaders\"").contains("\"$feature\" -ge 25");
        assertThat(ControllerProcess.launcherFlags(21)).containsExactly("-XX:+UseG1GC", "-XX:MaxRAMPercentage=50");
        assertThat(ControllerProcess.launcherFlags(25)).containsExactly("-XX:+UseG1GC", "-XX:MaxRAMPercentage=50",
                "-XX:+UseCompactObjectHeaders");
    }
}
