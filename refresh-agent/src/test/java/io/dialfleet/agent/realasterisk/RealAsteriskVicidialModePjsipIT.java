package io.dialfleet.agent.realasterisk;

import io.dialfleet.realasterisk.AsteriskLine;

/** VICIdial renders mode on an Asterisk with PJSIP only: VICIdial's own endpoint, aor and auth sections. */
class RealAsteriskVicidialModePjsipIT extends RealAsteriskVicidialModeSuite {

    @Override
    protected AsteriskLine line() {
        return AsteriskLine.PJSIP;
    }
}
