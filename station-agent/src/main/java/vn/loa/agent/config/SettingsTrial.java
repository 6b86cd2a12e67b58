package vn.loa.agent.config;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.hardwarefile.StationSettingsException;
import vn.loa.protocol.hardwarefile.StationSettingsParser;

/**
 * Which agent settings run, decided once at start (docs/configuration.md#agent-settings): the keys of a pushed
 * {@code <data>/config/station.properties} win over the packaged {@code /etc/loa-agent/station.properties}; pushed
 * settings that are staged go on trial — they run now, and {@link ConfigAgent} keeps them once the agent is
 * connected again, or rolls them back when it is not within the push's trial time (like the OTA launcher's trial
 * of a release). Settings found still on trial at start mean the agent stopped before it connected with them:
 * they are rolled back.
 */
public final class SettingsTrial {
    private static final Logger log = LoggerFactory.getLogger(SettingsTrial.class);

    /**
     * @param overlay  the pushed keys to lay over the packaged file (empty when nothing was pushed)
     * @param onTrial  the push on trial now, when the overlay is staged settings being tried
     */
    public record Choice(Properties overlay, Optional<ConfigDirectory.Trying> onTrial) {
    }

    private SettingsTrial() {
    }

    public static Choice choose(long stationId, Path dataDir) throws IOException {
        ConfigDirectory dir = new ConfigDirectory(dataDir, ConfigDirectory.Slot.SETTINGS);
        Optional<ConfigDirectory.Trying> left = dir.trying();
        if (left.isPresent()) {
            dir.dropTrying();
            dir.writeResult(new ConfigDirectory.Result(left.get().pushId(), ConfigDirectory.Outcome.ROLLED_BACK,
                    "the agent stopped before it was connected again with these settings", List.of()));
            log.error("station {}: pushed settings {} rolled back: the agent stopped during their trial", stationId,
                    left.get().pushId());
        }
        Optional<ConfigDirectory.Staged> staged = dir.staged();
        if (staged.isPresent()) {
            long pushId = staged.get().pushId();
            try {
                StationSettingsParser.parse(staged.get().text(), "config push " + pushId);
                int seconds = trialSeconds(dir);
                dir.stagedToTrying(seconds);
                ConfigDirectory.Trying trying = dir.trying().orElseThrow();
                log.info("station {}: pushed settings {} on trial: kept once connected within {} s", stationId, pushId,
                        trying.seconds());
                return new Choice(load(trying.text()), Optional.of(trying));
            } catch (StationSettingsException e) {
                dir.dropStaged();
                dir.writeResult(new ConfigDirectory.Result(pushId, ConfigDirectory.Outcome.FAILED, e.getMessage(),
                        List.of()));
            }
        }
        Optional<Path> current = dir.current();
        if (current.isEmpty()) {
            return new Choice(new Properties(), Optional.empty());
        }
        String text = Files.readString(current.get(), StandardCharsets.UTF_8);
        try {
            StationSettingsParser.parse(text, current.get().toString());
        } catch (StationSettingsException e) {
            // only a hand edit can do this: run on the packaged settings, say why
            log.error("station {}: {}; running on the packaged settings", stationId, e.getMessage());
            return new Choice(new Properties(), Optional.empty());
        }
        return new Choice(load(text), Optional.empty());
    }

    /** The trial time the push asked for, written beside the staged file by {@link ConfigAgent}. */
    private static int trialSeconds(ConfigDirectory dir) throws IOException {
        Path f = dir.dir().resolve(ConfigAgent.TRIAL_SECONDS_FILE);
        return Files.isRegularFile(f) ? Integer.parseInt(Files.readString(f).strip()) : ConfigAgent.DEFAULT_TRIAL_SECONDS;
    }

    private static Properties load(String text) throws IOException {
        Properties p = new Properties();
        p.load(new StringReader(text));
        return p;
    }
}
