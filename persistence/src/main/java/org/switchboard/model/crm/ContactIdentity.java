package org.switchboard.model.crm;

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
import org.switchboard.model.channel.Channel;

/** Who a contact is on one channel: the provider's id of the sender (Telegram user id, phone number, PSID). */
@Entity
@Table(name = "contact_identity")
@NamedQuery(name = ContactIdentity.BY_EXTERNAL_ID, query = "SELECT i FROM ContactIdentity i JOIN FETCH i.contact "
        + "WHERE i.channel.id = :channelId AND i.externalId = :externalId")
@NamedQuery(name = ContactIdentity.OF_CONTACT,
        query = "SELECT i FROM ContactIdentity i WHERE i.contact.id = :contactId ORDER BY i.id")
public class ContactIdentity {

    public static final String BY_EXTERNAL_ID = "ContactIdentity.byExternalId";
    public static final String OF_CONTACT = "ContactIdentity.ofContact";

    public static final int EXTERNAL_ID_MAX = 200;
    public static final int DISPLAY_NAME_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "contact_identity_seq")
    @SequenceGenerator(name = "contact_identity_seq", sequenceName = "contact_identity_seq", allocationSize = 50)
    private Long id;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "contact_id", nullable = false)
    private Contact contact;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "channel_id", nullable = false)
    private Channel channel;

    @Column(name = "external_id", length = EXTERNAL_ID_MAX, nullable = false)
    private String externalId;

    @Column(name = "display_name", length = DISPLAY_NAME_MAX)
    private String displayName;

    protected ContactIdentity() {
    }

    public ContactIdentity(Contact contact, Channel channel, String externalId, String displayName) {
        this.contact = contact;
        this.channel = channel;
        this.externalId = externalId;
        this.displayName = displayName;
    }

    public Long getId() {
        return id;
    }

    public Contact getContact() {
        return contact;
    }

    public Channel getChannel() {
        return channel;
    }

    public String getExternalId() {
        return externalId;
    }

    public String getDisplayName() {
        return displayName;
    }

    public void setDisplayName(String displayName) {
        this.displayName = displayName;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof ContactIdentity identity && id != null && id.equals(identity.getId());
    }

    @Override
    public int hashCode() {
        return ContactIdentity.class.hashCode();
    }
}
