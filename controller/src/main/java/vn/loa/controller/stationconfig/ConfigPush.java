package vn.loa.controller.stationconfig;

import java.time.Instant;
import java.util.List;

/**
 * One file pushed to a station — its hardware file or its agent settings — and how it went there
 * (docs/configuration.md): an entry of the station's configuration history.
 *
 * @param file        which of the station's files it replaces
 * @param text        the pushed file

 * @param errors      the agent's errors when it refused the file (each with its line; 0 = the whole file)
 * @param testedZones the zones the agent's silent self-test switched
 */
public record ConfigPush(long id, long stationId, File file, String text, State state, String reason,
        List<LineError> errors, List<Long> testedZones, long pushedBy, Instant pushedAt, Instant changedAt) {

    public ConfigPush {
        errors = List.copyOf(errors);
        testedZones = List.copyOf(testedZones);
    }

    /** Which of the station's files a push replaces. */
    public enum File {
        /** {@code hardware.properties}: tried by a silent self-test of the zones it changes. */
        HARDWARE_FILE,
        /** {@code station.properties}: tried by connecting again within the trial time. */
        STATION_SETTINGS
    }

    /** Where a push is. SENT and STAGED are on their way; the others are final. */
    public enum State {
        /** Validated by the controller and sent to the station. */
        SENT,
        /** The agent accepted it and waits until nothing plays. */
        STAGED,
        /** Running on the station: the silent self-test of the changed zones passed. */
        APPLIED,
        /** The agent's parser refused it (errors): nothing changed. */
        REFUSED,
        /** The self-test failed, or the agent did not connect again in time: the station went back to its last good file. */
        ROLLED_BACK,
        /** Could not be stored or applied on the station. */
        FAILED;

        public boolean finished() {
            return this != SENT && this != STAGED;
        }
    }

    /** An error of the file: its line (from 1; 0 = the file as a whole) and what is wrong. */
    public record LineError(int line, String message) {
    }
}
