package vn.loa.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class ContentSkewTest {
    private final short[] speech = SpeechLike.generate(24_000, 1.5, 11);

    private ContentSkew.Recording from(long station, long deviceStartMs, int dropped) {
        return new ContentSkew.Recording(station, deviceStartMs, 24_000, Arrays.copyOfRange(speech, dropped, speech.length));
    }

    @Test
    void aStationThatDroppedWhatItWasLateForStartsItsContentWithTheOthers() {
        // station 2's card started 10 ms late but dropped 10 ms (240 samples): heard in step with station 1
        List<Double> starts = ContentSkew.contentStarts(List.of(from(1, 1000, 0), from(2, 1010, 240)));
        assertThat(ContentSkew.spreadMs(starts)).isCloseTo(0, within(1e-9));
    }

    @Test
    void aStationThatStartedLateWithoutDroppingIsThatMuchBehind() {
        List<Double> starts = ContentSkew.contentStarts(List.of(from(1, 1000, 0), from(2, 1007, 0), from(3, 1012, 120)));
        assertThat(starts).containsExactly(1000.0, 1007.0, 1007.0);
        assertThat(ContentSkew.spreadMs(starts)).isEqualTo(7.0);
    }

    @Test
    void aRecordingOfSomethingElseIsRefused() {
        short[] other = SpeechLike.generate(24_000, 1.5, 99);
        assertThatThrownBy(() -> ContentSkew.contentStarts(List.of(from(1, 1000, 0),
                new ContentSkew.Recording(2, 1000, 24_000, other)))).hasMessageContaining("station 2");
    }
}
