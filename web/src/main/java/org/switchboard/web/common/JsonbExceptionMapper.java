package org.switchboard.web.common;

import jakarta.json.bind.JsonbException;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** A request body that is not the JSON a resource expects is the caller's mistake: 400, not 500. */
@Provider
public class JsonbExceptionMapper implements ExceptionMapper<JsonbException> {

    @Context
    private HttpHeaders headers;

    @Override
    public Response toResponse(JsonbException exception) {
        return Problems.of(Response.Status.BAD_REQUEST, "error.badBody",
                Texts.format(Texts.firstSupported(headers.getAcceptableLanguages()), "error.badBody"));
    }
}
