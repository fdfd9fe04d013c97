package io.dialfleet.agent.realasterisk;

import io.dialfleet.events.PeerConfigSnapshot.Phone;

/** One phone of a test server, VICIdial-like defaults, every field a test needs changeable. */
final class TestPhone {

    String extension;
    String dialplanNumber;
    String protocol = "SIP";
    String secret;
    String isWebphone = "N";
    String templateId = "";
    String confOverride = "";
    String codecsWithTemplate = "0";

    private TestPhone(String extension, String dialplanNumber, String secret) {
        this.extension = extension;
        this.dialplanNumber = dialplanNumber;
        this.secret = secret;
    }

    /** A SIP phone {@code <prefix><number>} with dialplan number and mailbox {@code <number>}. */
    static TestPhone sip(String prefix, int number) {
        return new TestPhone(prefix + number, String.valueOf(number), "Pw" + prefix + number + "x");
    }

    static TestPhone iax2(String prefix, int number) {
        return sip(prefix, number).protocol("IAX2");
    }

    /** A phone whose extension is given as is; dialplan number and mailbox {@code <number>}. */
    static TestPhone named(String extension, int number) {
        return new TestPhone(extension, String.valueOf(number), "Pw" + number + "x");
    }

    TestPhone protocol(String value) {
        protocol = value;
        return this;
    }

    TestPhone secret(String value) {
        secret = value;
        return this;
    }

    TestPhone webphone() {
        isWebphone = "Y";
        return this;
    }

    TestPhone template(String id) {
        templateId = id;
        return this;
    }

    TestPhone confOverride(String text) {
        confOverride = text;
        return this;
    }

    boolean isIax2() {
        return protocol.equals("IAX2");
    }

    boolean isWebphone() {
        return isWebphone.equals("Y");
    }

    Phone build() {
        return new Phone(extension, dialplanNumber, dialplanNumber, "1234", protocol, secret, "Agent " + extension,
                "3125550100", "default", "", isWebphone, templateId, confOverride, "ulaw", codecsWithTemplate, "Y",
                "eastern", "", "Y", "", "", "N", 30);
    }
}
