package vn.loa.agent.update;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReleaseDirectoryTest {
    private static final Instant NOW = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path data;

    private Path jar(String name) throws Exception {
        return Files.writeString(data.resolve(name), "jar " + name);
    }

    @Test
    void activateTrialGoodAndRevertLeaveTheStateTheLauncherReads() throws Exception {
        ReleaseDirectory d = new ReleaseDirectory(data);
        assertThat(d.read()).isEqualTo(new ReleaseState(null, false, false, null));

        d.install("A", jar("a"));
        d.activate("A", Duration.ofMinutes(5), NOW);
        assertThat(d.read()).isEqualTo(new ReleaseState("A", true, false, new Trial("A", null, NOW.plusSeconds(300))));
        d.markGood("A");
        assertThat(d.read()).isEqualTo(new ReleaseState("A", true, true, null));

        d.install("B", jar("b"));
        d.activate("B", Duration.ofMinutes(5), NOW);
        assertThat(d.read().onTrial()).isTrue();
        assertThat(Files.readString(d.root().resolve("current").resolve(ReleaseDirectory.JAR))).isEqualTo("jar b");

        d.revert(new LaunchStep.Revert("B", "A", RevertReason.TRIAL_TIMEOUT), NOW.plusSeconds(301));
        assertThat(d.read()).isEqualTo(new ReleaseState("A", true, true, null));
        assertThat(d.isBad("B")).isTrue();
        assertThat(d.reverted()).contains(new ReleaseDirectory.Reverted("B", "A", RevertReason.TRIAL_TIMEOUT,
                NOW.plusSeconds(301)));
        d.clearReverted();
        assertThat(d.reverted()).isEmpty();
    }

    @Test
    void revertingTheFirstReleaseGoesBackToThePackagedJar() throws Exception {
        ReleaseDirectory d = new ReleaseDirectory(data);
        d.install("B", jar("b"));
        d.activate("B", Duration.ofMinutes(5), NOW);

        d.revert(new LaunchStep.Revert("B", null, RevertReason.EXITED_DURING_TRIAL), NOW);

        assertThat(d.current()).isEmpty();
        assertThat(d.trial()).isEmpty();
    }

    @Test
    void aVersionThatIsNotASafeDirectoryNameIsRefused() {
        ReleaseDirectory d = new ReleaseDirectory(data);
        assertThatThrownBy(() -> d.jarOf("../../etc")).hasMessageContaining("not a release version");
        assertThatThrownBy(() -> d.activate("C", Duration.ofMinutes(1), NOW)).hasMessageContaining("not installed");
    }
}
