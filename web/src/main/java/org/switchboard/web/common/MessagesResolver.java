package org.switchboard.web.common;

import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.annotation.WebListener;
import java.text.MessageFormat;
import java.util.Locale;
import java.util.MissingResourceException;
import java.util.ResourceBundle;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;

/**
 * Makes OmniFaces {@link Messages} take bundle keys: {@code Messages.addError(id, "error.user.loginTaken", x)}
 * shows the text of that key in the viewer's language, so beans never hold texts.
 */
@WebListener
public class MessagesResolver implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        Messages.setResolver((message, params) -> {
            Locale locale = Texts.supported(Faces.getLocale());
            String pattern = message;
            try {
                pattern = ResourceBundle.getBundle(Texts.BUNDLE, locale).getString(message);
            } catch (MissingResourceException e) {
                // Not a key: the message is the text itself.
            }
            return params == null || params.length == 0 ? pattern : new MessageFormat(pattern, locale).format(params);
        });
    }
}
