package org.switchboard.web.chat;

import jakarta.ejb.EJBAccessException;
import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;
import org.switchboard.core.broker.BrokerSignIn;
import org.switchboard.core.chat.facebook.FacebookChannelSetup;
import org.switchboard.core.common.BusinessException;
import org.switchboard.web.broker.BrokerSignIns;

/**
 * "Sign in to Facebook" (FB-01, FB-02): starts the sign-in through the identity broker and sends the browser there.
 * Under {@code /designer/chat/}, so only holders of {@code CanManageChats} reach it, and the service checks the right
 * again. A sign-in that cannot start (a setting empty, the broker unreachable or not OpenID Connect) goes to the page
 * picker, which says why. A GET, reached by a link: a form's redirect to the broker would be stopped by the pages'
 * {@code form-action 'self'}; starting a sign-in changes nothing that a forged link could abuse.
 */
@WebServlet("/designer/chat/facebook-sign-in")
public class FacebookSignInServlet extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private FacebookChannelSetup setup;

    @Inject
    private BrokerSignIns signIns;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String base = request.getRequestURL().toString();
        base = base.substring(0, base.length() - request.getRequestURI().length()) + request.getContextPath() + "/";
        response.setHeader("Cache-Control", "no-store");
        try {
            BrokerSignIn signIn = setup.begin(base);
            signIns.started(signIn, FacebookSignInBacking.PAGES);
            response.sendRedirect(signIn.authorizationUrl());
        } catch (BusinessException e) {
            response.sendRedirect(request.getContextPath() + signIns.failed(FacebookSignInBacking.PAGES,
                    e.getMessageKey(), e.getArguments()));
        } catch (EJBAccessException e) {
            response.sendError(HttpServletResponse.SC_FORBIDDEN);
        }
    }
}
