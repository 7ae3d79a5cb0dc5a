package org.switchboard.core.chat;

/** What the router made of one candidate (CH-03, CH-04, CH-08), recorded on the chat's routing decision. */
public enum CandidateVerdict {
    /** "To the least busy": this operator gets the chat. */
    CHOSEN,
    /** "To all": the chat is offered to this operator. */
    OFFERED,
    /** Eligible, but another operator holds fewer chats. */
    MORE_BUSY,
    /** Eligible and as busy as the chosen one, but took a new chat more recently (the tie rule). */
    TOOK_A_CHAT_MORE_RECENTLY,
    /** Status Inactive: gets no chats until they set themselves Active. */
    INACTIVE,
    /** Holds {@code SimultaneousChats} chats already. */
    AT_CAPACITY
}
