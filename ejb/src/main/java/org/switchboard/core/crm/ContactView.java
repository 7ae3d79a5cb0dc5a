package org.switchboard.core.crm;

import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A contact as its card and REST show it (MB-04, EC-01); {@code chats} counts its conversations on channels,
 * {@code categoryCode} is set for a seeded category (the panel translates it), {@code tagIds} are the tags the caller
 * sees, {@code owner} is a login.
 */
public record ContactView(long id, long version, String name, String givenName, String familyName, String jobTitle,
        String companyName, Long accountId, String accountName, List<String> emails, List<ContactDraft.Phone> phones,
        List<ContactDraft.PostalAddress> addresses, LocalDate birthday, String notes, Long categoryId,
        String categoryCode, String categoryName, List<Long> groupIds, List<Long> tagIds, String owner,
        OffsetDateTime createdAt, OffsetDateTime updatedAt, long chats) {
}
