package vn.loa.controller.release;

import com.google.protobuf.ByteString;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vn.loa.controller.link.StationLink;
import vn.loa.protocol.ProtocolVersion;
import vn.loa.protocol.v1.Envelope;
import vn.loa.protocol.v1.ReleaseKey;

/**
 * Tells every station that connects with {@code ota.v1} which key signs releases — how stations enrolled
 * before over-the-air updates learn it (over their mutual-TLS link; docs/updates.md). The agent keeps the
 * first key it is told and refuses a different one later.
 */
public final class ReleaseKeyAnnouncer implements Consumer<StationLink> {
    private static final Logger log = LoggerFactory.getLogger(ReleaseKeyAnnouncer.class);

    private final Envelope announcement;

    public ReleaseKeyAnnouncer(vn.loa.controller.release.ReleaseKey key) {
        this.announcement = Envelope.newBuilder().setReleaseKey(ReleaseKey.newBuilder()
                .setPublicKey(ByteString.copyFrom(key.publicKeyDer())).setFingerprint(key.fingerprint())).build();
    }

    @Override
    public void accept(StationLink link) {
        if (link.supports(ProtocolVersion.CAP_OTA_V1)) {
            link.send(announcement).whenComplete((ok, e) -> {
                if (e != null) {
                    log.warn("station {}: the release key did not reach it: {}", link.stationId(), e.toString());
                }
            });
        }
    }
}
