package org.switchboard.web.channel;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.OptionalLong;
import java.util.TreeMap;
import org.switchboard.core.channel.ChannelFile;
import org.switchboard.core.channel.WebhookRefusedException;
import org.switchboard.core.channel.whatsapp.WhatsAppWebhookService;
import org.switchboard.core.common.FileSignatures;

/**
 * Twilio's requests for a WhatsApp channel (WA-02, WA-03, WA-06), each signed with {@code X-Twilio-Signature}:
 * <ul>
 * <li>{@code POST /hooks/whatsapp/{channel}}: an incoming message ("When a message comes in"), answered with an empty
 * TwiML {@code <Response/>}; Twilio's retry of the same {@code MessageSid} creates nothing;</li>
 * <li>{@code POST /hooks/whatsapp/{channel}/status/{message}}: the status callback of one of Switchboard's replies;</li>
 * <li>{@code GET /hooks/whatsapp/{channel}/media/{attachment}/{signature}}: a reply's file, which Twilio fetches to send
 * it; the signature is Switchboard's own (see {@code WhatsAppWebhooks.mediaUrl}).</li>
 * </ul>
 * A missing or wrong signature gets 403 and stores nothing.
 */
@WebServlet(urlPatterns = "/hooks/whatsapp/*")
public class WhatsAppWebhook extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final String EMPTY_TWIML = "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Response/>";

    @Inject
    private WhatsAppWebhookService webhooks;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = Webhooks.segments(request.getPathInfo());
        OptionalLong channel = path.length >= 1 ? Webhooks.id(path[0]) : OptionalLong.empty();
        Long statusOf = null;
        if (path.length == 3 && "status".equals(path[1]) && Webhooks.id(path[2]).isPresent()) {
            statusOf = Webhooks.id(path[2]).getAsLong();
        } else if (path.length != 1) {
            channel = OptionalLong.empty();
        }
        if (channel.isEmpty()) {
            Webhooks.problem(response, 404, "Expected /hooks/whatsapp/{channel id}[/status/{message id}]");
            return;
        }
        request.setCharacterEncoding(StandardCharsets.UTF_8.name());
        Map<String, String> form = new TreeMap<>();
        request.getParameterMap().forEach((name, values) -> form.put(name, values.length == 0 ? "" : values[0]));
        try {
            webhooks.request(channel.getAsLong(), statusOf, form, request.getHeader("X-Twilio-Signature"));
        } catch (WebhookRefusedException e) {
            Webhooks.problem(response, e.status(), e.getMessage());
            return;
        }
        response.setStatus(200);
        response.setContentType("text/xml");
        response.setCharacterEncoding(StandardCharsets.UTF_8.name());
        response.getWriter().write(EMPTY_TWIML);
    }

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String[] path = Webhooks.segments(request.getPathInfo());
        if (path.length != 4 || !"media".equals(path[1]) || Webhooks.id(path[0]).isEmpty()
                || Webhooks.id(path[2]).isEmpty()) {
            Webhooks.problem(response, 404, "Expected /hooks/whatsapp/{channel}/media/{attachment}/{signature}");
            return;
        }
        ChannelFile file;
        try {
            file = webhooks.media(Webhooks.id(path[0]).getAsLong(), Webhooks.id(path[2]).getAsLong(),
                    path[3]);
        } catch (WebhookRefusedException e) {
            Webhooks.problem(response, e.status(), e.getMessage());
            return;
        }
        response.setStatus(200);
        response.setContentType(FileSignatures.servedType(file.contentType(), file.content()));
        response.setHeader("X-Content-Type-Options", "nosniff");
        response.setContentLength(file.content().length);
        response.setHeader("Cache-Control", "private, max-age=3600");
        response.getOutputStream().write(file.content());
    }
}
