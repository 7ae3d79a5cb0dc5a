package org.switchboard.web.mailbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.common.InvalidInputException;

/** Issue 18: a yes/no query parameter is read strictly, so a value that is not understood is not taken as "no". */
class QueryFlagTest {

    @Test
    @DisplayName("MB-02 issue 18: remote=true shows, remote=false or none hides, anything else is a 400 on the field")
    void strictFlag() {
        assertTrue(MailboxesResource.flag("remote", "true"));
        assertFalse(MailboxesResource.flag("remote", "false"));
        assertFalse(MailboxesResource.flag("remote", null));
        for (String wrong : new String[] {"yes", "1", "TRUE", "", "true "}) {
            InvalidInputException refused = assertThrows(InvalidInputException.class,
                    () -> MailboxesResource.flag("remote", wrong), wrong);
            assertEquals("validation.query.flag", refused.getMessageKey(), wrong);
            assertEquals("remote", refused.getField(), wrong);
        }
    }
}
