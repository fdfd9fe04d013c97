package io.dialfleet.agent.render;

import static io.dialfleet.agent.render.PhoneValues.text;

import io.dialfleet.events.PeerConfigSnapshot.Phone;
import io.dialfleet.events.PeerConfigSnapshot.Template;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The snapshot's templates (docs/spec/conf-generation.md, "Templates and overrides"): a phone's {@code template_id} names one
 * exactly or, failing that, ignoring case; of two templates with one id the first in id-then-content order wins.
 * Each template is prepared once per render.
 */
final class Templates {

    private static final String NO_TEMPLATE = "--NONE--";

    private final Map<String, Template> byId = new HashMap<>();
    private final Map<String, Template> byFoldedId = new HashMap<>();
    private final Map<String, PreparedText> prepared = new HashMap<>();

    Templates(List<Template> templates) {
        List<Template> sorted = new ArrayList<>(templates == null ? List.of() : templates);
        sorted.removeIf(t -> t == null || t.templateId() == null);
        sorted.sort(Comparator.comparing(Template::templateId).thenComparing(t -> text(t.templateContents())));
        for (Template template : sorted) {
            byId.putIfAbsent(template.templateId(), template);
            byFoldedId.putIfAbsent(template.templateId().toLowerCase(Locale.ROOT), template);
        }
    }

    /** The phone's template, or null: none named, or (noted) one the snapshot does not have. */
    PreparedText of(PhoneWriter w, Phone phone) {
        String id = text(phone.templateId());
        if (id.isEmpty() || id.equalsIgnoreCase(NO_TEMPLATE)) {
            return null;
        }
        Template exact = byId.get(id);
        Template template = exact != null ? exact : byFoldedId.get(id.toLowerCase(Locale.ROOT));
        if (template == null) {
            w.note("phone " + w.extension() + ": template_id names no template in the snapshot; written without one");
            return null;
        }
        return prepared.computeIfAbsent(template.templateId(),
                key -> PreparedText.of(text(template.templateContents())));
    }
}
