package vn.loa.controller.stationconfig;

import java.time.Instant;
import java.util.List;

/**
 * One hardware file pushed to a station and how it went there (docs/configuration.md): an entry of the station's
 * configuration history.
 *
 * @param errors      the agent's errors when it refused the file (each with its line; 0 = the whole file)
 * @param testedZones the zones the agent's silent self-test switched
 */
public record ConfigPush(long id, long stationId, String hardwareFile, State state, String reason,
        List<LineError> errors, List<Long> testedZones, long pushedBy, Instant pushedAt, Instant changedAt) {

    public ConfigPush {
        errors = List.copyOf(errors);
        testedZones = List.copyOf(testedZones);
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
        /** The self-test failed: the station went back to its last good file. */
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
