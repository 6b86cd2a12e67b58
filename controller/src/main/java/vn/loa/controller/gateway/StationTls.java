package vn.loa.controller.gateway;

import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.handler.ssl.JdkSslContext;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslHandler;
import java.io.ByteArrayInputStream;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import vn.loa.protocol.v1.CertificateRenewal;

/**
 * Mutual TLS on the agent port ({@code --agent-tls required}): the TLS handler that goes first in every
 * station pipeline, the certificate the verified peer presented, and what the gateway asks of the station
 * CA (whose station a certificate is, whether it is still accepted, a renewal).
 */
public final class StationTls {
    public static final String HANDLER_NAME = "tls";

    /** What the gateway asks of the station CA; implemented by {@code pki}. */
    public interface CertificateAuthority {
        /** The station a certificate names; IllegalArgumentException when it names none. */
        long stationIdOf(X509Certificate certificate);

        /** Why this station's certificate is refused (unknown, another station's, revoked), or empty. Blocking. */
        Optional<String> refusal(long stationId, X509Certificate certificate);

        /** The answer to a station's renewal request on its link: a new certificate, or an error. Blocking. */
        CertificateRenewal renew(long stationId, String csrPem);
    }

    private final SslContext server;
    private final CertificateAuthority ca;

    public StationTls(SslContext server, CertificateAuthority ca) {
        this.server = server;
        this.ca = ca;
    }

    /** {@code openssl} or {@code jdk}: the engine the gateway's TLS runs on. */
    public String engine() {
        return server instanceof JdkSslContext ? "jdk" : "openssl";
    }

    ChannelHandler newHandler(Channel channel) {
        return server.newHandler(channel.alloc());
    }

    CertificateAuthority ca() {
        return ca;
    }

    /**
     * The verified certificate the peer presented in the handshake, as a copy parsed from its encoding. The
     * session's own stays as it is for the connection's life: with OpenSSL it is a lazy certificate that keeps
     * only its encoding until something reads it, and then keeps the parsed certificate too (several kB of
     * heap per connected station, for a check made once at the hello).
     */
    static X509Certificate peerCertificate(Channel channel) throws SSLPeerUnverifiedException {
        SslHandler ssl = channel.pipeline().get(SslHandler.class);
        if (ssl == null) {
            throw new SSLPeerUnverifiedException("no TLS on this connection");
        }
        Certificate[] chain = ssl.engine().getSession().getPeerCertificates();
        if (chain.length == 0 || !(chain[0] instanceof X509Certificate cert)) {
            throw new SSLPeerUnverifiedException("no client certificate");
        }
        try {
            return (X509Certificate) CertificateFactory.getInstance("X.509")
                    .generateCertificate(new ByteArrayInputStream(cert.getEncoded()));
        } catch (CertificateException e) {
            SSLPeerUnverifiedException unreadable = new SSLPeerUnverifiedException(
                    "the client certificate cannot be read: " + e.getMessage());
            unreadable.initCause(e);
            throw unreadable;
        }
    }
}
