package org.switchboard.core.crm;

import jakarta.enterprise.context.Dependent;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.logging.Logger;
import org.switchboard.core.chat.ChatProcess;
import org.switchboard.model.chat.Chat;
import org.switchboard.model.crm.CrmCase;

/**
 * The shipped chat process of the action "Create case" (CH-07): creates a case linked to the chat and its contact,
 * in the operator's transaction. Other processes are added the same way: a {@code @Named} bean implementing
 * {@link ChatProcess}.
 */
@Named(CreateCaseFromChat.NAME)
@Dependent
public class CreateCaseFromChat implements ChatProcess {

    public static final String NAME = "CreateCaseFromChat";
    private static final Logger LOG = Logger.getLogger(CreateCaseFromChat.class.getName());

    @PersistenceContext
    private EntityManager em;

    @Inject
    private Clock clock;

    @Override
    public ProcessResult run(ProcessInput input) {
        Chat chat = em.find(Chat.class, input.chatId());
        String subject = "Chat " + chat.getId() + " with " + chat.getContact().getName() + " on "
                + chat.getChannel().getName();
        CrmCase created = new CrmCase(subject.length() > CrmCase.SUBJECT_MAX
                ? subject.substring(0, CrmCase.SUBJECT_MAX) : subject, chat.getContact(), chat,
                OffsetDateTime.now(clock), input.actor());
        em.persist(created);
        em.flush();
        LOG.info(() -> "Case " + created.getId() + " created from chat " + chat.getId() + " by " + input.actor());
        return new ProcessResult("Case " + created.getId() + " created", created.getId());
    }
}
