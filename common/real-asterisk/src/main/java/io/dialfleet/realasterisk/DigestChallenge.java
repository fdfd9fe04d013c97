package io.dialfleet.realasterisk;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code WWW-Authenticate: Digest …} challenge (RFC 2617 / RFC 8760 with MD5) and the answer to it. */
record DigestChallenge(String realm, String nonce, String opaque, String qop) {

    private static final Pattern PARAMETER = Pattern.compile("(\\w+)=(\"([^\"]*)\"|[^,\\s]+)");

    /** The first MD5 (or algorithm-less) challenge among a response's {@code WWW-Authenticate} values. */
    static Optional<DigestChallenge> md5Of(List<String> headerValues) {
        for (String value : headerValues) {
            if (!value.regionMatches(true, 0, "Digest ", 0, 7)) {
                continue;
            }
            Map<String, String> parameters = new HashMap<>();
            Matcher matcher = PARAMETER.matcher(value.substring(7));
            while (matcher.find()) {
                parameters.put(matcher.group(1).toLowerCase(Locale.ROOT),
                        matcher.group(3) != null ? matcher.group(3) : matcher.group(2));
            }
            String algorithm = parameters.getOrDefault("algorithm", "MD5");
            if (algorithm.equalsIgnoreCase("MD5") && parameters.containsKey("nonce")) {
                return Optional.of(new DigestChallenge(parameters.getOrDefault("realm", ""), parameters.get("nonce"),
                        parameters.get("opaque"), parameters.get("qop")));
            }
        }
        return Optional.empty();
    }

    /** The {@code Authorization} header value for {@code method uri}. */
    String authorization(String user, String password, String method, String uri) {
        String ha1 = Md5.hex(user + ":" + realm + ":" + password);
        String ha2 = Md5.hex(method + ":" + uri);
        StringBuilder b = new StringBuilder("Digest username=\"").append(user).append("\", realm=\"").append(realm)
                .append("\", nonce=\"").append(nonce).append("\", uri=\"").append(uri).append("\", algorithm=MD5");
        boolean auth = qop != null && List.of(qop.split(",")).stream().map(String::strip).anyMatch("auth"::equals);
        if (auth) {
            String cnonce = UUID.randomUUID().toString().replace("-", "");
            String nc = "00000001";
            b.append(", qop=auth, nc=").append(nc).append(", cnonce=\"").append(cnonce).append("\", response=\"")
                    .append(Md5.hex(ha1 + ":" + nonce + ":" + nc + ":" + cnonce + ":auth:" + ha2)).append('"');
        } else {
            b.append(", response=\"").append(Md5.hex(ha1 + ":" + nonce + ":" + ha2)).append('"');
        }
        if (opaque != null) {
            b.append(", opaque=\"").append(opaque).append('"');
        }
        return b.toString();
    }
}
