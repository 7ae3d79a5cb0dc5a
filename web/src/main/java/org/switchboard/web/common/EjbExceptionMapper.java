package org.switchboard.web.common;

import jakarta.ejb.EJBAccessException;
import jakarta.ejb.EJBException;
import jakarta.persistence.OptimisticLockException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;
import java.util.Locale;
import org.switchboard.core.common.BusinessException;

/**
 * Unwraps what the EJB container wraps: a refused call (the caller lacks the operation, X-02) is 403, a business
 * failure keeps its own status, an optimistic-lock failure is 409, a Bean Validation refusal 400 (found by
 * {@link UnexpectedExceptionMapper}); anything else is an unexpected 500.
 */
@Provider
public class EjbExceptionMapper implements ExceptionMapper<EJBException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(EJBException exception) {
        Locale locale = Texts.firstSupported(headers.getAcceptableLanguages());
        if (exception instanceof EJBAccessException) {
            return Problems.forbidden(locale);
        }
        for (Throwable cause = exception.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof BusinessException business) {
                return BusinessExceptionMapper.response(business, locale);
            }
            if (cause instanceof OptimisticLockException) {
                return Problems.of(Response.Status.CONFLICT, "error.concurrentChange",
                        Texts.format(locale, "error.concurrentChange", "", ""));
            }
            if (cause instanceof EJBAccessException) {
                return Problems.forbidden(locale);
            }
        }
        return UnexpectedExceptionMapper.unexpected(exception, locale);
    }
}
