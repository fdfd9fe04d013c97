package io.dialfleet.agent.render;

/**
 * Section names longer than 79 characters: Asterisk keeps a category name in {@code char name[80]}
 * ({@code main/config.c}, {@code struct ast_category}) and cuts the rest, so the phone's peer or endpoint exists only
 * under the cut name (its own REGISTER is refused) and two names sharing their first 79 characters become one object
 * holding the later phone's secret.
 */
final class SectionNameLengthRule implements SectionRule {

    /** {@code sizeof(category->name) - 1}. */
    static final int MAX_NAME = 79;

    @Override
    public String problem(PeerSection section) {
        if (section.name().length() > MAX_NAME) {
            return "extension is longer than " + MAX_NAME + " characters (Asterisk cuts section names at "
                    + MAX_NAME + ")";
        }
        return null;
    }
}
