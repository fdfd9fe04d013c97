package io.dialfleet.events;

public enum ChangeAction {
    ADDED, UPDATED, DELETED
}
