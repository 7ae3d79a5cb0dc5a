package org.switchboard.model.mailbox;

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
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.Locale;
import org.switchboard.model.security.User;

/**
 * A sender whose remote images and styles a user always wants shown in received HTML e-mail (MB-02, issue 18 item
 * 6: "Always show from &lt;sender&gt;"). The address is kept in lower case; "Stop" deletes the row, so the row never
 * changes and has no version.
 */
@Entity
@Table(name = "remote_content_sender")
@NamedQuery(name = RemoteContentSender.OF_USER_AND_ADDRESS, query = "SELECT s FROM RemoteContentSender s "
        + "WHERE s.user.id = :userId AND s.senderAddress = :address")
public class RemoteContentSender {

    /** The row of one user and one sender address (lower case), if the user trusts that sender. */
    public static final String OF_USER_AND_ADDRESS = "RemoteContentSender.ofUserAndAddress";

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "remote_content_sender_seq")
    @SequenceGenerator(name = "remote_content_sender_seq", sequenceName = "remote_content_sender_seq",
            allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "user_id", nullable = false, updatable = false)
    @NotNull
    private User user;

    @Column(name = "sender_address", length = EmailMessage.ADDRESS_MAX, nullable = false, updatable = false)
    @NotBlank
    @Size(max = EmailMessage.ADDRESS_MAX)
    private String senderAddress;

    @Column(name = "created_at", nullable = false, updatable = false)
    @NotNull
    private OffsetDateTime createdAt;

    protected RemoteContentSender() {
    }

    public RemoteContentSender(User user, String senderAddress, OffsetDateTime createdAt) {
        this.user = user;
        this.senderAddress = normalize(senderAddress);
        this.createdAt = createdAt;
    }

    /** The form an address is stored and looked up in: trimmed, lower case. */
    public static String normalize(String address) {
        return address == null ? null : address.strip().toLowerCase(Locale.ROOT);
    }

    public Long getId() {
        return id;
    }

    public User getUser() {
        return user;
    }

    public String getSenderAddress() {
        return senderAddress;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }
}
