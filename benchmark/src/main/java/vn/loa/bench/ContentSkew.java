package vn.loa.bench;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The start skew as listeners hear it, measured on what the simulated sound cards recorded rather
 * than on what the agents report: for each station, the instant its card took the first sample
 * (the "audio start" event, station clock, ms) minus how far into the message that sample is (found
 * by matching the recording against the fullest recording of the same announcement, sample for
 * sample: every agent decodes the same packets bit-exactly). The spread of those content start
 * instants is the skew; its resolution is the event log's millisecond.
 */
final class ContentSkew {
    /** Samples compared to place a recording (200 ms at 24 kHz). */
    private static final int WINDOW = 4_800;
    private static final Pattern START = Pattern.compile(
            "\"atMs\":(\\d+),\"device\":\"audio\",\"state\":\"start\",\"sampleRate\":(\\d+),\"file\":\"([^\"]+)\"");

    private ContentSkew() {
    }

    /** One station's recording of one announcement. */
    record Recording(long stationId, long deviceStartMs, int sampleRate, short[] samples) {
    }

    /** The recording of announcement {@code broadcastId} in a simulated station's directory. */
    static Recording read(Path simDir, long stationId, long broadcastId) throws IOException {
        String suffix = "-b" + broadcastId + ".wav";
        for (String line : Files.readAllLines(simDir.resolve("events.jsonl"), StandardCharsets.UTF_8)) {
            Matcher m = START.matcher(line);
            if (m.find() && m.group(3).endsWith(suffix)) {
                return new Recording(stationId, Long.parseLong(m.group(1)), Integer.parseInt(m.group(2)),
                        samples(simDir.resolve(m.group(3))));
            }
        }
        throw new IllegalStateException("station " + stationId + ": no recording of announcement " + broadcastId
                + " in " + simDir);
    }

    private static short[] samples(Path wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(wav)).order(ByteOrder.LITTLE_ENDIAN);
        b.position(44);
        short[] out = new short[b.remaining() / 2];
        b.asShortBuffer().get(out);
        return out;
    }

    /** Each recording's content start instant (ms on the station clock), in the order given. */
    static List<Double> contentStarts(List<Recording> recordings) {
        Recording ref = recordings.get(0);
        for (Recording r : recordings) {
            if (r.samples().length > ref.samples().length) {
                ref = r; // the fullest: it dropped the fewest samples at its start
            }
        }
        List<Double> out = new ArrayList<>();
        for (Recording r : recordings) {
            int k = offsetIn(ref.samples(), r.samples());
            if (k < 0) {
                throw new IllegalStateException("station " + r.stationId() + ": its recording does not match station "
                        + ref.stationId() + "'s anywhere in the first second");
            }
            out.add(r.deviceStartMs() - k * 1000.0 / r.sampleRate());
        }
        return out;
    }

    /** Where {@code x} begins inside {@code ref} (samples), searching the first second; -1 if nowhere. */
    static int offsetIn(short[] ref, short[] x) {
        // a flat start (a pause) would match anywhere: compare from where the recording first changes
        int s = 0;
        while (s < x.length && x[s] == x[0]) {
            s++;
        }
        int w = Math.min(WINDOW, x.length - s);
        if (w <= 0) {
            return -1;
        }
        for (int k = 0; k + s + w <= ref.length && k < 24_000; k++) {
            int i = 0;
            while (i < w && ref[k + s + i] == x[s + i]) {
                i++;
            }
            if (i == w) {
                return k;
            }
        }
        return -1;
    }

    /** Max − min of the content start instants. */
    static double spreadMs(List<Double> starts) {
        double min = Double.MAX_VALUE;
        double max = -Double.MAX_VALUE;
        for (double s : starts) {
            min = Math.min(min, s);
            max = Math.max(max, s);
        }
        return max - min;
    }
}
