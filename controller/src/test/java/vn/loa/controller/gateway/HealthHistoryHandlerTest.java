package vn.loa.controller.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.gateway.GatewayFixture.written;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.HealthHistory;
import vn.loa.protocol.v1.HealthHistoryAck;
import vn.loa.protocol.v1.HealthRecord;

/** Health recorded offline: handed over for the link's own station, acknowledged only once stored. */
@Timeout(30)
class HealthHistoryHandlerTest {
    @TempDir
    Path dir;
    GatewayFixture gw;

    @BeforeEach
    void setUp() {
        gw = new GatewayFixture(dir);
    }

    @AfterEach
    void tearDown() {
        gw.close();
    }

    private static Envelope batch(long requestId, int records) {
        HealthHistory.Builder b = HealthHistory.newBuilder();
        for (int i = 1; i <= records; i++) {
            b.addRecords(HealthRecord.newBuilder().setSeq(100 + i).setSampledAtMs(1_000L * i)
                    .setHeartbeat(GatewayFixture.heartbeat(i)));
        }
        return Envelope.newBuilder().setRequestId(requestId).setHealthHistory(b).build();
    }

    @Test
    void aBatchIsStoredForTheLinksStationThenAcknowledgedUpToItsLastRecord() {
        EmbeddedChannel ch = gw.withSession(new HealthHistoryHandler(gw.context().healthHistory()));
        Envelope e = batch(61, 5);
        ch.writeInbound(e);
        assertThat(gw.histories).containsExactly(new GatewayFixture.Told(gw.stationId, e.getHealthHistory()
                .getRecordsList()));
        assertThat(written(ch)).singleElement().satisfies(ack -> {
            assertThat(ack.getRefersTo()).isEqualTo(61);
            assertThat(ack.getHealthHistoryAck()).isEqualTo(HealthHistoryAck.newBuilder().setUpToSeq(105)
                    .setStored(gw.historyStored).build());
        });
    }

    @Test
    void aBatchThatWasNotStoredIsNotAcknowledged() {
        List<Runnable> later = new ArrayList<>();
        EmbeddedChannel ch = gw.withSession(new HealthHistoryHandler((station, records, stored) -> later.add(
                () -> stored.accept(records.size()))));
        ch.writeInbound(batch(62, 2));
        assertThat(written(ch)).as("not yet stored").isEmpty();
        later.forEach(Runnable::run);
        assertThat(written(ch)).extracting(e -> e.getHealthHistoryAck().getStored()).containsExactly(2);
    }

    @Test
    void aBatchLargerThanAnAgentEverSendsIsRefused() {
        EmbeddedChannel ch = gw.withSession(new HealthHistoryHandler(gw.context().healthHistory()));
        ch.writeInbound(batch(63, HealthHistoryHandler.MAX_RECORDS + 1));
        assertThat(gw.histories).isEmpty();
        assertThat(written(ch)).isEmpty();
        Envelope other = Envelope.newBuilder().setRequestId(3).build();
        ch.writeInbound(other);
        assertThat((Object) ch.readInbound()).isSameAs(other);
    }
}
