package io.dialfleet.events;

public enum RefreshReason {
    PHONE_CHANGED, SERVER_REFRESH, STARTUP, RESYNC
}
