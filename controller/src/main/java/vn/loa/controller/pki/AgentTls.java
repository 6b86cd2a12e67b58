package vn.loa.controller.pki;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelPipeline;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import javax.net.ssl.SSLPeerUnverifiedException;

/**
 * What the agent gateway needs for {@code --agent-tls required}: the TLS handler that goes first in
 * every station pipeline, the identity of the verified peer, the revocation check, and the renewal
 * handler installed after the hello.
 */
public final class AgentTls {
    public static final String HANDLER_NAME = "tls";

    private final SslContext server;
    private final StationCertificates certificates;
    private final RenewalHandler renewal;

    AgentTls(SslContext server, StationCertificates certificates, EnrollmentService service, ExecutorService blocking) {
        this.server = server;
        this.certificates = certificates;
        this.renewal = new RenewalHandler(service, blocking);
    }

    public ChannelHandler newHandler(Channel channel) {
        return server.newHandler(channel.alloc());
    }

    /** The verified certificate the peer presented in the handshake. */
    public static X509Certificate peerCertificate(Channel channel) throws SSLPeerUnverifiedException {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            throw new SSLPeerUnverifiedException("no TLS on this connection");
        }
        Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            throw new SSLPeerUnverifiedException("no client certificate");
        }
        return cert;
    }

    /** Why this station's certificate is refused (unknown, another station's, revoked), or empty. Blocking. */
    public Optional<String> refusal(long stationId, X509Certificate certificate) {
        return certificates.refusal(stationId, StationCertificates.serialOf(certificate));
    }

    /** After a successful hello: certificate renewals are answered on this link. */
    public void addRenewal(ChannelPipeline pipeline, String before) {
        pipeline.addBefore(before, RenewalHandler.NAME, renewal);
    }
}
