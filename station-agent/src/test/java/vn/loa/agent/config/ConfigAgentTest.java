package vn.loa.agent.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.v1.ConfigPush;
import vn.loa.protocol.v1.ConfigStatus;
import vn.loa.protocol.v1.Envelope;

class ConfigAgentTest {
    private static final String GOOD = "amplifier.gpio = 17\nzone.4.gpio = 27\n";

    @TempDir
    Path data;

    private final List<ConfigStatus> sent = new ArrayList<>();
    private final AtomicBoolean idle = new AtomicBoolean(true);
    private final AtomicInteger restarts = new AtomicInteger();

    private ConfigAgent agent() {
        ConfigAgent a = new ConfigAgent(7, data, (Envelope e) -> sent.add(e.getConfigStatus()), idle::get);
        a.onRestart(restarts::incrementAndGet);
        return a;
    }

    @Test
    void aFileThatDoesNotParseIsRefusedWithEveryErrorAndItsLineAndNothingIsStaged() throws Exception {
        agent().push(ConfigPush.newBuilder().setPushId(3).setHardwareFile("amplifier.gpio = 17\nzone.4.gpio = 40\nnonsense\n")
                .build());
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getState()).isEqualTo(ConfigStatus.State.REFUSED);
        assertThat(sent.get(0).getPushId()).isEqualTo(3);
        assertThat(sent.get(0).getErrorsList()).extracting(ConfigStatus.LineError::getLine).containsExactlyInAnyOrder(2, 3);
        assertThat(new ConfigDirectory(data).staged()).isEmpty();
        assertThat(restarts).hasValue(0);
    }

    @Test
    void aGoodFileIsStagedAndAppliedByARestartOnlyOnceNothingPlays() throws Exception {
        idle.set(false);
        ConfigAgent a = agent();
        a.push(ConfigPush.newBuilder().setPushId(4).setHardwareFile(GOOD).build());
        assertThat(sent).extracting(ConfigStatus::getState).containsExactly(ConfigStatus.State.STAGED);
        assertThat(new ConfigDirectory(data).staged()).hasValueSatisfying(s -> assertThat(s.pushId()).isEqualTo(4));
        a.maybeApply();
        assertThat(restarts).as("not while something plays").hasValue(0);
        idle.set(true);
        a.maybeApply();
        a.maybeApply();
        assertThat(restarts).as("once, when idle").hasValue(1);
    }

    @Test
    void aNewerPushReplacesAStagedOneWhichIsReportedAsNotApplied() throws Exception {
        idle.set(false);
        ConfigAgent a = agent();
        a.push(ConfigPush.newBuilder().setPushId(4).setHardwareFile(GOOD).build());
        a.push(ConfigPush.newBuilder().setPushId(5).setHardwareFile(GOOD + "zone.5.gpio = 22\n").build());
        assertThat(sent).extracting(s -> s.getPushId() + " " + s.getState())
                .containsExactly("4 STAGED", "4 FAILED", "5 STAGED");
        assertThat(new ConfigDirectory(data).staged()).hasValueSatisfying(s -> assertThat(s.pushId()).isEqualTo(5));
    }

    @Test
    void theOutcomeOfTheLastPushIsReportedOnceConnected() throws Exception {
        new ConfigDirectory(data).writeResult(new ConfigDirectory.Result(5, ConfigDirectory.Outcome.ROLLED_BACK,
                "zone 4: does not answer", List.of(4L)));
        ConfigAgent a = agent();
        a.connected();
        a.connected();
        assertThat(sent).hasSize(1);
        assertThat(sent.get(0).getState()).isEqualTo(ConfigStatus.State.ROLLED_BACK);
        assertThat(sent.get(0).getTestedZoneIdsList()).containsExactly(4L);
        assertThat(Files.exists(data.resolve("config/result"))).isFalse();
    }
}
