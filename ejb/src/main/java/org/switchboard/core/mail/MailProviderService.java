package org.switchboard.core.mail;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.events.EventOutbox;
import org.switchboard.core.mail.MailProviderChanged.Change;
import org.switchboard.core.mail.MailProviderChanged.Kind;
import org.switchboard.core.common.Operations;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProvider;
import org.switchboard.model.mail.MailProviderDomain;
import org.switchboard.model.mailbox.Mailbox;

/**
 * Mail providers and the lookup "Mail provider domains" (MP-01..MP-04, MP-06, MP-10, MP-13). Managing them requires
 * {@code CanManageAdministration} (MP-09); any signed-in user may detect a provider from an address and teach the
 * lookup the domain of a provider they picked (MP-04), as the mailbox wizard does. OAuth client secrets are stored
 * encrypted and never returned. Every change publishes a {@link MailProviderChanged}.
 */
@Stateless
@RolesAllowed(Operations.CAN_MANAGE_ADMINISTRATION)
public class MailProviderService {

    private static final Logger LOG = Logger.getLogger(MailProviderService.class.getName());
    private static final String PROVIDER_FIELD = "providerId";

    @PersistenceContext
    private EntityManager em;

    @Inject
    private EventOutbox events;

    @Inject
    private SecretCipher cipher;

    @Inject
    private Clock clock;

    @Resource
    private SessionContext context;

    // Providers (MP-01..MP-03, MP-10, MP-13)

    /** Every provider by name, each with its domains (MP-10). */
    public List<MailProviderView> providers() {
        Map<Long, List<String>> domains = em.createNamedQuery(MailProviderDomain.ALL, MailProviderDomain.class)
                .getResultStream()
                .collect(Collectors.groupingBy(d -> d.getProvider().getId(),
                        Collectors.mapping(MailProviderDomain::getDomain, Collectors.toList())));
        return em.createNamedQuery(MailProvider.ALL, MailProvider.class).getResultStream()
                .map(p -> view(p, domains.getOrDefault(p.getId(), List.of())))
                .sorted(Comparator.comparing(MailProviderView::name, String.CASE_INSENSITIVE_ORDER))
                .toList();
    }

    /** The providers a user may pick in the mailbox wizard when the address's domain is unknown (MP-04). */
    @PermitAll
    public List<MailProviderView> choices() {
        return providers();
    }

    public MailProviderView provider(long id) {
        return view(find(MailProvider.class, id));
    }

    public MailProviderView createProvider(MailProviderDraft draft) {
        MailProviderDraft checked = MailProviderRules.check(draft, draft == null ? null : draft.type(), false);
        MailProvider provider = new MailProvider(checked.type());
        apply(provider, checked);
        provider.setCreatedAt(OffsetDateTime.now(clock));
        em.persist(provider);
        em.flush();
        publish(Kind.PROVIDER, provider.getId(), provider.getName(), provider.getId(), Change.CREATED);
        return view(provider);
    }

    /**
     * Changes a provider; its type stays what it was created with. An empty OAuth client secret keeps the stored one.
     */
    public MailProviderView updateProvider(long id, long expectedVersion, MailProviderDraft draft) {
        MailProvider provider = find(MailProvider.class, id);
        checkVersion("MailProvider", id, provider.getVersion(), expectedVersion);
        MailProviderDraft checked = MailProviderRules.check(draft, provider.getType(),
                provider.getOauthClientSecret() != null);
        apply(provider, checked);
        em.flush();
        publish(Kind.PROVIDER, id, provider.getName(), id, Change.UPDATED);
        return view(provider);
    }

    /** Deletes a provider with its domains (the UI asks first). */
    public void deleteProvider(long id) {
        MailProvider provider = find(MailProvider.class, id);
        // MP-05: a provider in use stays; the count is the mailboxes' own named query.
        long mailboxes = em.createNamedQuery(Mailbox.COUNT_BY_PROVIDER, Long.class).setParameter("providerId", id)
                .getSingleResult();
        if (mailboxes > 0) {
            throw new RuleViolationException("error.mailProvider.inUse", null, provider.getName(), mailboxes);
        }
        em.createNamedQuery(MailProviderDomain.DELETE_OF_PROVIDER).setParameter(PROVIDER_FIELD, id).executeUpdate();
        em.remove(provider);
        publish(Kind.PROVIDER, id, provider.getName(), id, Change.DELETED);
    }

    private void apply(MailProvider provider, MailProviderDraft checked) {
        boolean taken = em.createNamedQuery(MailProvider.BY_NAME, MailProvider.class)
                .setParameter("name", checked.name()).getResultStream()
                .anyMatch(other -> !other.getId().equals(provider.getId()));
        if (taken) {
            throw new RuleViolationException("error.mailProvider.nameTaken", "name", checked.name());
        }
        provider.setName(checked.name());
        provider.setImapHost(checked.imapHost());
        provider.setImapPort(checked.imapPort());
        provider.setImapSecurity(checked.imapSecurity());
        provider.setSmtpEnabled(checked.smtpEnabled());
        provider.setSmtpHost(checked.smtpHost());
        provider.setSmtpPort(checked.smtpPort());
        provider.setSmtpSecurity(checked.smtpSecurity());
        provider.setServiceAddress(checked.serviceAddress());
        provider.setLoadMail(checked.loadMail());
        provider.setSendMail(checked.sendMail());
        provider.setLoginFormat(checked.loginFormat());
        provider.setAuthentication(checked.authentication());
        provider.setOauthClientId(checked.oauthClientId());
        if (checked.authentication() != MailAuthentication.OAUTH2) {
            provider.setOauthClientSecret(null);
        } else if (checked.oauthClientSecret() != null) {
            provider.setOauthClientSecret(cipher.encrypt(checked.oauthClientSecret()));
        }
        provider.setAppPasswordUrl(checked.appPasswordUrl());
        provider.setExchangeKind(checked.exchangeKind());
        provider.setOauthTenant(checked.oauthTenant());
        provider.setNtlmDomain(checked.ntlmDomain());
    }

    // Domains (MP-04)

    /** Every domain of the lookup with its provider, by domain. */
    public List<MailProviderDomainView> domains() {
        return em.createNamedQuery(MailProviderDomain.ALL, MailProviderDomain.class).getResultStream()
                .map(MailProviderService::view).toList();
    }

    /**
     * Adds a domain to the lookup.
     *
     * @throws RuleViolationException on {@code domain} when another provider has it, naming that provider
     */
    public MailProviderDomainView addDomain(String domain, Long providerId) {
        String checked = MailProviderRules.domain(domain);
        MailProvider provider = referencedProvider(providerId);
        Optional<MailProviderDomain> known = known(checked);
        if (known.isPresent()) {
            throw new RuleViolationException("error.mailProviderDomain.taken", "domain", checked,
                    known.get().getProvider().getName());
        }
        MailProviderDomain row = new MailProviderDomain(checked, provider);
        em.persist(row);
        em.flush();
        publish(Kind.DOMAIN, row.getId(), checked, provider.getId(), Change.CREATED);
        return view(row);
    }

    /** Gives a domain of the lookup to another provider. */
    public MailProviderDomainView moveDomain(long id, long expectedVersion, Long providerId) {
        MailProviderDomain row = find(MailProviderDomain.class, id);
        checkVersion("MailProviderDomain", id, row.getVersion(), expectedVersion);
        row.setProvider(referencedProvider(providerId));
        em.flush();
        publish(Kind.DOMAIN, id, row.getDomain(), row.getProvider().getId(), Change.UPDATED);
        return view(row);
    }

    public void removeDomain(long id) {
        MailProviderDomain row = find(MailProviderDomain.class, id);
        long providerId = row.getProvider().getId();
        em.remove(row);
        publish(Kind.DOMAIN, id, row.getDomain(), providerId, Change.DELETED);
    }

    // The mailbox wizard (MP-04): any signed-in user

    /** The provider of the address's domain, compared without case (MP-04); empty for an unknown domain. */
    @PermitAll
    public Optional<MailProviderView> detect(String emailAddress) {
        return MailProviderRules.domainOf(emailAddress).flatMap(this::known).map(d -> view(d.getProvider()));
    }

    /**
     * Teaches the lookup that a domain belongs to the provider a user picked for a new mailbox (MP-04). A domain the
     * lookup knows already stays as it is.
     *
     * @return the lookup's row of the domain: the new one, or the one that was there
     */
    @PermitAll
    public MailProviderDomainView learnDomain(String domain, long providerId) {
        String checked = MailProviderRules.domain(domain);
        Optional<MailProviderDomain> known = known(checked);
        if (known.isPresent()) {
            return view(known.get());
        }
        MailProvider provider = referencedProvider(providerId);
        MailProviderDomain row = new MailProviderDomain(checked, provider);
        em.persist(row);
        em.flush();
        publish(Kind.DOMAIN, row.getId(), checked, providerId, Change.LEARNED);
        return view(row);
    }

    private Optional<MailProviderDomain> known(String domain) {
        return em.createNamedQuery(MailProviderDomain.BY_DOMAIN, MailProviderDomain.class)
                .setParameter("domain", domain).getResultStream().findFirst();
    }

    private MailProvider referencedProvider(Long providerId) {
        if (providerId == null) {
            throw new InvalidInputException("validation.mailProvider.providerRequired", PROVIDER_FIELD);
        }
        MailProvider provider = em.find(MailProvider.class, providerId);
        if (provider == null) {
            throw new InvalidInputException("validation.mailProvider.unknownProvider", PROVIDER_FIELD,
                    providerId.toString());
        }
        return provider;
    }

    // Shared

    private MailProviderView view(MailProvider provider) {
        List<String> domains = em.createNamedQuery(MailProviderDomain.OF_PROVIDER, String.class)
                .setParameter(PROVIDER_FIELD, provider.getId()).getResultList();
        return view(provider, domains);
    }

    private static MailProviderView view(MailProvider p, List<String> domains) {
        List<String> sorted = domains.stream().sorted().toList();
        return new MailProviderView(p.getId(), p.getVersion(), p.getName(), p.getType(), p.getImapHost(),
                p.getImapPort(), p.getImapSecurity(), p.isSmtpEnabled(), p.getSmtpHost(), p.getSmtpPort(),
                p.getSmtpSecurity(), p.getServiceAddress(), p.isLoadMail(), p.isSendMail(), p.getLoginFormat(),
                p.getAuthentication(), p.getOauthClientId(), p.getOauthClientSecret() != null, p.getAppPasswordUrl(),
                sorted.size(), sorted, p.getExchangeKind(), p.getOauthTenant(), p.getNtlmDomain());
    }

    private static MailProviderDomainView view(MailProviderDomain row) {
        return new MailProviderDomainView(row.getId(), row.getVersion(), row.getDomain(), row.getProvider().getId(),
                row.getProvider().getName());
    }

    /** The record of that type and id, or a 404 naming the type. */
    private <T> T find(Class<T> type, long id) {
        T entity = em.find(type, id);
        if (entity == null) {
            throw new RecordNotFoundException(type.getSimpleName(), id);
        }
        return entity;
    }

    private static void checkVersion(String what, long id, long version, long expectedVersion) {
        if (version != expectedVersion) {
            throw new ConcurrentChangeException(what, id);
        }
    }

    private void publish(Kind entity, long id, String name, long providerId, Change change) {
        String actor = Callers.login(context);
        events.record(new MailProviderChanged(entity, id, name, providerId, change), actor);
        LOG.info(() -> "Mail providers: " + entity + " " + id + " " + change + " by " + actor);
    }
}
