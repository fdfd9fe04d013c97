package io.dialfleet.agent.realasterisk;

import io.dialfleet.realasterisk.AsteriskLine;

/** VICIdial renders mode on Asterisk 18 with chan_sip, the line VICIdial clusters run. */
class RealAsteriskVicidialModeChanSipIT extends RealAsteriskVicidialModeSuite {

    @Override
    protected AsteriskLine line() {
        return AsteriskLine.CHAN_SIP;
    }
}
