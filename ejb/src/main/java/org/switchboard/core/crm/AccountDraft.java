package org.switchboard.core.crm;

import java.util.List;

/** An account as typed on its page or posted over REST (MB-04): name and e-mail addresses. */
public record AccountDraft(String name, List<String> emails) {
}
