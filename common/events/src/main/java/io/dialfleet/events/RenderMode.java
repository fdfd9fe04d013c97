package io.dialfleet.events;

/**
 * Who renders a server's phone peers. Exactly one renderer per server: two renderers of one peer break it.
 */
public enum RenderMode {
    /** The refresh-agent renders, installs, reloads and verifies; VICIdial's own generation is off for the server. */
    DIALFLEET,
    /**
     * VICIdial's keepalive script renders (its {@code rebuild_conf_files} flag is raised through the bridge); the
     * refresh-agent writes no file and only verifies Asterisk's live state against the phones dialfleet expects.
     */
    VICIDIAL
}
