package vn.loa.agent.update;

import java.security.PublicKey;
import vn.loa.protocol.release.ReleaseSignature;
import vn.loa.protocol.v1.UpdateOffer;

/** Whether an offered release may be fetched at all: checked before a byte is downloaded. Pure. */
public final class OfferCheck {
    /** The verdict on an offer. */
    public enum Verdict { FETCH, ALREADY_RUNNING, NO_KEY, BAD_SIGNATURE, UNSAFE_VERSION, REVERTED_BEFORE }

    private OfferCheck() {
    }

    /**
     * @param key           the trusted release key, or null when none is held
     * @param running       the version this agent runs
     * @param revertedBefore whether the launcher already reverted this version here
     */
    public static Verdict check(UpdateOffer offer, PublicKey key, String running, boolean revertedBefore) {
        if (!ReleaseSignature.isVersion(offer.getVersion()) || !ReleaseSignature.isSha256(offer.getSha256())
                || offer.getSize() <= 0) {
            return Verdict.UNSAFE_VERSION;
        }
        if (offer.getVersion().equals(running)) {
            return Verdict.ALREADY_RUNNING;
        }
        if (key == null) {
            return Verdict.NO_KEY;
        }
        if (!ReleaseSignature.verify(key, offer.getVersion(), offer.getSha256(), offer.getSize(),
                offer.getSignature().toByteArray())) {
            return Verdict.BAD_SIGNATURE;
        }
        return revertedBefore ? Verdict.REVERTED_BEFORE : Verdict.FETCH;
    }
}
