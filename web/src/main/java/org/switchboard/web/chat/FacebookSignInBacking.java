package org.switchboard.web.chat;

import jakarta.enterprise.context.RequestScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.util.List;
import org.omnifaces.util.Faces;
import org.switchboard.core.chat.facebook.FacebookChannelSetup;

/**
 * What a Facebook channel's card shows about signing in (FB-01, FB-02): while the broker's settings are empty, which
 * ones and where they are, and no button; otherwise the callback address to register at the broker. The button itself
 * is a link to {@link FacebookSignInServlet}: the sign-in leaves for the broker by a plain navigation, since the
 * pages' Content-Security-Policy ({@code form-action 'self'}) stops a form's redirect to another origin.
 */
@Named
@RequestScoped
public class FacebookSignInBacking {

    /** The page that takes the sign-in over when the broker answers. */
    static final String PAGES = "/designer/chat/facebook-pages.xhtml";

    @Inject
    private FacebookChannelSetup setup;

    private List<String> missing;

    /** The broker settings still empty (FB-01); none when Facebook channels can be added. */
    public List<String> getMissingSettings() {
        if (missing == null) {
            missing = setup.missingBrokerSettings();
        }
        return missing;
    }

    /** The empty settings' names, as the message lists them. */
    public String getMissingSettingsText() {
        return String.join(", ", getMissingSettings());
    }

    /** The callback address to register at the broker, as this installation gives it. */
    public String getCallbackUri() {
        return setup.callbackUri(Faces.getRequestBaseURL());
    }

}
