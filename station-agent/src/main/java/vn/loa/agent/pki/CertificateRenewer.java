package vn.loa.agent.pki;

import io.netty.channel.Channel;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.protocol.pki.Pem;
import vn.loa.protocol.v1.CertificateRenewal;
import vn.loa.protocol.v1.CertificateRenewalRequest;
import vn.loa.protocol.v1.Envelope;

/**
 * Renews the station certificate over the mutual-TLS link before it expires, without a visit: when
 * less than {@link #RENEW_BEFORE} remains (checked at each connection and once a day while
 * connected), it makes a new key pair, sends a {@code CertificateRenewalRequest}, and stores the
 * answer atomically. The new certificate is used from the next connection on.
 */
public final class CertificateRenewer {
    private static final Logger log = LoggerFactory.getLogger(CertificateRenewer.class);
    public static final Duration RENEW_BEFORE = Duration.ofDays(30);
    private static final long CHECK_EVERY_HOURS = 24;

    private final Path file;
    private final long stationId;
    private final Clock clock;
    private volatile KeyPair pendingKeys;
    private volatile long pendingRequestId;

    public CertificateRenewer(Path identityFile, long stationId, Clock clock) {
        this.file = identityFile;
        this.stationId = stationId;
        this.clock = clock;
    }

    /** Called on the link's event loop once the controller has welcomed us. */
    public void linkUp(Channel channel, LongSupplier requestIds) {
        checkSoon(channel, requestIds);
        ScheduledFuture<?> daily = channel.eventLoop().scheduleAtFixedRate(() -> checkSoon(channel, requestIds),
                CHECK_EVERY_HOURS, CHECK_EVERY_HOURS, TimeUnit.HOURS);
        channel.closeFuture().addListener(f -> {
            daily.cancel(false);
            // an answer cannot come on a closed link: ask again on the next one
            pendingKeys = null;
        });
    }

    private void checkSoon(Channel channel, LongSupplier requestIds) {
        // reading the file and making a key pair are blocking work: off the event loop
        Thread.ofVirtual().name("renewal-" + stationId).start(() -> check(channel, requestIds));
    }

    private void check(Channel channel, LongSupplier requestIds) {
        try {
            StationIdentity current = StationIdentity.load(file);
            Duration left = Duration.between(clock.instant(), current.notAfter());
            if (left.compareTo(RENEW_BEFORE) >= 0 || !channel.isActive() || pendingKeys != null) {
                return;
            }
            KeyPair keys = KeyMaterial.newKeyPair();
            long requestId = requestIds.getAsLong();
            pendingKeys = keys;
            pendingRequestId = requestId;
            log.info("station {}: certificate expires in {} h; asking the controller for a new one", stationId,
                    left.toHours());
            channel.writeAndFlush(Envelope.newBuilder().setRequestId(requestId).setCertificateRenewalRequest(
                    CertificateRenewalRequest.newBuilder().setCsrPem(KeyMaterial.csrPem(keys))).build())
                    .addListener(f -> {
                        if (!f.isSuccess()) {
                            log.warn("station {}: renewal request not sent: {}", stationId, f.cause().toString());
                            pendingKeys = null;
                        }
                    });
        } catch (IOException | RuntimeException e) {
            log.error("station {}: cannot check the certificate for renewal: {}", stationId, e.getMessage(), e);
        }
    }

    /** The controller's answer (on the event loop): checked and stored off it. */
    public void renewed(Envelope envelope) {
        KeyPair keys = pendingKeys;
        if (keys == null || envelope.getRefersTo() != pendingRequestId) {
            log.warn("station {}: ignoring a certificate renewal that answers nothing we asked", stationId);
            return;
        }
        CertificateRenewal renewal = envelope.getCertificateRenewal();
        Thread.ofVirtual().name("renewal-" + stationId).start(() -> store(keys, renewal));
    }

    private void store(KeyPair keys, CertificateRenewal renewal) {
        try {
            if (!renewal.getError().isEmpty() || renewal.getCertificatePem().isEmpty()) {
                log.warn("station {}: the controller refused to renew the certificate: {}", stationId, renewal.getError());
                return;
            }
            StationIdentity current = StationIdentity.load(file);
            StationIdentity next = new StationIdentity(keys.getPrivate(), Pem.certificate(renewal.getCertificatePem()),
                    current.ca());
            next.check();
            if (!next.certificate().getPublicKey().equals(keys.getPublic()) || next.stationId() != current.stationId()) {
                log.error("station {}: the renewed certificate does not match our new key or station; keeping the old one",
                        stationId);
                return;
            }
            next.save(file);
            log.info("station {}: certificate renewed (serial {}, valid until {}); used from the next connection",
                    stationId, next.certificate().getSerialNumber().toString(16), next.notAfter());
        } catch (IOException | RuntimeException e) {
            log.error("station {}: cannot store the renewed certificate: {}", stationId, e.getMessage(), e);
        } finally {
            pendingKeys = null;
        }
    }
}
