package org.switchboard.core.mailbox;

import java.io.Serializable;

/** A mailbox offered in "From" (MB-03, MB-09): its address, the alias recipients see, whether it is the default. */
public record SenderView(long id, String address, String alias, boolean defaultSender) implements Serializable {

    /** As the From list shows it: {@code Alias <address>} or the address. */
    public String label() {
        return alias == null || alias.isBlank() ? address : alias + " <" + address + ">";
    }
}
