package org.switchboard.core.channel;

import jakarta.annotation.security.PermitAll;
import jakarta.ejb.Asynchronous;
import jakarta.ejb.Schedule;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import java.util.logging.Level;
import java.util.logging.Logger;
import org.switchboard.model.channel.ChannelProvider;

/**
 * Runs the access checks of {@link ChannelAccessChecks} (FB-07): every hour each node looks for channels whose daily
 * check is due and claims them one by one, so each channel is asked once a day whatever the number of nodes; and
 * all channels of a provider at once when it said an authorization was withdrawn.
 */
@Stateless
@PermitAll
@TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
public class ChannelAccessTimer {

    private static final Logger LOG = Logger.getLogger(ChannelAccessTimer.class.getName());

    @Inject
    private ChannelAccessChecks checks;

    @Schedule(hour = "*", minute = "23", persistent = false, info = "channel access check")
    void hourly() {
        run(null, false);
    }

    /** Checks every channel of the provider now, in the background (a deauthorization arrived). */
    @Asynchronous
    public void checkAllNow(ChannelProvider provider) {
        run(provider, true);
    }

    private void run(ChannelProvider provider, boolean force) {
        for (long id : checks.checked(provider)) {
            try {
                checks.checkIfDue(id, force);
            } catch (RuntimeException e) {
                LOG.log(Level.WARNING, "The access check of channel " + id + " failed; the next one tries again", e);
            }
        }
    }
}
