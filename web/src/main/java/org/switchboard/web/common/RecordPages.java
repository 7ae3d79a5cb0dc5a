package org.switchboard.web.common;

import java.io.IOException;
import java.util.function.LongFunction;
import org.omnifaces.cdi.param.ParamValue;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.RecordNotFoundException;

/**
 * Opens the record a page names by its {@code id} parameter, injected by OmniFaces {@code @Param} into the page's
 * bean: an id that is not a number or names no record sends the browser back to the list with the page's "not
 * found" message. (OmniFaces files its own conversion message under the view root, which no page shows.)
 */
public final class RecordPages {

    private RecordPages() {
    }

    /** The record of the {@code id} parameter; {@code null} when there is none (a new record), or after going back. */
    public static <T> T loadOrNew(ParamValue<Long> id, LongFunction<T> loader, String notFoundKey, String listPage)
            throws IOException {
        return id.getSubmittedValue() == null ? null : load(id, loader, notFoundKey, listPage);
    }

    /** The record of the {@code id} parameter; {@code null} after going back to the list, also when there is none. */
    public static <T> T load(ParamValue<Long> id, LongFunction<T> loader, String notFoundKey, String listPage)
            throws IOException {
        T record = id.getValue() == null ? null : find(id.getValue(), loader);
        if (record == null) {
            Messages.addFlashGlobalError(notFoundKey, id.getSubmittedValue());
            Faces.redirect(Faces.getRequestContextPath() + listPage);
        }
        return record;
    }

    private static <T> T find(long id, LongFunction<T> loader) {
        try {
            return loader.apply(id);
        } catch (RecordNotFoundException e) {
            return null;
        }
    }
}
