package io.dialfleet.agent.realasterisk;

import io.dialfleet.realasterisk.AsteriskLine;
import io.dialfleet.realasterisk.Iax2Answer;
import io.dialfleet.realasterisk.Iax2Registrar;
import io.dialfleet.realasterisk.RealAsterisk;
import io.dialfleet.realasterisk.SipAnswer;
import io.dialfleet.realasterisk.SipCredentials;
import io.dialfleet.realasterisk.SippRegistrar;
import io.dialfleet.realasterisk.WebSocketSipRegistrar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/** Registers test phones the way each kind of phone does: sipp over UDP, the IAX2 client, a webphone's WebSocket. */
final class Registrations {

    private final AsteriskLine line;
    private final SippRegistrar sipp;
    private final Iax2Registrar iax2;
    private final WebSocketSipRegistrar webphones;

    Registrations(RealAsterisk asterisk, Path work) {
        this.line = asterisk.line();
        this.sipp = new SippRegistrar(asterisk.ports().sip(), work);
        this.iax2 = new Iax2Registrar(asterisk.ports().iax2());
        this.webphones = new WebSocketSipRegistrar(asterisk.ports().http());
    }

    SipAnswer sip(String extension, String secret) {
        return sipp.register(extension, secret);
    }

    Iax2Answer iax2(String extension, String secret) {
        return iax2.register(extension, secret);
    }

    SipAnswer webphone(String extension, String secret) {
        return webphones.register(extension, secret);
    }

    /** What {@code phone} gets when it registers with {@code secret}, as text: {@code 200}, {@code REGACK …}. */
    String answer(TestPhone phone, String secret) {
        if (phone.isIax2()) {
            return iax2(phone.extension, secret).toString();
        }
        if (phone.isWebphone() && line == AsteriskLine.PJSIP) {
            return webphone(phone.extension, secret).toString();
        }
        return sip(phone.extension, secret).toString();
    }

    /** Whether {@code phone} registers with {@code secret} (200 OK, or an IAX2 REGACK after a challenge). */
    boolean registers(TestPhone phone, String secret) {
        if (phone.isIax2()) {
            Iax2Answer answer = iax2(phone.extension, secret);
            return answer.accepted() && answer.challenged();
        }
        if (phone.isWebphone() && line == AsteriskLine.PJSIP) {
            return webphone(phone.extension, secret).registered();
        }
        return sip(phone.extension, secret).registered();
    }

    /**
     * Registers every phone with its stored secret (SIP phones in one sipp run) and lists the ones that did not
     * register, each with the answer it got.
     */
    List<String> failures(Collection<TestPhone> phones) {
        List<String> failures = new ArrayList<>();
        List<SipCredentials> sipPhones = new ArrayList<>();
        for (TestPhone phone : phones) {
            if (phone.isIax2() || (phone.isWebphone() && line == AsteriskLine.PJSIP)) {
                if (!registers(phone, phone.secret)) {
                    failures.add(phone.extension + ": " + answer(phone, phone.secret));
                }
            } else {
                sipPhones.add(new SipCredentials(phone.extension, phone.secret));
            }
        }
        if (!sipPhones.isEmpty()) {
            Map<String, SipAnswer> answers = sipp.registerAll(sipPhones);
            answers.forEach((extension, answer) -> {
                if (!answer.registered()) {
                    failures.add(extension + ": " + answer);
                }
            });
        }
        return failures;
    }
}
