package org.switchboard.model.channel;

import jakarta.persistence.CollectionTable;
import jakarta.persistence.Column;
import jakarta.persistence.ElementCollection;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.MapKeyColumn;
import jakarta.persistence.NamedQuery;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Map;
import org.switchboard.model.chat.ChatQueue;

/**
 * A channel (CH-10, CH-11, CH-14): one connected messenger account of a provider, active or not, bound to one
 * queue that routes its chats, with the language its contacts are answered in. The provider's own settings are
 * kept as named properties; secret ones are stored encrypted by the service that writes them.
 */
@Entity
@Table(name = "channel")
@NamedQuery(name = Channel.ALL, query = "SELECT c FROM Channel c JOIN FETCH c.queue ORDER BY c.name")
@NamedQuery(name = Channel.WITH_PROPERTIES,
        query = "SELECT c FROM Channel c LEFT JOIN FETCH c.properties WHERE c.id = :id")
@NamedQuery(name = Channel.BY_NAME, query = "SELECT c FROM Channel c WHERE LOWER(c.name) = LOWER(:name)")
@NamedQuery(name = Channel.COUNT_BY_QUEUE, query = "SELECT COUNT(c) FROM Channel c WHERE c.queue.id = :queueId")
@NamedQuery(name = Channel.NAMES_OF_QUEUE,
        query = "SELECT c.name FROM Channel c WHERE c.queue.id = :queueId ORDER BY c.name")
@NamedQuery(name = Channel.BY_PROVIDER, query = "SELECT c FROM Channel c WHERE c.provider = :provider ORDER BY c.id")
@NamedQuery(name = Channel.PROVIDERS_IN_USE, query = "SELECT DISTINCT c.provider FROM Channel c")
@NamedQuery(name = Channel.PROPERTY_OF_PROVIDER, query = "SELECT c.id, VALUE(p) FROM Channel c JOIN c.properties p "
        + "WHERE c.provider = :provider AND KEY(p) = :name")
// FB-07: one node claims a channel's daily access check; the version stays, so an open card is not made stale.
@NamedQuery(name = Channel.CLAIM_ACCESS_CHECK, query = "UPDATE Channel c SET c.accessCheckedAt = :now,"
        + " c.version = c.version WHERE c.id = :id AND (c.accessCheckedAt IS NULL OR c.accessCheckedAt < :due)")
@NamedQuery(name = Channel.FLAGGED, query = "SELECT c FROM Channel c WHERE c.flagReason IS NOT NULL ORDER BY c.name")
public class Channel {

    /** Claims the daily access check of one channel (FB-07): 1 row when due and not taken by another node. */
    public static final String CLAIM_ACCESS_CHECK = "Channel.claimAccessCheck";
    /** The flagged channels (FB-07), by name. */
    public static final String FLAGGED = "Channel.flagged";

    public static final String ALL = "Channel.all";
    public static final String BY_NAME = "Channel.byName";
    /** One channel with its provider settings, loaded in one query (the webhooks read them outside a transaction). */
    public static final String WITH_PROPERTIES = "Channel.withProperties";
    public static final String COUNT_BY_QUEUE = "Channel.countByQueue";
    /** The names of the channels bound to a queue. */
    public static final String NAMES_OF_QUEUE = "Channel.namesOfQueue";
    /** The channels of one provider (one bot, one number per channel: TG-02, WA-04). */
    public static final String BY_PROVIDER = "Channel.byProvider";
    /**
     * Per channel of a provider, the value of one of its settings (id, value): read without loading the settings,
     * which a read outside a transaction cannot do lazily on Hibernate.
     */
    public static final String PROPERTY_OF_PROVIDER = "Channel.propertyOfProvider";
    /** The providers that stored channels use: each needs its adapter deployed. */
    public static final String PROVIDERS_IN_USE = "Channel.providersInUse";

    public static final int NAME_MAX = 100;
    public static final int LANGUAGE_MAX = 10;
    public static final int PROPERTY_MAX = 4000;
    public static final int FLAG_REASON_MAX = 1000;
    public static final int ACCOUNT_KEY_MAX = 200;

    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "channel_seq")
    @SequenceGenerator(name = "channel_seq", sequenceName = "channel_seq", allocationSize = 50)
    private Long id;

    @Version
    @Column(name = "version", nullable = false)
    private long version;

    @Enumerated(EnumType.STRING)
    @Column(name = "provider", length = 20, nullable = false, updatable = false)
    @NotNull
    private ChannelProvider provider;

    @Column(name = "name", length = NAME_MAX, nullable = false, unique = true)
    @NotBlank
    @Size(max = NAME_MAX)
    private String name;

    @Column(name = "active", nullable = false)
    private boolean active = true;

    @ManyToOne(fetch = FetchType.LAZY, optional = false)
    @JoinColumn(name = "queue_id", nullable = false)
    @NotNull
    private ChatQueue queue;

    @Column(name = "language", length = LANGUAGE_MAX, nullable = false)
    @NotBlank
    @Size(max = LANGUAGE_MAX)
    private String language;

    @Column(name = "created_at", nullable = false, updatable = false)
    private OffsetDateTime createdAt;

    /** FB-07: why the provider no longer takes this channel's messages; null while it does. */
    @Column(name = "flag_reason", length = FLAG_REASON_MAX)
    private String flagReason;

    @Column(name = "flagged_at")
    private OffsetDateTime flaggedAt;

    @Column(name = "access_checked_at")
    private OffsetDateTime accessCheckedAt;

    /** The provider's account the channel speaks for ({@code FACEBOOK:<page id>}), unique; null when none. */
    @Column(name = "account_key", length = ACCOUNT_KEY_MAX, unique = true)
    @Size(max = ACCOUNT_KEY_MAX)
    private String accountKey;

    @ElementCollection(fetch = FetchType.LAZY)
    @CollectionTable(name = "channel_property", joinColumns = @JoinColumn(name = "channel_id"))
    @MapKeyColumn(name = "name", length = 100)
    @Column(name = "property_value", length = PROPERTY_MAX)
    private Map<String, String> properties = new HashMap<>();

    protected Channel() {
    }

    public Channel(ChannelProvider provider) {
        this.provider = provider;
    }

    public Long getId() {
        return id;
    }

    public long getVersion() {
        return version;
    }

    public ChannelProvider getProvider() {
        return provider;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public boolean isActive() {
        return active;
    }

    public void setActive(boolean active) {
        this.active = active;
    }

    public ChatQueue getQueue() {
        return queue;
    }

    public void setQueue(ChatQueue queue) {
        this.queue = queue;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public OffsetDateTime getCreatedAt() {
        return createdAt;
    }

    public void setCreatedAt(OffsetDateTime createdAt) {
        this.createdAt = createdAt;
    }

    public String getFlagReason() {
        return flagReason;
    }

    public OffsetDateTime getFlaggedAt() {
        return flaggedAt;
    }

    /** Flags the channel (FB-07) with the reason, cut to what the column holds; {@code null} clears the flag. */
    public void flag(String reason, OffsetDateTime at) {
        this.flagReason = reason == null ? null
                : reason.length() <= FLAG_REASON_MAX ? reason : reason.substring(0, FLAG_REASON_MAX - 1) + "\u2026";
        this.flaggedAt = reason == null ? null : at;
    }

    public boolean isFlagged() {
        return flagReason != null;
    }

    public OffsetDateTime getAccessCheckedAt() {
        return accessCheckedAt;
    }

    /** The provider just took the channel's access (a subscription with a new token): the daily check starts anew. */
    public void setAccessCheckedAt(OffsetDateTime accessCheckedAt) {
        this.accessCheckedAt = accessCheckedAt;
    }

    public String getAccountKey() {
        return accountKey;
    }

    public void setAccountKey(String accountKey) {
        this.accountKey = accountKey;
    }

    /** The provider's settings by name; secret values are ciphertext. */
    public Map<String, String> getProperties() {
        return properties;
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof Channel channel && id != null && id.equals(channel.getId());
    }

    @Override
    public int hashCode() {
        return Channel.class.hashCode();
    }
}
