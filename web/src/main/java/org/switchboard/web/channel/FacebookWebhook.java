package org.switchboard.web.channel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.channel.facebook.FacebookWebhookService;

/**
 * {@code /hooks/facebook} (FB-02): Messenger's webhook, one address for every page of the organisation's Meta app,
 * given to Meta with the verify token ({@code FacebookVerifyToken}). GET answers the callback's verification with
 * {@code hub.challenge}; POST takes events signed with the app secret ({@code X-Hub-Signature-256} over the raw
 * bytes, checked before anything is parsed), queues the customers' messages and answers 200 at once. A request that
 * is not signed right gets 403 and stores nothing.
 */
@WebServlet(urlPatterns = "/hooks/facebook")
public class FacebookWebhook extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;
    /** Meta batches events, but a body beyond this is not Messenger's. */
    private static final int BODY_MAX = 1024 * 1024;

    @Inject
    private FacebookWebhookService webhooks;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            String challenge = webhooks.verify(request.getParameter("hub.mode"),
                    request.getParameter("hub.verify_token"), request.getParameter("hub.challenge"));
            response.setStatus(200);
            response.setContentType("text/plain");
            response.setCharacterEncoding(StandardCharsets.UTF_8.name());
            response.getWriter().write(challenge);
        } catch (WebhookRefusedException e) {
            Webhooks.problem(response, e.status(), e.getMessage());
        }
    }

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        byte[] body = request.getInputStream().readNBytes(BODY_MAX + 1);
        if (body.length > BODY_MAX) {
            Webhooks.problem(response, 413, "The body is larger than a Messenger webhook event");
            return;
        }
        try {
            webhooks.receive(request.getHeader("X-Hub-Signature-256"), body);
        } catch (WebhookRefusedException e) {
            Webhooks.problem(response, e.status(), e.getMessage());
            return;
        }
        response.setStatus(200);
    }
}
