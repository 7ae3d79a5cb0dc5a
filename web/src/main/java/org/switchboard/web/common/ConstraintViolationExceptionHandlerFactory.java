package org.switchboard.web.common;

import jakarta.faces.context.ExceptionHandler;
import jakarta.faces.context.ExceptionHandlerFactory;
import jakarta.faces.context.ExceptionHandlerWrapper;
import jakarta.faces.event.ExceptionQueuedEvent;
import jakarta.validation.ConstraintViolationException;
import java.util.Iterator;

/**
 * Shows a Bean Validation refusal that reached a JSF action (an entity constraint checked at persist or flush,
 * wrapped by the EJB container) as messages on the page, which then renders as after any refused input, instead
 * of the error page. Every other failure goes on to the handler it wraps (OmniFaces' full-ajax one).
 */
public class ConstraintViolationExceptionHandlerFactory extends ExceptionHandlerFactory {

    public ConstraintViolationExceptionHandlerFactory(ExceptionHandlerFactory wrapped) {
        super(wrapped);
    }

    @Override
    public ExceptionHandler getExceptionHandler() {
        return new Handler(getWrapped().getExceptionHandler());
    }

    private static final class Handler extends ExceptionHandlerWrapper {

        Handler(ExceptionHandler wrapped) {
            super(wrapped);
        }

        @Override
        public void handle() {
            Iterator<ExceptionQueuedEvent> events = getUnhandledExceptionQueuedEvents().iterator();
            while (events.hasNext()) {
                ConstraintViolationException violation =
                        ConstraintViolations.find(events.next().getContext().getException());
                if (violation != null) {
                    events.remove();
                    UiErrors.show(violation);
                }
            }
            getWrapped().handle();
        }
    }
}
