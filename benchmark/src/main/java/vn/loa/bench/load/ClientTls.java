package vn.loa.bench.load;

import io.netty.buffer.ByteBufAllocator;
import io.netty.handler.ssl.OpenSsl;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import io.netty.handler.ssl.SslHandler;
import io.netty.handler.ssl.SslProvider;
import java.io.IOException;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Locale;
import vn.loa.protocol.pki.Pem;

/**
 * The lightweight stations' side of mutual TLS 1.3: each station presents its own enrolled certificate
 * and trusts only the controller's CA, as the agent does ({@code StationIdentity.clientContext}). The
 * engine is OpenSSL where netty-tcnative loads (it costs the load client less CPU than the JDK's), else
 * the JDK's; {@code -Dloa.bench.clientTls=jdk|openssl} chooses.
 */
public final class ClientTls {
    public static final String PROPERTY = "loa.bench.clientTls";

    private final SslProvider provider;

    public ClientTls() {
        String choice = System.getProperty(PROPERTY, "auto").toLowerCase(Locale.ROOT);
        this.provider = switch (choice) {
            case "jdk" -> SslProvider.JDK;
            case "openssl" -> {
                if (!OpenSsl.isAvailable()) {
                    throw new IllegalStateException("-D" + PROPERTY + "=openssl but OpenSSL does not load: "
                            + OpenSsl.unavailabilityCause());
                }
                yield SslProvider.OPENSSL;
            }
            case "auto" -> OpenSsl.isAvailable() ? SslProvider.OPENSSL : SslProvider.JDK;
            default -> throw new IllegalArgumentException("-D" + PROPERTY + "=" + choice + ": use auto, openssl or jdk");
        };
    }

    public String name() {
        return provider == SslProvider.JDK ? "jdk" : "openssl";
    }

    /** A TLS handler presenting this station's identity (one context per station: each has its own key). */
    public SslHandler handler(StationCredential station, ByteBufAllocator alloc) throws IOException {
        String pem = station.identityPem();
        PrivateKey key = Pem.privateKey(pem);
        List<X509Certificate> certs = Pem.certificates(pem);
        if (certs.size() < 2) {
            throw new IOException("station " + station.stationId() + ": its identity must hold its certificate and the CA");
        }
        SslContext context = SslContextBuilder.forClient().sslProvider(provider).protocols("TLSv1.3")
                .keyManager(key, certs.get(0)).trustManager(certs.get(certs.size() - 1))
                .endpointIdentificationAlgorithm(null).build();
        return context.newHandler(alloc);
    }
}
