package vn.loa.controller.gateway;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.v1.CertificateRenewal;
import vn.loa.protocol.v1.Envelope;

/**
 * Answers a station's {@code CertificateRenewalRequest} on its mutual-TLS link: the station is the one
 * the link's verified certificate named at the hello, never one the request names; signing and recording
 * run on the blocking executor.
 */
@Sharable
final class CertificateRenewalHandler extends KindHandler {
    private static final Logger log = LoggerFactory.getLogger(CertificateRenewalHandler.class);

    private final StationTls.CertificateAuthority ca;
    private final ExecutorService blocking;

    CertificateRenewalHandler(StationTls.CertificateAuthority ca, ExecutorService blocking) {
        super(Envelope.KindCase.CERTIFICATE_RENEWAL_REQUEST);
        this.ca = ca;
        this.blocking = blocking;
    }

    @Override
    void handle(ChannelHandlerContext ctx, StationSession session, Envelope envelope) {
        long stationId = session.stationId();
        String csr = envelope.getCertificateRenewalRequest().getCsrPem();
        long requestId = envelope.getRequestId();
        blocking.execute(() -> {
            CertificateRenewal answer;
            try {
                answer = ca.renew(stationId, csr);
            } catch (RuntimeException failure) {
                log.error("station {}: certificate renewal failed: {}", stationId, failure.toString(), failure);
                answer = CertificateRenewal.newBuilder()
                        .setError("the controller could not renew the certificate; it will be asked again").build();
            }
            ctx.writeAndFlush(Envelope.newBuilder().setRefersTo(requestId).setCertificateRenewal(answer).build(),
                    ctx.voidPromise());
        });
    }
}
