package io.dialfleet.agent.render;

/**
 * A chan_sip or IAX2 peer needs a {@code host}: {@code dynamic} for a phone that registers, or an address. An empty
 * {@code host=} makes chan_sip log {@code srvlookup failed for host: , on peer X, removing peer}; with no
 * {@code host} at all the peer is neither dynamic nor has an address, so its REGISTER is refused. The last line wins.
 */
final class PeerHostRule implements SectionRule {

    @Override
    public String problem(PeerSection section) {
        if (section.file() == ConfFile.PJSIP) {
            return null;
        }
        String host = section.last("host");
        if (host == null) {
            return "the section has no host= line (host=dynamic for a phone that registers)";
        }
        return host.isEmpty() ? "host= is empty: Asterisk removes the peer" : null;
    }
}
