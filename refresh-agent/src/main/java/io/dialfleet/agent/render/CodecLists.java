package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.PhoneValues.text;

import io.dialfleet.events.PeerConfigSnapshot.Phone;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The codecs a phone's section allows (docs/spec/conf-generation.md, "Codecs"): its own list, or the server's
 * {@code default_codecs} when its list is shorter than 3 characters. Each distinct list is matched once per render.
 */
final class CodecLists {

    private static final int MIN_CODECS_LIST = 3;

    private final String defaultCodecs;
    private final Map<String, List<Codec>> byList = new HashMap<>();

    CodecLists(String defaultCodecs) {
        this.defaultCodecs = text(defaultCodecs);
    }

    List<Codec> of(Phone phone) {
        String list = text(phone.codecsList());
        if (list.length() < MIN_CODECS_LIST) {
            list = defaultCodecs;
        }
        return byList.computeIfAbsent(list, Codec::matching);
    }
}
