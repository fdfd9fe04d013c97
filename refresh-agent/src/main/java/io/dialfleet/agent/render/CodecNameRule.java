package io.dialfleet.agent.render;

import java.util.Locale;
import java.util.Set;

/**
 * Codec names Asterisk does not know, in {@code allow}/{@code disallow} (chan_sip, IAX2) or {@code endpoint/allow}/
 * {@code endpoint/disallow} (PJSIP) lines of a template or override. Asterisk parses them with
 * {@code ast_format_cap_update_by_allow_disallow} ({@code main/format_cap.c}): a list split on {@code ,} and
 * {@code |}, each item optionally {@code !}-negated and {@code :<ms>}-framed, {@code all} or a format name (ignoring
 * case). One unknown name ({@code g723.1}, VICIdial's spelling) discards the whole endpoint on PJSIP and leaves a
 * chan_sip peer with no codec at all (it registers, but every call to it fails).
 */
final class CodecNameRule implements SectionRule {

    /**
     * The format names {@code main/codec_builtin.c} caches (Asterisk 18 and post-23 master; {@code testlaw} exists
     * in 18 only and is left out).
     */
    static final Set<String> FORMATS = Set.of("codec2", "g723", "ulaw", "alaw", "gsm", "g726", "g726aal2", "adpcm",
            "slin", "slin12", "slin16", "slin24", "slin32", "slin44", "slin48", "slin96", "slin192", "lpc10", "g729",
            "speex", "speex16", "speex32", "ilbc", "g722", "siren7", "siren14", "g719", "opus", "jpeg", "png", "h261",
            "h263", "h263p", "h264", "h265", "mpeg4", "vp8", "vp9", "red", "t140", "t38", "none", "silk8", "silk12",
            "silk16", "silk24");

    @Override
    public String problem(PeerSection section) {
        String prefix = section.file() == ConfFile.PJSIP ? "endpoint/" : "";
        for (PeerSection.Entry entry : section.entries()) {
            String key = entry.key();
            if (!key.startsWith(prefix)) {
                continue;
            }
            String option = key.substring(prefix.length());
            boolean allow = option.equalsIgnoreCase("allow");
            if ((allow || option.equalsIgnoreCase("disallow")) && !isKnownList(entry.value(), allow)) {
                return key + " names a codec Asterisk does not know (VICIdial's g723.1 is g723 in Asterisk)";
            }
        }
        return null;
    }

    static boolean isKnownList(String value, boolean allowing) {
        if (!allowing && value.isEmpty()) {
            return true;
        }
        String list = value;
        if (list.length() >= 2 && list.startsWith("(") && list.endsWith(")")) {
            list = list.substring(1, list.length() - 1);
        }
        for (String item : list.split("[,|]", -1)) {
            if (!isKnownItem(item.strip())) {
                return false;
            }
        }
        return true;
    }

    private static boolean isKnownItem(String item) {
        String name = item.startsWith("!") ? item.substring(1) : item;
        int colon = name.lastIndexOf(':');
        if (colon >= 0) {
            if (!isFraming(name.substring(colon + 1))) {
                return false;
            }
            name = name.substring(0, colon);
        }
        String folded = name.toLowerCase(Locale.ROOT);
        return folded.equals("all") || FORMATS.contains(folded);
    }

    /**
     * {@code sscanf("%30d")} must read a number that is not negative; an empty framing makes sscanf return EOF, which
     * Asterisk lets through as "no framing".
     */
    private static boolean isFraming(String text) {
        String digits = text.stripLeading();
        if (digits.isEmpty()) {
            return true;
        }
        int start = digits.startsWith("+") ? 1 : 0;
        int end = start;
        while (end < digits.length() && Character.isDigit(digits.charAt(end))) {
            end++;
        }
        return end > start;
    }
}
