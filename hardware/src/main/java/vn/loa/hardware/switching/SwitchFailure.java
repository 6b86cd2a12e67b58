package vn.loa.hardware.switching;

/**
 * A device that did not switch off when a sequence released it.
 *
 * @param zone the zone id for {@link Device#ZONE}, else 0
 */
public record SwitchFailure(Device device, long zone, String message) {
    public enum Device {
        AUDIO, ZONE, AMPLIFIER
    }

    @Override
    public String toString() {
        return switch (device) {
            case AUDIO -> "audio output: " + message;
            case ZONE -> "zone " + zone + ": " + message;
            case AMPLIFIER -> "amplifier: " + message;
        };
    }
}
