package vn.loa.controller.release;

/** Where an agent release stands: only an APPROVED release is signed and may be rolled out. */
public enum ReleaseState {
    /** Uploaded; waits for an admin other than the uploader. */
    PENDING_APPROVAL,
    /** Approved by a second admin and signed with the release key. */
    APPROVED,
    /** Taken back: no new rollout may use it (stations that run it keep it). */
    WITHDRAWN
}
