package org.switchboard.web.common;

import java.util.Map;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;

/** Shows a use case's expected failure on the screen: on the input its field names, or at the top of the page. */
public final class UiErrors {

    private UiErrors() {
    }

    /**
     * @param fields the service's field names mapped to the client ids of the inputs that show them
     */
    public static void show(BusinessException exception, Map<String, String> fields) {
        String clientId = exception.getField() == null ? null : fields.get(exception.getField());
        Messages.addError(clientId, exception.getMessageKey(), exception.getArguments().toArray());
        Faces.validationFailed();
    }

    public static void show(BusinessException exception) {
        show(exception, Map.of());
    }
}
