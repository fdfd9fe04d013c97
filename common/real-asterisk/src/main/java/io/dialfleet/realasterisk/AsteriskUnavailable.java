package io.dialfleet.realasterisk;

/** No Asterisk can be had here (no sources, no binary, no build packages): the suite is skipped, or fails when required. */
final class AsteriskUnavailable extends Exception {

    AsteriskUnavailable(String reason) {
        super(reason);
    }
}
