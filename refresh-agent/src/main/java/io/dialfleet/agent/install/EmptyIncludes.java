package io.dialfleet.agent.install;

import io.dialfleet.agent.render.ConfFile;
import io.dialfleet.agent.render.PeerConfigRenderer;
import io.dialfleet.agent.render.RenderedConfig;
import io.dialfleet.agent.render.SipStack;
import io.dialfleet.events.PeerConfigSnapshot;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content of the agent's include files for a server without phones: what the renderer writes then (the header
 * line, and the empty {@code [dialfleet-phones]} context in the dialplan file). Asterisk refuses a whole
 * {@code sip.conf}, {@code iax.conf} or {@code extensions.conf} whose {@code #include} names a file that does not
 * exist (docs/spec/asterisk-behaviour.md, "Includes that do not exist yet"), so these are what the agent puts in place before
 * the operator adds the {@code #include} lines, and what a rollback puts back where there was no file before.
 */
public final class EmptyIncludes {

    private static final PeerConfigRenderer RENDERER = new PeerConfigRenderer();

    private EmptyIncludes() {
    }

    /**
     * The empty files by file name, in reload order.
     *
     * @param serverId the {@code server_id} for the header; before the api-service has answered the agent only knows
     *                 the server's IP, which then stands in for it (the first run rewrites the header)
     */
    public static Map<String, byte[]> of(String serverId, String serverIp, Map<ConfFile, String> fileNames) {
        PeerConfigSnapshot empty = new PeerConfigSnapshot(PeerConfigSnapshot.SCHEMA_VERSION, 0,
                new PeerConfigSnapshot.Server(serverId, serverIp, null, null, null), null, List.of(), List.of());
        // The stack only decides where SIP phones go; without phones every stack gives the same bytes.
        RenderedConfig rendered = RENDERER.render(empty, SipStack.PJSIP);
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (ConfFile file : ConfFile.inReloadOrder()) {
            files.put(fileNames.get(file), rendered.file(file).content());
        }
        return files;
    }
}
