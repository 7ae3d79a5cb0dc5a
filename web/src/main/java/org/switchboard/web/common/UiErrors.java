package org.switchboard.web.common;

import jakarta.faces.component.UIComponent;
import jakarta.faces.component.UIForm;
import jakarta.faces.component.UIInput;
import jakarta.validation.ConstraintViolationException;
import java.util.Map;
import org.omnifaces.util.Components;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.web.common.Problems.FieldError;

/** Shows a use case's expected failure on the screen: on the input its field names, or at the top of the page. */
public final class UiErrors {

    private UiErrors() {
    }

    /**
     * @param fields the service's field names mapped to the client ids of the inputs that show them; a field of a list
     *               item ({@code files[1].fileName}) shows on the list's input ({@code files}) when it has none of its
     *               own
     */
    public static void show(BusinessException exception, Map<String, String> fields) {
        String field = exception.getField();
        String clientId = field == null ? null
                : fields.getOrDefault(field, fields.get(field.replaceFirst("[\\[.].*$", "")));
        Messages.addError(clientId, exception.getMessageKey(), exception.getArguments().toArray());
        Faces.validationFailed();
    }

    public static void show(BusinessException exception) {
        show(exception, Map.of());
    }

    /**
     * Shows each violation of a Bean Validation refusal on the input of the submitted form whose id is the
     * violation's field (the pages name inputs after the fields they edit), or at the top when there is none.
     */
    public static void show(ConstraintViolationException exception) {
        UIForm form = Components.getCurrentForm();
        for (FieldError error : ConstraintViolations.errors(exception, Texts.supported(Faces.getLocale()))) {
            UIComponent input = form == null || error.field().isEmpty() ? null : form.findComponent(error.field());
            Messages.addError(input instanceof UIInput ? input.getClientId() : null, error.message());
        }
        Faces.validationFailed();
    }
}
