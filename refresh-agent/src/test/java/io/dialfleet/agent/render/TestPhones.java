package io.dialfleet.agent.render;

import io.dialfleet.events.PeerConfigSnapshot;
import io.dialfleet.events.PeerConfigSnapshot.Phone;
import io.dialfleet.events.PeerConfigSnapshot.Server;
import io.dialfleet.events.PeerConfigSnapshot.Template;
import java.util.List;

/** Phones and snapshots for tests, with VICIdial-like defaults; every field can be changed. */
final class TestPhones {

    static final Server SERVER = new Server("vici1", "10.10.10.15", "18.21.0", "SrvSecret15", "Y");

    String extension;
    String dialplanNumber;
    String voicemailId;
    String pass = "1234";
    String protocol = "SIP";
    String confSecret;
    String fullname;
    String outboundCid;
    String phoneContext = "default";
    String email = "";
    String isWebphone = "N";
    String templateId = "";
    String confOverride = "";
    String codecsList = "ulaw";
    String codecsWithTemplate = "0";
    String confQualify = "Y";
    String voicemailTimezone = "eastern";
    String voicemailOptions = "";
    String voicemailInstructions = "Y";
    String unavailDialplanFwdExten = "";
    String unavailDialplanFwdContext = "";
    String deleteVmAfterEmail = "N";
    int phoneRingTimeout = 60;

    private TestPhones(String extension, String number) {
        this.extension = extension;
        this.dialplanNumber = number;
        this.voicemailId = number;
        this.confSecret = "Secret" + number;
        this.fullname = "Agent " + number;
        this.outboundCid = "3125550" + number;
    }

    /** A SIP phone {@code cc<number>} with dialplan number and mailbox {@code <number>}. */
    static TestPhones phone(int number) {
        return new TestPhones("cc" + number, String.valueOf(number));
    }

    static TestPhones phone(String extension, int number) {
        return new TestPhones(extension, String.valueOf(number));
    }

    TestPhones protocol(String value) {
        protocol = value;
        return this;
    }

    Phone build() {
        return new Phone(extension, dialplanNumber, voicemailId, pass, protocol, confSecret, fullname, outboundCid,
                phoneContext, email, isWebphone, templateId, confOverride, codecsList, codecsWithTemplate, confQualify,
                voicemailTimezone, voicemailOptions, voicemailInstructions, unavailDialplanFwdExten,
                unavailDialplanFwdContext, deleteVmAfterEmail, phoneRingTimeout);
    }

    static PeerConfigSnapshot snapshot(List<Phone> phones) {
        return snapshot(phones, List.of());
    }

    static PeerConfigSnapshot snapshot(List<Phone> phones, List<Template> templates) {
        return new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, 1, SERVER, "", templates, phones);
    }
}
