package org.switchboard.core.crm;

import java.io.Serializable;

/** What the contact list is narrowed to (EC-02, issue 21 item 1): a category, a group, a tag; null = any. */
public record ContactFilter(Long categoryId, Long groupId, Long tagId) implements Serializable {
}
