package io.dialfleet.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** What a level of the API scenario sends. */
public enum ApiFunction {
    /** New phones, each with a login never used before. */
    ADD_PHONE("add_phone"),
    /** outbound_cid changes of existing phones, rotating over the preloaded working set. */
    UPDATE_PHONE("update_phone"),
    /** Each request add_phone or update_phone, drawn from the seed (--mix-add-percent add_phone). */
    MIX("mix");

    private final String label;

    ApiFunction(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }

    public static List<ApiFunction> parseList(String text) {
        List<ApiFunction> functions = new ArrayList<>();
        for (String part : text.split(",")) {
            String name = part.trim().toLowerCase(Locale.ROOT);
            ApiFunction function = null;
            for (ApiFunction candidate : values()) {
                if (candidate.label.equals(name)) {
                    function = candidate;
                }
            }
            if (function == null) {
                throw new IllegalArgumentException("--functions takes add_phone, update_phone and mix, not " + part);
            }
            functions.add(function);
        }
        return List.copyOf(functions);
    }
}
