package vn.loa.agent.media;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(30)
class DecoderWarmUpTest {
    @Test
    void decodesASecondOfItsOwnTone() throws Exception {
        assertThat(DecoderWarmUp.run()).isEqualTo(DecoderWarmUp.FRAMES * 480L);
    }
}
