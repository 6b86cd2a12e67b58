package vn.loa.controller.pki;

import io.netty.channel.ChannelHandler.Sharable;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import java.security.cert.X509Certificate;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.gateway.StationSession;
import vn.loa.protocol.pki.Pem;
import vn.loa.protocol.v1.CertificateRenewal;
import vn.loa.protocol.v1.Envelope;

/**
 * Answers a station's {@code CertificateRenewalRequest} on its mutual-TLS link: the station is the one
 * the link's verified certificate named at the hello; signing and recording run on the blocking executor.
 */
@Sharable
final class RenewalHandler extends ChannelInboundHandlerAdapter {
    static final String NAME = "certificateRenewal";
    private static final Logger log = LoggerFactory.getLogger(RenewalHandler.class);

    private final EnrollmentService service;
    private final ExecutorService blocking;

    RenewalHandler(EnrollmentService service, ExecutorService blocking) {
        this.service = service;
        this.blocking = blocking;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof Envelope e) || e.getKindCase() != Envelope.KindCase.CERTIFICATE_RENEWAL_REQUEST) {
            ctx.fireChannelRead(msg);
            return;
        }
        StationSession session = ctx.channel().attr(StationSession.KEY).get();
        long stationId = session.stationId();
        String csr = e.getCertificateRenewalRequest().getCsrPem();
        long requestId = e.getRequestId();
        blocking.execute(() -> {
            CertificateRenewal.Builder answer = CertificateRenewal.newBuilder();
            try {
                X509Certificate cert = service.renew(stationId, csr);
                answer.setCertificatePem(Pem.encode(cert)).setCaCertificatePem(Pem.encode(service.ca().certificate()))
                        .setNotAfterMs(cert.getNotAfter().getTime());
            } catch (EnrollmentRefused refused) {
                log.warn("station {}: certificate renewal refused: {}", stationId, refused.getMessage());
                answer.setError(refused.getMessage());
            } catch (RuntimeException failure) {
                log.error("station {}: certificate renewal failed: {}", stationId, failure.toString(), failure);
                answer.setError("the controller could not renew the certificate; it will be asked again");
            }
            ctx.channel().writeAndFlush(Envelope.newBuilder().setRefersTo(requestId).setCertificateRenewal(answer).build(),
                    ctx.channel().voidPromise());
        });
    }
}
