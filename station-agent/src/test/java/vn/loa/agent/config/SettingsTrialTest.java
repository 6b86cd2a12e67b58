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
import vn.loa.protocol.v1.ConfigFile;
import vn.loa.protocol.v1.ConfigPush;
import vn.loa.protocol.v1.ConfigStatus;
import vn.loa.protocol.v1.Envelope;

/** Pushed agent settings on the station: refused, staged, on trial at start, kept when connected, else rolled back. */
class SettingsTrialTest {
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

    private static ConfigPush settings(long id, String text) {
        return ConfigPush.newBuilder().setPushId(id).setFile(ConfigFile.STATION_SETTINGS).setStationSettings(text)
                .setTrialSeconds(30).build();
    }

    @Test
    void settingsThatSetTheStationIdAreRefusedWithTheirLine() throws Exception {
        agent().push(settings(3, "controller = a.example.vn:7070\nstation = 9\n"));
        assertThat(sent).extracting(ConfigStatus::getState).containsExactly(ConfigStatus.State.REFUSED);
        assertThat(sent.get(0).getErrorsList()).extracting(ConfigStatus.LineError::getLine).containsExactly(2);
        assertThat(new ConfigDirectory(data, ConfigDirectory.Slot.SETTINGS).staged()).isEmpty();
        assertThat(restarts).hasValue(0);
    }

    @Test
    void stagedSettingsRunOnTrialAtStartAndAreKeptOnceConnected() throws Exception {
        agent().push(settings(4, "controller = b.example.vn:7071\ndataQuotaMiB = 2048\n"));
        assertThat(sent).extracting(ConfigStatus::getState).containsExactly(ConfigStatus.State.STAGED);
        assertThat(restarts).as("idle: restarted at once").hasValue(1);

        SettingsTrial.Choice choice = SettingsTrial.choose(7, data);
        assertThat(choice.overlay().getProperty("controller")).isEqualTo("b.example.vn:7071");
        assertThat(choice.onTrial()).hasValueSatisfying(t -> assertThat(t.seconds()).isEqualTo(30));

        sent.clear();
        ConfigAgent restarted = agent();
        restarted.linkUp();
        restarted.connected();
        assertThat(sent).extracting(ConfigStatus::getState).containsExactly(ConfigStatus.State.APPLIED);
        assertThat(restarted.trialExpired()).as("nothing left to roll back").isTrue();
        assertThat(Files.readString(data.resolve("config/station.properties"))).contains("b.example.vn:7071");
        assertThat(SettingsTrial.choose(7, data).onTrial()).as("kept, no second trial").isEmpty();
        assertThat(SettingsTrial.choose(7, data).overlay().getProperty("dataQuotaMiB")).isEqualTo("2048");
    }

    @Test
    void settingsThatNeverConnectAreRolledBackOnceNothingPlaysAndTheLastGoodOnesRunAgain() throws Exception {
        agent().push(settings(5, "controller = good.example.vn:7070\n"));
        SettingsTrial.choose(7, data);
        agent().linkUp(); // the first push connected: the last good settings
        agent().push(settings(6, "controller = wrong.example.vn:7070\n"));
        assertThat(SettingsTrial.choose(7, data).onTrial()).isPresent();
        sent.clear();
        restarts.set(0);
        idle.set(false);
        ConfigAgent onTrial = agent();
        assertThat(onTrial.trialExpired()).as("not while something plays").isFalse();
        idle.set(true);
        assertThat(onTrial.trialExpired()).isTrue();
        assertThat(restarts).hasValue(1);

        SettingsTrial.Choice back = SettingsTrial.choose(7, data);
        assertThat(back.onTrial()).isEmpty();
        assertThat(back.overlay().getProperty("controller")).isEqualTo("good.example.vn:7070");
        agent().connected();
        assertThat(sent).singleElement().satisfies(s -> {
            assertThat(s.getPushId()).isEqualTo(6);
            assertThat(s.getState()).isEqualTo(ConfigStatus.State.ROLLED_BACK);
            assertThat(s.getReason()).contains("not connected to a controller within 30 s");
        });
    }

    @Test
    void settingsStillOnTrialAtStartMeanTheAgentStoppedAndAreRolledBack() throws Exception {
        agent().push(settings(8, "controller = c.example.vn:7070\n"));
        SettingsTrial.choose(7, data); // on trial, then the process died
        SettingsTrial.Choice next = SettingsTrial.choose(7, data);
        assertThat(next.onTrial()).isEmpty();
        assertThat(next.overlay()).isEmpty();
        assertThat(new ConfigDirectory(data, ConfigDirectory.Slot.SETTINGS).result()).hasValueSatisfying(r -> {
            assertThat(r.pushId()).isEqualTo(8);
            assertThat(r.outcome()).isEqualTo(ConfigDirectory.Outcome.ROLLED_BACK);
        });
    }
}
