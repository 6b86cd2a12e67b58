package vn.loa.hardware.sound;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import vn.loa.hardware.AudioLevels;
import vn.loa.hardware.HardwareException;
import vn.loa.hardware.PcmFormat;
import vn.loa.hardware.StartSilence;

/**
 * Run in a child JVM whose ALSA configuration points the default device at a file: plays a raw
 * s16le file through {@link JavaSoundOutput} in blocks, as the player does, and prints the levels.
 *
 * <p>args: input rate channels stationGainDb fadeMs outputRate device activeZones(1,2) zoneGains(1=-3,2=0)
 * [startLeadMs: the card times the start this far ahead ({@code startAt}), and it prints whether it did]
 */
public final class PlayThroughSound {
    private PlayThroughSound() {
    }

    public static void main(String[] args) throws IOException {
        byte[] raw = Files.readAllBytes(Path.of(args[0]));
        short[] samples = new short[raw.length / 2];
        ByteBuffer.wrap(raw).order(ByteOrder.LITTLE_ENDIAN).asShortBuffer().get(samples);
        PcmFormat format = new PcmFormat(Integer.parseInt(args[1]), Integer.parseInt(args[2]));
        Set<Long> active = new HashSet<>();
        for (String z : args[7].split(",")) {
            if (!z.isBlank()) {
                active.add(Long.parseLong(z));
            }
        }
        Map<Long, Double> zoneGains = new HashMap<>();
        for (String g : args[8].split(",")) {
            if (!g.isBlank()) {
                String[] kv = g.split("=");
                zoneGains.put(Long.parseLong(kv[0]), Double.parseDouble(kv[1]));
            }
        }
        SoundSettings settings = new SoundSettings(args[6].equals("-") ? "" : args[6], Double.parseDouble(args[3]),
                zoneGains, Duration.ofMillis(Long.parseLong(args[4])), Integer.parseInt(args[5]),
                SoundSettings.DEFAULT_BUFFER);
        JavaSoundOutput out = new JavaSoundOutput(settings, () -> active);
        try {
            out.open(format, "alsa-test");
            if (args.length > 9) {
                long atUs = StartSilence.micros(Clock.systemUTC()) + Long.parseLong(args[9]) * 1000;
                System.out.println("STARTAT " + out.startAt(atUs, Clock.systemUTC()));
            }
            int block = 1000 * format.channels();
            for (int i = 0; i < samples.length; i += block) {
                out.write(samples, i, Math.min(block, samples.length - i));
            }
            out.close();
        } catch (HardwareException e) {
            System.out.println("HARDWARE " + e.getMessage());
            System.exit(3);
        }
        AudioLevels l = out.levels();
        System.out.println("LEVELS " + l.peakDbfs() + " " + l.rmsDbfs() + " " + l.samples());
    }
}
