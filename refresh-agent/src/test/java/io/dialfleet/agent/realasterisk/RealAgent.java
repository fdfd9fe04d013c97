package io.dialfleet.agent.realasterisk;

import io.dialfleet.agent.asterisk.AmiCommandRunner;
import io.dialfleet.agent.asterisk.AmiSettings;
import io.dialfleet.agent.asterisk.AsteriskLogin;
import io.dialfleet.agent.asterisk.AsteriskReloader;
import io.dialfleet.agent.asterisk.RegistrationCleanup;
import io.dialfleet.agent.asterisk.AmiLiveStateVerifier;
import io.dialfleet.agent.asterisk.ReloadCompletion;
import io.dialfleet.agent.asterisk.ReloadPolicy;
import io.dialfleet.agent.asterisk.SettledVerifier;
import io.dialfleet.agent.asterisk.SipOptionsProbe;
import io.dialfleet.agent.install.ConfInstaller;
import io.dialfleet.agent.refresh.Asterisk;
import io.dialfleet.agent.refresh.RefreshBatch;
import io.dialfleet.agent.refresh.RefreshRunner;
import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.SipStackSetting;
import io.dialfleet.events.ServerRefreshCompleted;
import io.dialfleet.realasterisk.AmiAccount;
import io.dialfleet.realasterisk.RealAsterisk;
import java.net.InetSocketAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * The agent's real run pipeline as {@code AgentWiring} builds it in AMI mode — renderer, validator, installer into
 * the Asterisk's conf directory, AMI reloader, the SIP probe that tells when a chan_sip reload is over, and the
 * AMI verifier against the real AMI — fed by a {@link TestServer}
 * instead of the api-service, without Kafka: each call is one run, and its report is returned.
 */
final class RealAgent implements AutoCloseable {

    private final AmiCommandRunner commands;
    private final RefreshRunner runner;
    private final List<ServerRefreshCompleted> reports = new ArrayList<>();

    RealAgent(RealAsterisk asterisk, TestServer server) {
        AmiAccount ami = asterisk.ami();
        commands = new AmiCommandRunner(AmiSettings.of(ami.host(), ami.port(), ami.username(), ami.secret())
                .withTimeouts(AmiSettings.DEFAULT_CONNECT_TIMEOUT, AmiSettings.DEFAULT_READ_TIMEOUT,
                        Duration.ofMinutes(5)));
        Map<ConfFile, String> names = new EnumMap<>(ConfFile.class);
        for (ConfFile file : ConfFile.values()) {
            names.put(file, file.defaultName());
        }
        runner = new RefreshRunner(TestServer.SERVER_IP, "real-asterisk-it", serverIp -> server.snapshot(),
                SipStackSetting.AUTO, new ConfInstaller(asterisk.confDirectory(), Optional.empty(), "rw-r-----"),
                names, Optional.of(wiredTo(asterisk, commands)),
                asterisk.confDirectory().resolve(".dialfleet-agent-state.json"), reports::add, Clock.systemUTC());
    }

    /** The agent's Asterisk as AgentWiring builds it in AMI mode, against the real one's AMI and SIP port. */
    static Asterisk wiredTo(RealAsterisk asterisk, AmiCommandRunner commands) {
        return new Asterisk(new AsteriskLogin(commands),
                new AsteriskReloader(commands, ReloadPolicy.withBudget(Duration.ofMinutes(2))),
                new ReloadCompletion(Optional.of(new SipOptionsProbe(new InetSocketAddress("127.0.0.1",
                        asterisk.ports().sip()))), Duration.ofMinutes(1)),
                new SettledVerifier(new AmiLiveStateVerifier(commands), Duration.ofSeconds(1)),
                new RegistrationCleanup(commands), Asterisk.DEFAULT_PJSIP_REMOVALS_PER_RELOAD);
    }

    /** One run for a change request (an add_phone, update_phone, … in the api-service). */
    ServerRefreshCompleted change() {
        return run(false);
    }

    /** One run for {@code server_refresh}: every module of the stack is reloaded. */
    ServerRefreshCompleted forcedRefresh() {
        return run(true);
    }

    private ServerRefreshCompleted run(boolean force) {
        runner.accept(new RefreshBatch(List.of(UUID.randomUUID()), 0, force));
        return reports.get(reports.size() - 1);
    }

    @Override
    public void close() {
        commands.close();
    }
}
