package org.switchboard.core.chat;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/**
 * The processes a chat action can start (CH-07), by name. Holds the shipped process {@value #CREATE_CASE_FROM_CHAT}
 * until the chat runtime's process beans are looked up here instead.
 */
@ApplicationScoped
public class ChatProcesses {

    /** The shipped process: creates a case linked to the chat and its contact (CH-07). */
    public static final String CREATE_CASE_FROM_CHAT = "CreateCaseFromChat";

    private static final List<String> NAMES = List.of(CREATE_CASE_FROM_CHAT);

    /** Whether a process of that exact name exists. */
    public boolean exists(String name) {
        return NAMES.contains(name);
    }

    /** Every process name, sorted. */
    public List<String> names() {
        return NAMES;
    }
}
