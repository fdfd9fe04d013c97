package io.dialfleet.agent.render;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The codecs a phone's {@code codecs_list} can name, in the fixed output order of docs/spec/conf-generation.md ("Codecs").
 * Matching is by case-insensitive substring, as VICIdial does, so {@code G723.1} selects {@code g723} and
 * {@code u-law} selects {@code ulaw}. The written name is Asterisk's: {@code g723}, never VICIdial's {@code g723.1},
 * which PJSIP rejects together with the whole endpoint. {@code opus} is dialfleet's addition.
 */
enum Codec {
    GSM("gsm"),
    ULAW("ulaw", "u-law"),
    ALAW("alaw", "a-law"),
    G722("g722"),
    G723("g723"),
    G726("g726"),
    G729("g729"),
    ILBC("ilbc"),
    LPC10("lpc10"),
    SPEEX("speex"),
    ADPCM("adpcm"),
    OPUS("opus");

    private static final Codec[] ALL = values();

    private final String asteriskName;
    private final String[] spellings;

    Codec(String... spellings) {
        this.asteriskName = spellings[0];
        this.spellings = spellings;
    }

    String asteriskName() {
        return asteriskName;
    }

    /** The codecs a list names, in output order; empty when it names none. */
    static List<Codec> matching(String codecsList) {
        String list = codecsList.toLowerCase(Locale.ROOT);
        List<Codec> matched = new ArrayList<>(4);
        for (Codec codec : ALL) {
            for (String spelling : codec.spellings) {
                if (list.contains(spelling)) {
                    matched.add(codec);
                    break;
                }
            }
        }
        return List.copyOf(matched);
    }
}
