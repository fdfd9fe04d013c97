package io.dialfleet.agent.config;

import io.dialfleet.agent.render.SipStackSetting;
import io.dialfleet.events.Topics;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Everything a refresh-agent is told about its telco server. Every key is listed in refresh-agent/README.md. */
@ConfigMapping(prefix = "dialfleet.agent")
public interface AgentConfig {

    /** The {@code server_ip} of the telco server this agent manages; requests for other servers are skipped. */
    String serverIp();

    /** Names this agent in status events; defaults to the host (or pod) name. */
    Optional<String> agentId();

    Api api();

    Conf conf();

    /** Topic of the refresh requests this agent consumes; its dead letters go to {@code <topic>.dlq}. */
    @WithDefault(Topics.REFRESH_REQUESTS)
    String refreshRequestsTopic();

    /** Topic the agent publishes its ServerRefreshCompleted events to. */
    @WithDefault(Topics.REFRESH_STATUS)
    String refreshStatusTopic();

    /**
     * SIP stack to render for: {@code auto} (chan_sip below Asterisk 21, PJSIP from 21), {@code chan_sip}, {@code pjsip}
     * (in any letter case).
     */
    @WithDefault("auto")
    SipStackSetting sipStack();

    Reload reload();

    /**
     * How often the agent rebuilds on its own (reason RESYNC), catching up after a failed run or a missed request;
     * {@code 0} turns it off.
     */
    @WithDefault("PT5M")
    Duration resyncInterval();

    /** Where the agent keeps what it last applied (revision, file hashes); never inside a rendered file. */
    Optional<Path> stateFile();

    Vicidial vicidial();

    /** The api-service the agent reads peer configuration from. */
    interface Api {

        /** Base URL of the api-service. */
        @WithDefault("http://127.0.0.1:8080")
        String url();

        /** Bearer token of the internal endpoint ({@code dialfleet.internal.token} of the api-service). */
        Optional<String> token();

        /** How long to keep retrying while the api-service cannot be reached, before the run is reported FAILED. */
        @WithDefault("PT2M")
        Duration fetchTimeout();
    }

    /** The Asterisk configuration directory and the files the agent owns in it. */
    interface Conf {

        /** Directory of Asterisk's configuration. */
        @WithDefault("/etc/asterisk")
        Path directory();

        /** chan_sip peers, included from sip.conf. */
        @WithDefault("dialfleet-sip.conf")
        String sipFile();

        /** PJSIP wizard sections, included from pjsip_wizard.conf. */
        @WithDefault("dialfleet-pjsip.conf")
        String pjsipFile();

        /** IAX2 peers, included from iax.conf. */
        @WithDefault("dialfleet-iax.conf")
        String iaxFile();

        /** The dialfleet-phones dialplan context, included from extensions.conf. */
        @WithDefault("dialfleet-extensions.conf")
        String extensionsFile();

        /** Voicemail boxes, included from voicemail.conf under [default]. */
        @WithDefault("dialfleet-voicemail.conf")
        String voicemailFile();

        /** Owner of written files as {@code user} or {@code user:group}; unset keeps the agent's own. */
        Optional<String> owner();

        /** POSIX permissions of written files. */
        @WithDefault("rw-r-----")
        String mode();
    }

    /** How the agent makes Asterisk load what it wrote. */
    interface Reload {

        /**
         * {@code ami}, {@code cli} ({@code asterisk -rx}) or {@code none} (write files only: no reload, no
         * verification), in any letter case.
         */
        @WithDefault("ami")
        ReloadMode mode();

        /** How long to keep retrying while Asterisk answers that a reload is already in progress. */
        @WithDefault("PT5M")
        Duration busyBudget();

        /** Longest wait for one command's answer (removing thousands of PJSIP phones takes minutes). */
        @WithDefault("PT10M")
        Duration commandTimeout();

        /**
         * {@code host:port} of the local Asterisk's SIP UDP port (chan_sip's {@code udpbindaddr}). After a chan_sip
         * reload the agent sends SIP OPTIONS there: Asterisk 18 answers them only once the reload is over, and only
         * then is the live state checked. {@code none} turns the probe off (the live state is then polled until it
         * matches or {@code settle-timeout} passes).
         */
        @WithDefault("127.0.0.1:5060")
        String sipAddress();

        /**
         * How long to wait for the end of a chan_sip reload (the SIP probe's answers); with the probe off, how long to
         * poll the live state. A check still failing when the end was not seen is reported FAILED without rollback.
         */
        @WithDefault("PT1M")
        Duration settleTimeout();

        /**
         * Most PJSIP phones removed by one reload: res_pjsip's removal cost grows with the square of the number
         * removed at once (500: about 3 s at 5,000 phones; 2,000: minutes, with REGISTER unanswered meanwhile), so a
         * larger removal is installed in steps of this many, one reload each. {@code 0} removes everything at once.
         */
        @WithDefault("500")
        int pjsipRemovalsPerReload();

        Ami ami();

        /** The asterisk binary for the {@code cli} mode. */
        @WithDefault("/usr/sbin/asterisk")
        String asteriskBinary();
    }

    /** Runs for a server whose phones VICIdial renders (render mode VICIDIAL): the agent writes no phone, it checks. */
    interface Vicidial {

        /**
         * The command that makes VICIdial rebuild this server's configuration now, as a comma-separated argument
         * list run without a shell (e.g. the operator's wrapper around {@code ADMIN_keepalive_ALL.pl}); unset: wait
         * for VICIdial's own once-a-minute run.
         */
        Optional<List<String>> rebuildCommand();

        /** Longest run of the rebuild command; it is killed (with its children) after that. */
        @WithDefault("PT60S")
        Duration rebuildTimeout();

        /**
         * How long, after the rebuild command (or at once without one), Asterisk's live state may take to match the
         * phones dialfleet expects before the run is FAILED; long enough for VICIdial's minute cron.
         */
        @WithDefault("PT150S")
        Duration verifyDeadline();
    }

    /**
     * The AMI account; it needs {@code write=command,reporting} (and {@code system} on a PJSIP server), see
     * docs/operations.md, "The AMI account".
     */
    interface Ami {

        @WithDefault("127.0.0.1")
        String host();

        @WithDefault("5038")
        int port();

        @WithDefault("dialfleet")
        String username();

        Optional<String> secret();
    }
}
