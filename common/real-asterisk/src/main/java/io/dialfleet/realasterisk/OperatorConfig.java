package io.dialfleet.realasterisk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The operator's side of one Asterisk's configuration, written as docs/operations.md ("Asterisk on each telco
 * server") and the build facts of the shared Asterisk README say: the {@code #include dialfleet-*.conf} lines where
 * they are documented, the agent's AMI account, everything bound to 127.0.0.1 on the given ports. The dialfleet
 * files start as empty headers, so that the includes exist when Asterisk starts (a missing include makes the whole
 * including file invalid).
 */
final class OperatorConfig {

    /** The five files the agent owns, in the conf directory. */
    static final List<String> DIALFLEET_FILES = List.of("dialfleet-sip.conf", "dialfleet-pjsip.conf",
            "dialfleet-iax.conf", "dialfleet-extensions.conf", "dialfleet-voicemail.conf");

    private final AsteriskLine line;
    private final Ports ports;
    private final AmiAccount ami;

    OperatorConfig(AsteriskLine line, Ports ports, AmiAccount ami) {
        this.line = line;
        this.ports = ports;
        this.ami = ami;
    }

    /** Writes {@code asterisk.conf} and every operator file of {@code layout}'s conf directory. */
    void write(RunLayout layout) {
        Path etc = layout.confDirectory();
        write(layout.asteriskConf(), asteriskConf(layout));
        write(etc.resolve("modules.conf"), modulesConf());
        write(etc.resolve("logger.conf"), """
                [general]
                [logfiles]
                messages.log => notice,warning,error,verbose(3)
                """);
        write(etc.resolve("manager.conf"), managerConf());
        write(etc.resolve("iax.conf"), """
                [general]
                bindport = %d
                bindaddr = 127.0.0.1
                disallow = all
                allow = ulaw
                #include dialfleet-iax.conf
                """.formatted(ports.iax2()));
        write(etc.resolve("extensions.conf"), """
                [general]
                static = yes
                writeprotect = no

                #include dialfleet-extensions.conf

                [trunkinbound]

                [default]
                include => dialfleet-phones
                exten => 9999,1,Answer()
                """);
        write(etc.resolve("voicemail.conf"), """
                [general]
                format = wav

                [zonemessages]
                eastern = America/New_York|'vm-received' Q 'digits/at' IMp
                central = America/Chicago|'vm-received' Q 'digits/at' IMp

                [default]
                #include dialfleet-voicemail.conf
                """);
        write(etc.resolve("rtp.conf"), "[general]\nrtpstart = %d\nrtpend = %d\n".formatted(ports.rtpStart(),
                ports.rtpEnd()));
        if (line == AsteriskLine.PJSIP) {
            writePjsip(etc);
        } else {
            writeChanSip(etc);
        }
        for (String name : DIALFLEET_FILES) {
            write(etc.resolve(name), "; dialfleet writes this file\n");
        }
    }

    private String asteriskConf(RunLayout layout) {
        return """
                [directories]
                astetcdir => %s
                astmoddir => %s
                astvarlibdir => %s
                astdbdir => %s
                astkeydir => %s
                astdatadir => %s
                astagidir => %s
                astspooldir => %s
                astrundir => %s
                astlogdir => %s
                astsbindir => %s

                [options]
                verbose = 3
                nocolor = yes
                """.formatted(layout.confDirectory(), layout.modules(), layout.varlib(), layout.varlib(),
                layout.varlib().resolve("keys"), layout.data(), layout.varlib().resolve("agi-bin"), layout.spool(),
                layout.control(), layout.logs(), layout.sbin());
    }

    private String modulesConf() {
        StringBuilder b = new StringBuilder("[modules]\nautoload = no\n");
        line.modules().forEach(module -> b.append("load = ").append(module).append(".so\n"));
        return b.toString();
    }

    private String managerConf() {
        return """
                [general]
                enabled = yes
                port = %d
                bindaddr = 127.0.0.1

                [%s]
                secret = %s
                deny = 0.0.0.0/0.0.0.0
                permit = 127.0.0.1/255.255.255.255
                read = %s
                write = %s
                """.formatted(ports.ami(), ami.username(), ami.secret(), ami.read(), ami.write());
    }

    private void writePjsip(Path etc) {
        write(etc.resolve("pjsip.conf"), """
                [global]
                type = global

                [transport-udp]
                type = transport
                protocol = udp
                bind = 127.0.0.1:%d

                [transport-ws]
                type = transport
                protocol = ws
                bind = 127.0.0.1
                """.formatted(ports.sip()));
        write(etc.resolve("pjsip_wizard.conf"), "#include dialfleet-pjsip.conf\n");
        write(etc.resolve("http.conf"), """
                [general]
                enabled = yes
                bindaddr = 127.0.0.1
                bindport = %d
                """.formatted(ports.http()));
    }

    private void writeChanSip(Path etc) {
        // VICIdial's sample [general]; VICIdial includes its generated file at the end of [general].
        write(etc.resolve("sip.conf"), """
                [general]
                context=trunkinbound
                allowguest=no
                udpbindaddr=127.0.0.1:%d
                tcpenable=no
                transport=udp
                srvlookup=no
                nat=force_rport,comedia
                canreinvite=no
                dtmfmode=rfc2833
                disallow=all
                allow=ulaw
                allow=gsm
                #include dialfleet-sip.conf
                """.formatted(ports.sip()));
    }

    private static void write(Path file, String content) {
        try {
            Files.writeString(file, content, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file, e);
        }
    }
}
