package org.switchboard.model.chat;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/**
 * A file of a chat message (CH-12): its bytes, when an operator sent it or it was posted inline, or the provider's
 * URL to fetch it from.
 */
@Entity
@Table(name = "chat_attachment")
@NamedQuery(name = ChatAttachment.OF_CHAT, query = "SELECT new org.switchboard.model.chat.AttachmentInfo("
        + "a.id, a.message.id, a.fileName, a.contentType, a.sizeBytes, a.sourceUrl) FROM ChatAttachment a "
        + "WHERE a.message.chat.id = :chatId ORDER BY a.id")
@NamedQuery(name = ChatAttachment.OF_MESSAGE,
        query = "SELECT a FROM ChatAttachment a WHERE a.message.id = :messageId ORDER BY a.id")
public class ChatAttachment {

    public static final String OF_CHAT = "ChatAttachment.ofChat";
    public static final String OF_MESSAGE = "ChatAttachment.ofMessage";

    public static final int FILE_NAME_MAX = 255;
    public static final int CONTENT_TYPE_MAX = 100;
    public static final int URL_MAX = 2000;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "chat_attachment_seq")
    @SequenceGenerator(name = "chat_attachment_seq", sequenceName = "chat_attachment_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "message_id", nullable = false, updatable = false)
    private ChatMessage message;

    @Column(name = "file_name", length = FILE_NAME_MAX, nullable = false)
    private String fileName;

    @Column(name = "content_type", length = CONTENT_TYPE_MAX, nullable = false)
    private String contentType;

    @Column(name = "size_bytes")
    private Long sizeBytes;

    @Column(name = "source_url", length = URL_MAX)
    private String sourceUrl;

    @Column(name = "content")
    private byte[] content;

    protected ChatAttachment() {
    }

    public ChatAttachment(ChatMessage message, String fileName, String contentType, byte[] content,
            String sourceUrl) {
        this.message = message;
        this.fileName = fileName;
        this.contentType = contentType;
        this.content = content;
        this.sizeBytes = content == null ? null : (long) content.length;
        this.sourceUrl = sourceUrl;
    }

    /** The bytes of a file that was known only by its source, once fetched from the messenger (TG-*, WA-*). */
    public void fetched(byte[] fetchedContent) {
        this.content = fetchedContent;
        this.sizeBytes = (long) fetchedContent.length;
    }

    public Long getId() {
        return id;
    }

    public ChatMessage getMessage() {
        return message;
    }

    public String getFileName() {
        return fileName;
    }

    public String getContentType() {
        return contentType;
    }

    public Long getSizeBytes() {
        return sizeBytes;
    }

    public String getSourceUrl() {
        return sourceUrl;
    }

    public byte[] getContent() {
        return content;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ChatAttachment attachment && id != null && id.equals(attachment.getId());
    }

    @Override
    public int hashCode() {
        return ChatAttachment.class.hashCode();
    }
}
