package org.switchboard.web.crm;

import org.omnifaces.util.Faces;
import org.switchboard.core.crm.ContactTagView;
import org.switchboard.web.common.Texts;

/** A contact tag as the panel shows it (issue 21 item 1): its name and its kind in the user's language. */
final class Tags {

    private Tags() {
    }

    static String label(ContactTagView tag) {
        return Texts.format(Faces.getLocale(), "crm_tag.label", tag.name(),
                Texts.format(Faces.getLocale(), "ContactTagKind." + tag.kind()));
    }
}
