package org.switchboard.web.channel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.mailbox.GraphHooks;

/**
 * {@code /hooks/microsoft/graph} and {@code …/lifecycle} (MP-11): where Microsoft Graph posts the change and
 * lifecycle notifications of Microsoft 365 folders' subscriptions. A request with {@code validationToken} is Graph's
 * validation handshake: the token is echoed as text within the second. Anything else is a batch of notifications,
 * checked against each subscription's clientState; it only asks for syncs, and is answered 202 at once (Graph wants an
 * answer within 3 seconds). A body that is not Graph's gets 400; forged notifications are dropped.
 */
@WebServlet(urlPatterns = {GraphHooks.PATH, GraphHooks.LIFECYCLE_PATH})
public class GraphWebhook extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;
    /** Graph batches notifications, but a body beyond this is not Graph's. */
    private static final int BODY_MAX = 1024 * 1024;

    @Inject
    private GraphHooks hooks;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            Optional<String> validation = hooks.validation(request.getQueryString());
            if (validation.isPresent()) {
                response.setStatus(200);
                response.setContentType("text/plain");
                response.setCharacterEncoding(StandardCharsets.UTF_8.name());
                response.getWriter().write(validation.get());
                return;
            }
            byte[] body = request.getInputStream().readNBytes(BODY_MAX + 1);
            if (body.length > BODY_MAX) {
                Webhooks.problem(response, 413, "The body is larger than a Microsoft Graph notification batch");
                return;
            }
            hooks.notified(new String(body, StandardCharsets.UTF_8));
        } catch (WebhookRefusedException e) {
            Webhooks.problem(response, e.status(), e.getMessage());
            return;
        }
        response.setStatus(202);
    }
}
