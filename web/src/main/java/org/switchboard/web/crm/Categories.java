package org.switchboard.web.crm;

import org.omnifaces.util.Faces;
import org.switchboard.web.common.Texts;

/** The names of contact categories as the panel shows them (EC-02): a seeded category's in the user's language. */
final class Categories {

    private Categories() {
    }

    /** {@code crm_category.<code>} translated for a seeded category, the category's own name for another. */
    static String label(String code, String name) {
        return code == null ? name : Texts.format(Faces.getLocale(), "crm_category." + code);
    }
}
