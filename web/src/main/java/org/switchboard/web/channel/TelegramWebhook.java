package org.switchboard.web.channel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.OptionalLong;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.channel.telegram.TelegramWebhookService;

/**
 * {@code POST /hooks/telegram/{channel}} (TG-03): the bot's updates, which Telegram posts with the header
 * {@code X-Telegram-Bot-Api-Secret-Token} registered for the channel. A new message is queued and answered 200 at once;
 * a redelivered one is queued again and creates nothing. A request without the right secret gets 401 and stores
 * nothing.
 */
@WebServlet(urlPatterns = "/hooks/telegram/*")
public class TelegramWebhook extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;
    /** Telegram's updates are small; a body beyond this is not one. */
    private static final int BODY_MAX = 1024 * 1024;

    @Inject
    private TelegramWebhookService webhooks;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = Webhooks.segments(request.getPathInfo());
        OptionalLong channel = path.length == 1 ? Webhooks.id(path[0]) : OptionalLong.empty();
        if (channel.isEmpty()) {
            Webhooks.problem(response, 404, "Expected /hooks/telegram/{channel id}");
            return;
        }
        byte[] body = request.getInputStream().readNBytes(BODY_MAX + 1);
        if (body.length > BODY_MAX) {
            Webhooks.problem(response, 413, "The body is larger than a Telegram update");
            return;
        }
        try {
            webhooks.update(channel.getAsLong(), request.getHeader("X-Telegram-Bot-Api-Secret-Token"),
                    new String(body, StandardCharsets.UTF_8));
        } catch (WebhookRefusedException e) {
            Webhooks.problem(response, e.status(), e.getMessage());
            return;
        }
        response.setStatus(200);
    }
}
