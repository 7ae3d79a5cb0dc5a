package org.switchboard.web.broker;

import jakarta.inject.Inject;
import jakarta.servlet.ServletException;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import java.util.Optional;
import java.util.logging.Logger;
import org.switchboard.core.broker.IdentityBroker;

/**
 * Where the identity broker sends the browser back after a sign-in (FB-01): {@code /oauth/broker/callback} under
 * {@code SiteUrl}, the redirect URI registered at the broker. The {@code state} must be one this session started; the
 * code (or the broker's refusal) then goes to the page that started the sign-in, which completes it. Nothing is
 * exchanged here, so the page's own rights guard what the sign-in is for. A callback this session did not start is
 * answered with a 400 page that says so.
 */
@WebServlet(IdentityBroker.CALLBACK_PATH)
public class BrokerCallbackServlet extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(BrokerCallbackServlet.class.getName());

    @Inject
    private BrokerSignIns signIns;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        // Before the parameters are read: the error page forwarded to would set it too late (a server warning).
        request.setCharacterEncoding("UTF-8");
        Optional<String> next = signIns.answer(request.getParameter("state"), request.getParameter("code"),
                request.getParameter("error"), request.getParameter("error_description"));
        if (next.isEmpty()) {
            LOG.warning("A broker callback without a sign-in of this session was refused");
            response.setHeader("Cache-Control", "no-store");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.getRequestDispatcher("/errors/sign-in.xhtml").forward(request, response);
            return;
        }
        response.setHeader("Cache-Control", "no-store");
        response.sendRedirect(request.getContextPath() + next.get());
    }
}
