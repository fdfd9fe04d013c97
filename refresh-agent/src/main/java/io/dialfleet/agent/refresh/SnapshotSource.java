package io.dialfleet.agent.refresh;

import io.dialfleet.events.PeerConfigSnapshot;

/** Where a run gets the desired peer set of its server. */
public interface SnapshotSource {

    /** @throws SnapshotUnavailable when the snapshot could not be had within the source's bounds */
    PeerConfigSnapshot fetch(String serverIp);

    /** The run reports FAILED with this message. */
    final class SnapshotUnavailable extends RuntimeException {
        public SnapshotUnavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }
}
