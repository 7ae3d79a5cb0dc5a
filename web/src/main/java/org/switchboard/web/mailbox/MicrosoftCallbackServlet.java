package org.switchboard.web.mailbox;

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

/**
 * Where Microsoft Entra ID sends the browser back after a mailbox's sign-in (MO-01): {@value #PATH} under
 * {@code SiteUrl}, the redirect URI the provider form tells administrators to register, stable across releases. The
 * {@code state} must be one this session started; the code (or Entra's refusal) then goes to the page that started
 * the sign-in, which redeems it under its own rights. A callback this session did not start is answered with a 400
 * page that says so.
 */
@WebServlet(MicrosoftCallbackServlet.PATH)
public class MicrosoftCallbackServlet extends HttpServlet {

    public static final String PATH = "/oauth/microsoft/callback";
    @Serial
    private static final long serialVersionUID = 1L;
    private static final Logger LOG = Logger.getLogger(MicrosoftCallbackServlet.class.getName());

    @Inject
    private MicrosoftSignIns signIns;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response)
            throws IOException, ServletException {
        // Before the parameters are read: the error page forwarded to would set it too late (a server warning).
        request.setCharacterEncoding("UTF-8");
        Optional<String> next = signIns.answer(request.getParameter("state"), request.getParameter("code"),
                request.getParameter("error"), request.getParameter("error_description"));
        response.setHeader("Cache-Control", "no-store");
        if (next.isEmpty()) {
            LOG.warning("A Microsoft sign-in callback without a sign-in of this session was refused");
            response.setStatus(HttpServletResponse.SC_BAD_REQUEST);
            request.getRequestDispatcher("/errors/sign-in.xhtml").forward(request, response);
            return;
        }
        response.sendRedirect(request.getContextPath() + next.get());
    }
}
