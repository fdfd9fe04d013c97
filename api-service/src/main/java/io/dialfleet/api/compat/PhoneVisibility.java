package io.dialfleet.api.compat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Which phones update_phone may see, from the API user's group (docs/spec/non-agent-api.md §4.9). */
final class PhoneVisibility {

    private final List<String> visibleGroups;

    private PhoneVisibility(List<String> visibleGroups) {
        this.visibleGroups = visibleGroups;
    }

    /** @param viewableGroups {@code admin_viewable_groups} of the user's group; null when the row or value is missing */
    static PhoneVisibility of(String viewableGroups) {
        String groups = viewableGroups == null ? "" : viewableGroups;
        if (groups.toLowerCase(Locale.ROOT).contains("--all--") || groups.length() <= 3) {
            return new PhoneVisibility(null);
        }
        List<String> visible = new ArrayList<>(List.of(groups.replace(" -", "").split(" ", -1)));
        visible.add("---ALL---");
        return new PhoneVisibility(visible);
    }

    boolean canSee(String phoneUserGroup) {
        if (visibleGroups == null) {
            return true;
        }
        String group = phoneUserGroup == null ? "" : phoneUserGroup;
        return visibleGroups.stream().anyMatch(group::equalsIgnoreCase);
    }
}
