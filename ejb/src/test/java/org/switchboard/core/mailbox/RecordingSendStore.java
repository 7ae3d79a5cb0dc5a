package org.switchboard.core.mailbox;

import java.util.ArrayList;
import java.util.List;
import org.switchboard.model.mailbox.SendStatus;

/** A send's transactions, recorded instead of written, for the tests of {@link MailSender} (MB-03). */
final class RecordingSendStore extends MailSendStore {
    MailSendStore.Claim claim;
    MailSendStore.Attempt attempt;
    final List<String> calls = new ArrayList<>();

    @Override
    public Claim claim(long emailId) {
        return claim;
    }

    @Override
    public Attempt attempt(long emailId) {
        return attempt;
    }

    @Override
    public void sent(Attempt attempt) {
        calls.add("sent");
    }

    @Override
    public void failed(Attempt attempt, MailFailure.Reason failure, String reason) {
        calls.add("failed " + reason);
    }

    @Override
    public void release(long emailId, String reason) {
        calls.add("released " + reason);
    }

    @Override
    public void placed(long emailId, long mailboxId, SentFolder.Placement placement) {
        calls.add("placed " + placement.folder() + " " + placement.uidValidity() + "/" + placement.uid());
    }

    @Override
    public void warning(long emailId, String warning) {
        calls.add("warning " + warning);
    }

    @Override
    public SentEmailView view(long emailId) {
        return new SentEmailView(emailId, 3, SendStatus.PENDING, "offer-1@example.com", null, null, null);
    }
}
