package io.dialfleet.events;

import java.util.List;

/**
 * Everything a refresh-agent needs to render one server's Asterisk files, as the api-service's internal endpoint
 * {@code GET /internal/v1/servers/{ip}/peer-config} returns it (docs/spec/conf-generation.md, "Inputs"). It carries phone
 * secrets, so it travels only over that authenticated endpoint — never on Kafka.
 *
 * @param revision      {@code servers.config_revision} at the moment the snapshot was read
 * @param defaultCodecs {@code system_settings.default_codecs}
 * @param templates     the templates referenced by the phones below
 * @param phones        the server's phones with {@code active='Y'} and protocol SIP, IAX2 or PJSIP, ordered by
 *                      extension case-insensitively
 */
public record PeerConfigSnapshot(
        int schemaVersion,
        long revision,
        Server server,
        String defaultCodecs,
        List<Template> templates,
        List<Phone> phones) {

    public static final int SCHEMA_VERSION = 1;

    /**
     * @param renderMode who writes this server's phone peers into Asterisk (one renderer per server)
     */
    public record Server(String serverId, String serverIp, String asteriskVersion, String confSecret,
            String confQualify, RenderMode renderMode) {

        /** A server whose phones dialfleet renders, the mode of every server the bridge does not touch. */
        public Server(String serverId, String serverIp, String asteriskVersion, String confSecret, String confQualify) {
            this(serverId, serverIp, asteriskVersion, confSecret, confQualify, RenderMode.DIALFLEET);
        }
    }

    public record Template(String templateId, String templateContents) {
    }

    /** One phone's columns that conf generation reads (VICIdial's names, camelCase). */
    public record Phone(
            String extension,
            String dialplanNumber,
            String voicemailId,
            String pass,
            String protocol,
            String confSecret,
            String fullname,
            String outboundCid,
            String phoneContext,
            String email,
            String isWebphone,
            String templateId,
            String confOverride,
            String codecsList,
            String codecsWithTemplate,
            String confQualify,
            String voicemailTimezone,
            String voicemailOptions,
            String voicemailInstructions,
            String unavailDialplanFwdExten,
            String unavailDialplanFwdContext,
            String deleteVmAfterEmail,
            int phoneRingTimeout) {
    }
}
