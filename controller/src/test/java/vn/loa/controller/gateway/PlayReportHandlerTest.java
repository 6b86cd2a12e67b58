package vn.loa.controller.gateway;

import static org.assertj.core.api.Assertions.assertThat;
import static vn.loa.controller.gateway.GatewayFixture.written;

import io.netty.channel.embedded.EmbeddedChannel;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import vn.loa.controller.playlog.PlayRepository;
import vn.loa.controller.storage.Database;
import vn.loa.controller.storage.Jdbc;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.PlayReport;

/** Play reports: stored once per report id for the session's station, acknowledged only once stored. */
@Timeout(30)
class PlayReportHandlerTest {
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

    private EmbeddedChannel channel(PlayRepository plays) {
        return gw.withSession(new PlayReportHandler(plays, gw.blocking, gw.stored::add));
    }

    private static Envelope report(long requestId, String reportId) {
        return Envelope.newBuilder().setRequestId(requestId).setPlayReport(PlayReport.newBuilder().setReportId(reportId)
                .setItemId("s1-1796622438").setOutcome(PlayReport.Outcome.PLAYED).setPlannedAtMs(1_796_622_438_000L)
                .setStartedAtMs(1_796_622_438_010L).setEndedAtMs(1_796_622_468_000L)).build();
    }

    private static List<String> acked(List<Envelope> out) {
        return out.stream().map(e -> e.getRefersTo() + ":" + String.join(",", e.getPlayReportAck().getReportIdsList()))
                .toList();
    }

    private int storedRows() {
        return gw.plays.find(new PlayRepository.Filter(gw.stationId, null, null, null, 100)).size();
    }

    @Test
    void aReportIsStoredForTheSessionsStationThenAcknowledgedAndStoredOnceWhenSentAgain() {
        EmbeddedChannel ch = channel(gw.plays);
        ch.writeInbound(report(5, "r-1"));
        assertThat(acked(written(ch))).containsExactly("5:r-1");
        assertThat(storedRows()).isEqualTo(1);
        assertThat(gw.stored).extracting(PlayReport::getReportId).containsExactly("r-1");
        ch.writeInbound(report(6, "r-1")); // its acknowledgement was lost: sent again
        assertThat(acked(written(ch))).containsExactly("6:r-1");
        assertThat(storedRows()).isEqualTo(1);
        assertThat(gw.stored).as("told once, when it was new").hasSize(1);
    }

    @Test
    void aReportWithoutAUsableIdIsAcknowledgedSoItIsNotSentForeverButNotStored() {
        EmbeddedChannel ch = channel(gw.plays);
        ch.writeInbound(report(7, ""));
        ch.writeInbound(report(8, "x".repeat(65)));
        assertThat(acked(written(ch))).containsExactly("7:", "8:" + "x".repeat(65));
        assertThat(storedRows()).isZero();
        assertThat(gw.stored).isEmpty();
    }

    @Test
    void aReportThatCouldNotBeStoredIsNotAcknowledged() {
        Database closed = Database.open("jdbc:h2:mem:closed-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH", "sa", "");
        PlayRepository unavailable = new PlayRepository(new Jdbc(closed));
        closed.close();
        EmbeddedChannel ch = channel(unavailable);
        ch.writeInbound(report(9, "r-2"));
        assertThat(written(ch)).as("kept by the agent and sent again").isEmpty();
        assertThat(gw.stored).isEmpty();
        assertThat(ch.isOpen()).isTrue();
    }

    @Test
    void otherMessagesPassOn() {
        EmbeddedChannel ch = channel(gw.plays);
        Envelope other = Envelope.newBuilder().setRequestId(3).build();
        ch.writeInbound(other);
        assertThat((Object) ch.readInbound()).isSameAs(other);
    }
}
