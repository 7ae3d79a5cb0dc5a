package org.switchboard.web.channel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.channel.facebook.FacebookWebhookService;

/**
 * {@code /hooks/facebook/deauthorize} (FB-07): the app's "Deauthorize callback URL" in Meta's dashboard. Meta posts a
 * form with {@code signed_request} when a user removes the app; a request signed with the app secret starts a check of
 * every Facebook channel and is answered 200 at once; anything else gets 403.
 */
@WebServlet(urlPatterns = "/hooks/facebook/deauthorize")
public class FacebookDeauthorizeWebhook extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private FacebookWebhookService webhooks;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        try {
            webhooks.deauthorize(request.getParameter("signed_request"));
        } catch (WebhookRefusedException e) {
            Webhooks.problem(response, e.status(), e.getMessage());
            return;
        }
        response.setStatus(200);
    }
}
