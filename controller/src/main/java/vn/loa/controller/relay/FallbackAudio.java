package vn.loa.controller.relay;

import java.io.IOException;

/** Where a relay's fallback audio comes from (docs/relay.md#fallback). */
public interface FallbackAudio {

    /**
     * One round of the fallback: 16-bit mono PCM.
     *
     * @param title what is played, for the log and the relay's status
     */
    record Loop(String title, short[] samples, int sampleRate) {
        public Loop {
            if (samples.length == 0) {
                throw new IllegalArgumentException("the fallback '" + title + "' has no audio");
            }
        }
    }

    /** The bulletin's audio, decoded; fails with a sentence a person can act on. Blocks (disk, database). */
    Loop load(long bulletinId) throws IOException;

    /** No fallback can be played (a controller without a bulletin store: tests). */
    FallbackAudio NONE = id -> {
        throw new IOException("this controller has no bulletin store to play fallback bulletin " + id + " from");
    };
}
