package org.switchboard.web.crm;

import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import java.util.Locale;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.web.common.Problems;
import org.switchboard.web.common.Texts;

/**
 * A CRM record's version as its {@code ETag} (contacts, activities): read from {@code If-Match}, and the 412 answered
 * when it no longer holds.
 */
final class Versions {

    private Versions() {
    }

    static EntityTag tag(long version) {
        return new EntityTag(Long.toString(version));
    }

    /** The version an If-Match names ({@code "3"}, or weak {@code W/"3"}); null when none is sent. */
    static Long ifMatch(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank()) {
            return null;
        }
        String tag = ifMatch.strip();
        if (tag.startsWith("W/")) {
            tag = tag.substring(2);
        }
        if (tag.length() > 2 && tag.length() <= 20 && tag.startsWith("\"") && tag.endsWith("\"")
                && tag.substring(1, tag.length() - 1).chars().allMatch(Character::isDigit)) {
            return Long.parseLong(tag.substring(1, tag.length() - 1));
        }
        throw new InvalidInputException("validation.crm.ifMatch", HttpHeaders.IF_MATCH);
    }

    /** The version to change at: the If-Match's, else the body's; a field error when neither is sent. */
    static long required(Long matched, Long inBody) {
        if (matched == null && inBody == null) {
            throw new InvalidInputException("validation.crm.versionRequired", "version");
        }
        return matched != null ? matched : inBody;
    }

    /** 412 problem+json: the record changed since the version in If-Match was read. */
    static Response preconditionFailed(HttpHeaders headers, String type, long id) {
        Locale locale = Texts.firstSupported(headers.getAcceptableLanguages());
        return Problems.of(Response.Status.PRECONDITION_FAILED, "error.concurrentChange",
                Texts.format(locale, "error.concurrentChange", type, id));
    }
}
