package org.switchboard.core.mailbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.util.Optional;
import org.switchboard.core.common.Operations;
import org.switchboard.core.inbound.InboundBatch;
import org.switchboard.core.inbound.InboundHandler;
import org.switchboard.core.inbound.InboundRefusedException;
import org.switchboard.core.inbound.InboundRejectedException;
import org.switchboard.core.inbound.Submitter;
import org.switchboard.core.security.AuthenticationService;
import org.switchboard.model.mailbox.Mailbox;

/**
 * Takes {@code MailboxSyncCommand}s (X-03, MB-02): records the request to load the mailbox's new mail in the inbound
 * processor's transaction; the run starts after the commit (or at the timer's tick). Over REST the caller must see
 * the mailbox (its owner, or a holder of a right on it) or hold {@code CanActOnBehalfOfUsers}; on the queue anyone
 * may ask. A repeat only asks again.
 */
@ApplicationScoped
public class MailboxSyncCommandHandler implements InboundHandler<MailboxSyncCommand> {

    @PersistenceContext
    private EntityManager em;

    @Inject
    private MailboxSyncService syncs;

    @Inject
    private MailboxAccessPolicy access;

    @Inject
    private AuthenticationService users;

    @Override
    public String type() {
        return MailboxSyncCommand.TYPE;
    }

    @Override
    public MailboxSyncCommand parse(int version, String body) {
        return MailboxSyncCommand.parse(body);
    }

    @Override
    public String key(MailboxSyncCommand command) {
        return command.mailbox();
    }

    @Override
    public void authorize(MailboxSyncCommand command, Submitter submitter) {
        if (submitter.via() != Submitter.Via.REST
                || users.holds(submitter.name(), Operations.CAN_ACT_ON_BEHALF_OF_USERS)) {
            return;
        }
        Optional<Mailbox> mailbox = mailbox(command);
        if (mailbox.isEmpty() || !access.rightsOf(submitter.name()).canSee(mailbox.get().getId())) {
            throw new InboundRefusedException(submitter.name() + " may not use mailbox " + command.mailbox());
        }
    }

    @Override
    public void handle(InboundBatch batch, MailboxSyncCommand command, Submitter submitter) {
        Mailbox mailbox = mailbox(command).orElseThrow(() -> new InboundRejectedException("UNKNOWN_MAILBOX",
                "No mailbox " + command.mailbox() + " is connected"));
        em.createNamedQuery(Mailbox.REQUEST_SYNC).setParameter("id", mailbox.getId()).executeUpdate();
        long id = mailbox.getId();
        batch.afterCommit(() -> syncs.runInBackground(id));
    }

    private Optional<Mailbox> mailbox(MailboxSyncCommand command) {
        return em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class).setParameter("address", command.mailbox())
                .getResultStream().findFirst();
    }
}
