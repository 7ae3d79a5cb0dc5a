package org.switchboard.web.security;

import jakarta.inject.Inject;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.io.Serial;

/**
 * Switches the UI language from a plain link on every page, the login page included:
 * {@code /language?lang=ru&back=<page>} remembers the choice and shows the page again.
 */
@WebServlet("/language")
public class LanguageServlet extends HttpServlet {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private LocaleBacking locale;

    @Override
    protected void doGet(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String language = request.getParameter("lang");
        if (language != null) {
            locale.choose(language, response);
        }
        String back = request.getParameter("back");
        String home = request.getContextPath() + "/";
        boolean local = back != null && back.startsWith(home) && !back.startsWith("//") && !back.contains("://");
        response.sendRedirect(local ? back : home);
    }
}
