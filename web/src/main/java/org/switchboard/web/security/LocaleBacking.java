package org.switchboard.web.security;

import jakarta.enterprise.context.SessionScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.Serial;
import java.io.Serializable;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.switchboard.core.security.UserService;
import org.switchboard.web.common.Texts;

/**
 * The viewer's UI language, English or Russian: the user's saved choice once signed in, else a cookie, else
 * the browser's. Switching saves the choice in the cookie and, for a signed-in user, in their account.
 */
@Named
@SessionScoped
public class LocaleBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    static final String COOKIE = "switchboard-lang";
    private static final int COOKIE_AGE = (int) TimeUnit.DAYS.toSeconds(365);

    @Inject
    private UserService users;

    @Inject
    private HttpServletRequest request;

    private Locale locale;

    public Locale getLocale() {
        if (locale == null) {
            String saved = cookie();
            locale = saved != null ? Texts.supported(Locale.forLanguageTag(saved))
                    : Texts.firstSupported(Collections.list(request.getLocales()));
        }
        return locale;
    }

    public String getLanguage() {
        return getLocale().getLanguage();
    }

    /** The current page's address, to come back to after switching the language. */
    public String getBackUrl() {
        String query = request.getQueryString();
        return URLEncoder.encode(request.getRequestURI() + (query == null ? "" : "?" + query), StandardCharsets.UTF_8);
    }

    /** Switches the language; a signed-in user's choice is saved for their next sign-in. */
    void choose(String language, HttpServletResponse response) {
        apply(language, response);
        if (request.getRemoteUser() != null) {
            users.setOwnLocale(locale.getLanguage());
        }
    }

    /** Applies the language a user saved, right after they signed in; none leaves the current one. */
    void applySaved(String language, HttpServletResponse response) {
        if (language != null && !language.isBlank()) {
            apply(language, response);
        }
    }

    private void apply(String language, HttpServletResponse response) {
        locale = Texts.supported(Locale.forLanguageTag(language));
        Cookie cookie = new Cookie(COOKIE, locale.getLanguage());
        cookie.setPath(request.getContextPath().isEmpty() ? "/" : request.getContextPath());
        cookie.setMaxAge(COOKIE_AGE);
        cookie.setHttpOnly(true);
        response.addCookie(cookie);
    }

    private String cookie() {
        Cookie[] cookies = request.getCookies();
        if (cookies != null) {
            for (Cookie cookie : cookies) {
                if (COOKIE.equals(cookie.getName())) {
                    return cookie.getValue();
                }
            }
        }
        return null;
    }
}
