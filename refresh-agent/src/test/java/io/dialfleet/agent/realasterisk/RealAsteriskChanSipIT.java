package io.dialfleet.agent.realasterisk;

import static org.assertj.core.api.Assertions.assertThat;

import io.dialfleet.events.RefreshOutcome;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.realasterisk.AsteriskLine;
import io.dialfleet.realasterisk.SipAnswer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/** The happy path on Asterisk 18 with chan_sip, whose reload finishes after its answer. */
class RealAsteriskChanSipIT extends RealAsteriskSuite {

    @Override
    protected AsteriskLine line() {
        return AsteriskLine.CHAN_SIP;
    }

    @Test
    @Order(8)
    void twentyAddPhonesInARowAreEachAppliedAndRegistering() {
        List<String> wrong = new ArrayList<>();
        for (int n = 1; n <= 20; n++) {
            TestPhone phone = server.add(TestPhone.sip("rw", 600 + n));
            ServerRefreshCompleted report = agent.change();
            SipAnswer answer = registrations.sip(phone.extension, phone.secret);
            if (report.outcome() != RefreshOutcome.APPLIED || !answer.registered()) {
                wrong.add(phone.extension + ": " + report.outcome() + " (" + report.error() + "), REGISTER " + answer);
            }
        }
        assertThat(wrong).as("add_phone runs not APPLIED or phones not registering right after").isEmpty();
    }
}
