package vn.loa.hardware.sound;

import java.time.Duration;
import java.util.Map;

/**
 * How the station's sound card is used.
 *
 * @param device         a substring of the Java Sound mixer name (case-insensitive); blank = the first
 *                       mixer that supports the stream
 * @param stationGainDb  software gain for everything this station plays
 * @param zoneGainDb     extra gain per zone; a stream gets the gain of the quietest zone switched on
 *                       when it opens (zones only switch while the output is silent, between streams)
 * @param fade           fade-in at the start and fade-out at the end of every stream, so the relays
 *                       switching around it never click
 * @param outputRate     0 = the stream's own rate, falling back to 48000/44100/32000/22050/16000 if the
 *                       device refuses it; otherwise always resample to this rate
 * @param buffer         the device buffer: how far ahead of the loudspeakers writes run
 */
public record SoundSettings(String device, double stationGainDb, Map<Long, Double> zoneGainDb, Duration fade,
        int outputRate, Duration buffer) {
    public static final Duration DEFAULT_FADE = Duration.ofMillis(10);
    public static final Duration DEFAULT_BUFFER = Duration.ofMillis(100);

    public SoundSettings {
        device = device == null ? "" : device.trim();
        zoneGainDb = Map.copyOf(zoneGainDb);
    }

    public static SoundSettings defaults() {
        return new SoundSettings("", 0, Map.of(), DEFAULT_FADE, 0, DEFAULT_BUFFER);
    }

    /** Station gain plus the gain of the quietest of the active zones (0 dB for zones without one). */
    public double gainDbFor(Iterable<Long> activeZones) {
        double quietest = Double.POSITIVE_INFINITY;
        for (long zone : activeZones) {
            quietest = Math.min(quietest, zoneGainDb.getOrDefault(zone, 0.0));
        }
        return stationGainDb + (quietest == Double.POSITIVE_INFINITY ? 0 : quietest);
    }
}
