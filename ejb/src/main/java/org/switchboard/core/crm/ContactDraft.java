package org.switchboard.core.crm;

import java.util.List;

/** A contact as typed on its page or posted over REST (MB-04): name, optional account, e-mail addresses. */
public record ContactDraft(String name, Long accountId, List<String> emails) {
}
