package org.switchboard.core.mailbox;

import jakarta.annotation.Resource;
import jakarta.annotation.security.PermitAll;
import jakarta.ejb.SessionContext;
import jakarta.ejb.Stateless;
import jakarta.ejb.TransactionAttribute;
import jakarta.ejb.TransactionAttributeType;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;
import jakarta.persistence.PersistenceException;
import java.net.URI;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.logging.Logger;
import org.eclipse.angus.mail.imap.IMAPStore;
import org.switchboard.core.common.AccessDeniedException;
import org.switchboard.core.common.Callers;
import org.switchboard.core.common.ConcurrentChangeException;
import org.switchboard.core.common.InvalidInputException;
import org.switchboard.core.common.ProviderException;
import org.switchboard.core.common.RecordNotFoundException;
import org.switchboard.core.common.RuleViolationException;
import org.switchboard.core.common.SecretCipher;
import org.switchboard.core.exchange.EntraApp;
import org.switchboard.core.exchange.EntraException;
import org.switchboard.core.exchange.EwsCredentials;
import org.switchboard.core.exchange.EwsException;
import org.switchboard.core.exchange.EwsMailClient;
import org.switchboard.core.exchange.EwsMailbox;
import org.switchboard.core.exchange.GraphException;
import org.switchboard.core.exchange.GraphMailClient;
import org.switchboard.core.exchange.GraphMailbox;
import org.switchboard.core.exchange.MicrosoftOAuth;
import org.switchboard.core.exchange.MicrosoftTokenStore;
import org.switchboard.core.exchange.MicrosoftTokens;
import org.switchboard.core.mail.MailProviderRules;
import org.switchboard.core.mail.MailProviderService;
import org.switchboard.core.mail.MailProviderView;
import org.switchboard.model.mail.MailAuthentication;
import org.switchboard.model.mail.MailProvider;
import org.switchboard.model.mailbox.EmailMessage;
import org.switchboard.model.mailbox.Mailbox;
import org.switchboard.model.mailbox.MailboxFolder;
import org.switchboard.model.mailbox.SkippedEmail;
import org.switchboard.model.security.User;

/**
 * A user's mailboxes (MB-01, MB-02, MB-07, MB-08, SM-01..SM-04): the wizard that detects the provider, tries a real
 * IMAP and SMTP log-in and only then creates the mailbox with its defaults; the list and state of one's mailboxes,
 * their settings and credentials; "load mail now". Every method works on the caller's own mailboxes and those shared
 * with them, as far as {@link MailboxRights} allows; any other mailbox is "not found". No transaction is open while a
 * mail server is asked. Reading the e-mails loaded is {@link EmailService}'s.
 */
@Stateless
@PermitAll
public class MailboxService {

    private static final Logger LOG = Logger.getLogger(MailboxService.class.getName());
    public static final int PAGE_MAX = 200;

    @PersistenceContext
    private EntityManager em;

    @Resource
    private SessionContext context;

    @Inject
    private MailboxService self;

    @Inject
    private MailProviderService providers;

    @Inject
    private MailConnector connector;

    @Inject
    private MailboxSyncService syncs;

    @Inject
    private SecretCipher cipher;

    @Inject
    private MailboxAccessPolicy policy;

    @Inject
    private MailboxAccessService access;

    @Inject
    private Clock clock;

    @Inject
    private MailboxLogInLimit logInLimit;

    @Inject
    private MicrosoftOAuth oauth;

    @Inject
    private MicrosoftTokenStore tokens;

    @Inject
    private GraphMailClient graph;

    @Inject
    private EwsMailClient ews;

    /**
     * What the wizard checked before it logs in: the address, the provider, the log-in name, shared or not; the IMAP
     * and SMTP servers, or for an Exchange Server ({@code ews}) its EWS address with the sign-in but the password.
     */
    public record ConnectPlan(String address, long providerId, boolean learnDomain, MailServer imap, MailServer smtp,
            String login, boolean shared, MailProvider ews) {
    }

    /**
     * MB-01: detects or takes the provider, logs in to its IMAP server (and its SMTP server unless it only
     * receives, MP-13), and creates the mailbox with MB-08's defaults. A refused log-in is an error on the password
     * field with the server's words; an unreachable host or a TLS failure names the host. Nothing is created then.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MailboxView connect(MailboxConnectRequest request) {
        String password = MailboxRules.password(request.password());
        ConnectPlan plan = self.plan(request);
        tryLogIn(plan, password);
        return self.create(plan, password);
    }

    /** Checks the wizard's input and finds the provider (MP-04), without talking to any server. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ConnectPlan plan(MailboxConnectRequest request) {
        Target target = target(request);
        MailProvider provider = target.provider();
        MailTransport transport = MailTransport.of(provider);
        if (signsInWithMicrosoft(provider)) {
            // MO-01: Microsoft 365 and hybrid Exchange take no password; the wizard signs in with Microsoft instead.
            throw new RuleViolationException("error.mailbox.signInWithMicrosoft", "providerId", provider.getName());
        }
        if (provider.getAuthentication() == MailAuthentication.OAUTH2) {
            throw new RuleViolationException("error.mailbox.oauthNotYet", "providerId", provider.getName());
        }
        String login = MailboxRules.login(provider.getLoginFormat(), target.address(), request.login());
        if (transport == MailTransport.EWS) {
            em.detach(provider);
            return new ConnectPlan(target.address(), provider.getId(), target.learnDomain(), null, null, login,
                    target.shared(), provider);
        }
        MailServer imap = MailServer.imap(provider);
        MailServer smtp = MailServer.smtp(provider);
        return new ConnectPlan(target.address(), provider.getId(), target.learnDomain(), imap, smtp, login,
                target.shared(), null);
    }

    /** The checked address, its provider (detected or picked), and whether it is to be shared. */
    private record Target(String address, MailProvider provider, boolean learnDomain, boolean shared) {
    }

    private Target target(MailboxConnectRequest request) {
        me();
        boolean shared = Boolean.TRUE.equals(request.shared());
        if (shared && !policy.holdsSharingOperations()) {
            // SM-01: before any log-in is tried.
            throw new AccessDeniedException("error.mailbox.sharingNeedsOperations", "shared");
        }
        String address = MailboxRules.address(request.address());
        if (!em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class).setParameter("address", address)
                .getResultList().isEmpty()) {
            throw new RuleViolationException("error.mailbox.addressTaken", "address", address);
        }
        MailProviderView detected = providers.detect(address).orElse(null);
        MailProvider provider;
        if (request.providerId() != null) {
            provider = em.find(MailProvider.class, request.providerId());
            if (provider == null) {
                throw new InvalidInputException("validation.mailbox.unknownProvider", "providerId",
                        request.providerId());
            }
        } else if (detected != null) {
            provider = em.find(MailProvider.class, detected.id());
        } else {
            throw new InvalidInputException("validation.mailbox.providerNotDetected", "providerId",
                    MailboxRules.domain(address));
        }
        return new Target(address, provider, detected == null, shared);
    }

    // MO-01, MB-01, MB-12: mailboxes signed in with Microsoft

    /**
     * The wizard's "Sign in with Microsoft" (MO-01): checks the address and the provider as {@link #plan} does, and
     * starts a sign-in (authorization code with PKCE, {@code login_hint} the log-in) whose callback comes back to
     * {@code redirectUri}. Nothing is stored; the caller keeps the returned sign-in in the user's session.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public MicrosoftMailboxSignIn beginMicrosoft(MailboxConnectRequest request, String redirectUri) {
        Target target = target(request);
        MailProvider provider = microsoftProvider(target.provider());
        String login = MailboxRules.login(provider.getLoginFormat(), target.address(), request.login());
        return new MicrosoftMailboxSignIn(oauth.begin(provider.getOauthTenant(), provider.getOauthClientId(),
                redirectUri, login, MicrosoftTokenStore.scopes(provider)), provider.getId(), target.address(), login,
                target.shared(), target.learnDomain(), null);
    }

    /**
     * MB-12 "Change account settings" of a mailbox signed in with Microsoft, and MO-02's "sign in again": a new
     * sign-in for the mailbox the caller may configure, hinted with its log-in.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public MicrosoftMailboxSignIn beginMicrosoftAgain(long id, String redirectUri) {
        Mailbox mailbox = allowed(id, policy.rights().canConfigure(id));
        MailProvider provider = microsoftProvider(mailbox.getProvider());
        return new MicrosoftMailboxSignIn(oauth.begin(provider.getOauthTenant(), provider.getOauthClientId(),
                redirectUri, mailbox.getLogin(), MicrosoftTokenStore.scopes(provider)), provider.getId(),
                mailbox.getAddress(), mailbox.getLogin(), mailbox.isShared(), false, id);
    }

    /**
     * MO-01: whether the provider's mailboxes sign in with Microsoft: Microsoft 365 always (Graph), an Exchange Server
     * when it is set to OAuth 2.0 (hybrid modern authentication over EWS).
     */
    static boolean signsInWithMicrosoft(MailProvider provider) {
        MailTransport transport = MailTransport.of(provider);
        return transport == MailTransport.GRAPH
                || transport == MailTransport.EWS && provider.getAuthentication() == MailAuthentication.OAUTH2;
    }

    private static MailProvider microsoftProvider(MailProvider provider) {
        if (!signsInWithMicrosoft(provider)) {
            throw new RuleViolationException("error.mailbox.notMicrosoft", "providerId", provider.getName());
        }
        if (provider.getAuthentication() != MailAuthentication.OAUTH2 || provider.getOauthTenant() == null) {
            // MP-03: the seeded "Outlook / Microsoft 365" provider has no Entra ID application until an admin sets one.
            throw new RuleViolationException("error.mailbox.microsoftNotSetUp", "providerId", provider.getName());
        }
        return provider;
    }

    /**
     * Completes a sign-in with Microsoft from its callback (MO-01): redeems the code (the {@code state} checked
     * against the one kept), proves that the token reaches the mailbox by listing its folders, and only then creates
     * the mailbox with its tokens, or, for a sign-in again (MB-12, MO-02), stores the new tokens, clears the flag and
     * asks for a sync. Entra's or Graph's refusal is an error with their words; nothing is stored then.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MailboxView connectMicrosoft(MicrosoftMailboxSignIn pending, String state, String code) {
        EntraApp app = self.entraApp(pending.providerId());
        MicrosoftTokens tokens;
        try {
            tokens = oauth.redeem(app, pending.signIn(), state, code);
        } catch (EntraException e) {
            LOG.info(() -> "Microsoft sign-in for " + pending.address() + " refused: " + e.getMessage());
            throw new ProviderException("error.mailbox.microsoftRefused", null, e.getMessage());
        }
        URI ewsUrl = self.ewsUrl(pending.providerId());
        try {
            if (ewsUrl == null) {
                graph.folders(new GraphMailbox(pending.address(), true, tokens.accessToken()));
            } else {
                // Hybrid Exchange: the token must open the mailbox over EWS (a shared one through the user's rights).
                ews.folders(new EwsMailbox(ewsUrl, pending.address(), new EwsCredentials.Bearer(tokens.accessToken()),
                        !pending.login().equalsIgnoreCase(pending.address())), null);
            }
        } catch (GraphException | EwsException e) {
            LOG.info(() -> "Microsoft mailbox " + pending.address() + " not reachable with the new sign-in: "
                    + e.getMessage());
            throw new ProviderException("error.mailbox.microsoftNoAccess", null, pending.address(), e.getMessage());
        }
        if (pending.mailboxId() != null) {
            MailboxView again = self.signedInAgain(pending.mailboxId(), pending.address(), tokens);
            syncs.runInBackground(again.id());
            return again;
        }
        return self.createMicrosoft(pending, tokens);
    }

    /** The provider's Entra ID application, its secret decrypted. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public EntraApp entraApp(long providerId) {
        MailProvider provider = em.find(MailProvider.class, providerId);
        if (provider == null) {
            throw new RecordNotFoundException("MailProvider", providerId);
        }
        return tokens.app(microsoftProvider(provider));
    }

    /** The EWS address of a provider signed in with Microsoft over EWS, or null for Microsoft 365 (Graph). */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public URI ewsUrl(long providerId) {
        MailProvider provider = em.find(MailProvider.class, providerId);
        if (provider == null) {
            throw new RecordNotFoundException("MailProvider", providerId);
        }
        return MailTransport.of(provider) == MailTransport.EWS
                ? MailProviderRules.ewsEndpoint(provider.getServiceAddress()) : null;
    }

    /** Creates a mailbox signed in with Microsoft, with its tokens, in one transaction. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public MailboxView createMicrosoft(MicrosoftMailboxSignIn pending, MicrosoftTokens issued) {
        if (pending.shared() && !policy.holdsSharingOperations()) {
            throw new AccessDeniedException("error.mailbox.sharingNeedsOperations", "shared");
        }
        Mailbox mailbox = newMailbox(pending.address(), pending.providerId(), pending.login(), null,
                pending.shared(), pending.learnDomain());
        tokens.save(mailbox.getId(), issued);
        return view(mailbox, 0, policy.rights());
    }

    /** MB-12, MO-02: the new tokens of a mailbox signed in again; the flag goes and a sync is asked for. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public MailboxView signedInAgain(long id, String address, MicrosoftTokens issued) {
        MailboxRights rights = policy.rights();
        Mailbox mailbox = allowed(id, rights.canConfigure(id));
        if (!mailbox.getAddress().equals(address)) {
            throw new RecordNotFoundException("Mailbox", id);
        }
        tokens.save(id, issued);
        em.createNamedQuery(Mailbox.SIGNED_IN).setParameter("id", id).executeUpdate();
        em.refresh(mailbox);
        LOG.info(() -> "Mailbox " + address + " signed in with Microsoft again by " + Callers.login(context));
        return view(mailbox, count(id), rights);
    }

    /** Creates the mailbox after a successful log-in, with MB-08's defaults; teaches the lookup a picked domain. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public MailboxView create(ConnectPlan plan, String password) {
        Mailbox mailbox = newMailbox(plan.address(), plan.providerId(), plan.login(), cipher.encrypt(password),
                plan.shared(), plan.learnDomain());
        return view(mailbox, 0, policy.rights());
    }

    private Mailbox newMailbox(String address, long providerId, String login, String encryptedPassword,
            boolean shared, boolean learnDomain) {
        User owner = me();
        if (!em.createNamedQuery(Mailbox.BY_ADDRESS, Mailbox.class).setParameter("address", address)
                .getResultList().isEmpty()) {
            throw new RuleViolationException("error.mailbox.addressTaken", "address", address);
        }
        OffsetDateTime now = OffsetDateTime.now(clock);
        Mailbox mailbox = new Mailbox(owner, em.find(MailProvider.class, providerId), address, now);
        mailbox.setLogin(login);
        mailbox.setPassword(encryptedPassword);
        mailbox.setShared(shared);
        // MB-08: default sender only when the user has no other mailbox that is.
        mailbox.setDefaultSender(em.createNamedQuery(Mailbox.OF_OWNER, Mailbox.class)
                .setParameter("ownerId", owner.getId()).getResultStream().noneMatch(Mailbox::isDefaultSender));
        em.persist(mailbox);
        try {
            // Now, so that the same address connected meanwhile by another user (two wizards at once) is refused by
            // the unique key with the usual message instead of an error at the commit.
            em.flush();
        } catch (PersistenceException e) {
            LOG.info(() -> "Mailbox " + address + " not created, a unique key refused it: " + e);
            throw new RuleViolationException("error.mailbox.addressTaken", "address", address);
        }
        if (learnDomain) {
            providers.learnDomain(MailboxRules.domain(address), providerId);
        }
        LOG.info(() -> "Mailbox " + address + (shared ? " connected as shared by " : " connected by ")
                + owner.getLogin());
        return mailbox;
    }

    /**
     * The caller's mailboxes (MB-06): their own and the shared ones they may send from or configure (SM-02), each
     * marked with its owner.
     */
    public List<MailboxView> myMailboxes() {
        MailboxRights rights = policy.rights();
        return views(rights.listedMailboxIds(), rights);
    }

    /**
     * SM-02, MB-03: the mailboxes the caller may send from ("From"): their own and those shared with them with
     * <em>send</em>, where "send mail" is on. The owner's default sender is theirs only ({@code owned}).
     */
    public List<MailboxView> senderMailboxes() {
        MailboxRights rights = policy.rights();
        return views(rights.senderMailboxIds(), rights);
    }

    private List<MailboxView> views(List<Long> ids, MailboxRights rights) {
        List<MailboxView> views = new ArrayList<>();
        if (ids.isEmpty()) {
            return views;
        }
        for (Mailbox mailbox : em.createNamedQuery(Mailbox.BY_IDS, Mailbox.class).setParameter("ids", ids)
                .getResultList()) {
            views.add(view(mailbox, count(mailbox.getId()), rights));
        }
        return views;
    }

    /** One of the caller's mailboxes, or one shared with them that they may send from or configure. */
    public MailboxView mailbox(long id) {
        MailboxRights rights = policy.rights();
        Mailbox mailbox = allowed(id, rights.canSee(id));
        return view(mailbox, count(id), rights);
    }

    /** "Start loading mail" (MB-01) or "load new mail now": the sync runs in the background at once. */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MailboxView requestSync(long id) {
        self.markRequested(id);
        // After the commit: the run claims the request, and the timer would pick it up if this start were lost.
        syncs.runInBackground(id);
        return self.mailbox(id);
    }

    /**
     * Records the request in the mailbox, so that a run starts even if this node stops now. A mailbox that is loading
     * already is refused with its progress: the run in progress loads what there is.
     */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public void markRequested(long id) {
        Mailbox mailbox = allowed(id, policy.rights().canSee(id));
        OffsetDateTime claimedUntil = mailbox.getSyncClaimedUntil();
        if (claimedUntil != null && claimedUntil.isAfter(OffsetDateTime.now(clock))) {
            throw new RuleViolationException("error.mailbox.alreadyLoading", null, mailbox.getAddress(),
                    mailbox.getSyncLoaded(), mailbox.getSyncPlanned());
        }
        // A bulk update: the sync's columns are not the entity's to write.
        em.createNamedQuery(Mailbox.REQUEST_SYNC).setParameter("id", id).executeUpdate();
    }

    /**
     * The settings page of a mailbox the caller may configure (owner or <em>configure</em>), with the folders the
     * server reported (MB-10) and the access list (SM-04).
     */
    public MailboxSettings settings(long id) {
        MailboxRights rights = policy.rights();
        Mailbox mailbox = allowed(id, rights.canConfigure(id));
        List<MailboxSettings.Folder> folders = em.createNamedQuery(MailboxFolder.OF_MAILBOX, MailboxFolder.class)
                .setParameter("mailboxId", id).getResultStream()
                .map(f -> new MailboxSettings.Folder(f.getFullName(), f.isSelected())).toList();
        return new MailboxSettings(view(mailbox, count(id), rights), mailbox.getSignatureHtml(), folders,
                rights.canManageAccess(id, policy.holdsSharingOperations()), access.accessList(id));
    }

    /**
     * Saves the settings (MB-02, MB-03, MB-09..MB-11) of a mailbox the caller may configure. Selected folders need at
     * least one ticked (MB-10), and only folders the server reported can be ticked; a ticked parent does not include
     * its subfolders. Making this mailbox the default sender takes it from the user's other mailbox (MB-09); the
     * default sender is the owner's, so only the owner changes it. Switching "access for other users" on needs both
     * shared-mailbox operations (SM-01, 403 otherwise). The load period cannot change once the first sync has fixed
     * where the load starts (MB-02, 400 on {@code loadPeriod}).
     */
    public MailboxView updateSettings(long id, long expectedVersion, MailboxSettingsDraft draft) {
        MailboxRights rights = policy.rights();
        Mailbox mailbox = allowed(id, rights.canConfigure(id));
        if (mailbox.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("Mailbox", mailbox.getAddress());
        }
        MailboxSettingsDraft checked = MailboxRules.settings(draft);
        MailboxRules.loadPeriodChange(mailbox.getLoadPeriod(), checked.loadPeriod(), mailbox.getLoadSince() != null);
        boolean sharing = checked.shared() == null ? mailbox.isShared() : checked.shared();
        if (sharing != mailbox.isShared()) {
            if (!rights.canSwitchSharing(id, sharing, policy.holdsSharingOperations())) {
                throw new AccessDeniedException("error.mailbox.sharingNeedsOperations", "shared");
            }
            LOG.info(() -> "Mailbox " + mailbox.getAddress() + (sharing ? " shared" : " no longer shared") + " by "
                    + Callers.login(context));
        }
        List<MailboxFolder> folders = em.createNamedQuery(MailboxFolder.OF_MAILBOX, MailboxFolder.class)
                .setParameter("mailboxId", id).getResultList();
        Set<String> known = new HashSet<>();
        folders.forEach(f -> known.add(f.getFullName()));
        for (String name : checked.selectedFolders()) {
            if (!known.contains(name)) {
                throw new InvalidInputException("validation.mailbox.unknownFolder", "selectedFolders", name);
            }
        }
        folders.forEach(f -> f.setSelected(checked.selectedFolders().contains(f.getFullName())));
        mailbox.setLoadPeriod(checked.loadPeriod());
        mailbox.setAutoSync(checked.autoSync());
        mailbox.setAllFolders(checked.allFolders());
        mailbox.setSendEnabled(checked.sendEnabled());
        mailbox.setUseAlias(checked.useAlias());
        mailbox.setAlias(checked.alias());
        mailbox.setUseSignature(checked.useSignature());
        mailbox.setSignatureHtml(checked.signatureHtml());
        mailbox.setShared(sharing);
        if (rights.isOwner(id)) {
            if (checked.defaultSender() && !mailbox.isDefaultSender()) {
                em.createNamedQuery(Mailbox.OF_OWNER, Mailbox.class)
                        .setParameter("ownerId", mailbox.getOwner().getId()).getResultStream()
                        .filter(m -> !m.getId().equals(id)).forEach(m -> m.setDefaultSender(false));
            }
            mailbox.setDefaultSender(checked.defaultSender());
        }
        em.flush();
        return view(mailbox, count(id), rights);
    }

    /**
     * "Change account settings" (MB-12): a new password (and log-in, for providers whose login format is entered by
     * hand) is tried against the servers first; only an accepted one replaces the stored one.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public MailboxView changeCredentials(long id, String login, String password) {
        String checkedPassword = MailboxRules.password(password);
        MailboxView mailbox = self.mailbox(id);
        ConnectPlan plan = self.replan(id, login);
        tryLogIn(plan, checkedPassword);
        return self.storeCredentials(id, mailbox.version(), plan.login(), checkedPassword);
    }

    /** The servers and log-in of an existing mailbox, for {@link #changeCredentials}. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public ConnectPlan replan(long id, String login) {
        Mailbox mailbox = allowed(id, policy.rights().canConfigure(id));
        MailProvider provider = mailbox.getProvider();
        String checkedLogin = MailboxRules.login(provider.getLoginFormat(), mailbox.getAddress(),
                login == null || login.isBlank() ? mailbox.getLogin() : login);
        if (MailTransport.of(provider) == MailTransport.GRAPH) {
            // MB-12: a Microsoft 365 mailbox changes its account by signing in with Microsoft again.
            throw new RuleViolationException("error.mailbox.signInWithMicrosoft", "providerId", provider.getName());
        }
        if (MailTransport.of(provider) == MailTransport.EWS) {
            em.detach(provider);
            return new ConnectPlan(mailbox.getAddress(), provider.getId(), false, null, null, checkedLogin,
                    mailbox.isShared(), provider);
        }
        MailServer imap = MailServer.imap(provider);
        MailServer smtp = MailServer.smtp(provider);
        return new ConnectPlan(mailbox.getAddress(), provider.getId(), false, imap, smtp, checkedLogin,
                mailbox.isShared(), null);
    }

    /** Stores credentials that the servers accepted. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public MailboxView storeCredentials(long id, long expectedVersion, String login, String password) {
        MailboxRights rights = policy.rights();
        Mailbox mailbox = allowed(id, rights.canConfigure(id));
        if (mailbox.getVersion() != expectedVersion) {
            throw new ConcurrentChangeException("Mailbox", mailbox.getAddress());
        }
        mailbox.setLogin(login);
        mailbox.setPassword(cipher.encrypt(password));
        em.flush();
        LOG.info(() -> "Credentials of mailbox " + mailbox.getAddress() + " changed by " + Callers.login(context));
        return view(mailbox, count(id), rights);
    }

    private void tryLogIn(ConnectPlan plan, String password) {
        String caller = Callers.login(context);
        logInLimit.check(caller);
        if (plan.ews() != null) {
            tryEws(plan, password, caller);
            return;
        }
        MailServer server = plan.imap();
        try {
            try (IMAPStore store = connector.openImap(server, plan.login(), password)) {
                LOG.fine(() -> "IMAP log-in of " + plan.address() + " accepted by " + server.host());
            }
            if (plan.smtp() != null) {
                connector.checkSmtp(plan.smtp(), plan.login(), password);
            }
        } catch (MessagingException | RuntimeException e) {
            MailFailure failure = MailFailure.of(e);
            String host = plan.smtp() != null && isSmtp(e) ? plan.smtp().host() : server.host();
            // The exceptions' own texts are for the administrator: the caller sees the failure's words only.
            LOG.info(() -> "Log-in of " + plan.address() + " failed: " + failure + " (" + MailFailure.describe(e)
                    + ")");
            if (failure.reason() == MailFailure.Reason.AUTHENTICATION) {
                logInLimit.failed(caller);
                throw new InvalidInputException(failure.reason().messageKey(), "password", host, failure.detail());
            }
            throw new ProviderException(failure.reason().messageKey(), null, host, failure.detail());
        }
    }

    /** MB-01, MP-03: an Exchange Server's sign-in is tried by listing the mailbox's folders over EWS. */
    private void tryEws(ConnectPlan plan, String password, String caller) {
        EwsMailbox mailbox = EwsAccess.mailbox(plan.ews(), plan.address(), plan.login(), password);
        String host = mailbox.url().getHost();
        try {
            ews.folders(mailbox, null);
            LOG.fine(() -> "EWS sign-in of " + plan.address() + " accepted by " + host);
        } catch (EwsException e) {
            LOG.info(() -> "EWS sign-in of " + plan.address() + " failed: " + e.outcome() + " " + e.getMessage());
            if (e.outcome() == EwsException.Outcome.SIGN_IN_FAILED) {
                logInLimit.failed(caller);
                throw new InvalidInputException(MailFailure.Reason.AUTHENTICATION.messageKey(), "password", host,
                        e.getMessage());
            }
            throw new ProviderException(e.outcome() == EwsException.Outcome.UNAVAILABLE
                    ? MailFailure.Reason.UNREACHABLE.messageKey() : MailFailure.Reason.SERVER.messageKey(), null,
                    host, e.getMessage());
        }
    }

    private static boolean isSmtp(Throwable failure) {
        for (StackTraceElement frame : failure.getStackTrace()) {
            if (frame.getClassName().contains(".smtp.")) {
                return true;
            }
        }
        return false;
    }

    /**
     * The messages of the mailbox that a sync could not read or store (MB-02), newest first, for its settings page;
     * for those who may configure it.
     */
    public List<SkippedMailView> skipped(long id) {
        allowed(id, policy.rights().canConfigure(id));
        return em.createNamedQuery(SkippedEmail.OF_MAILBOX, SkippedEmail.class).setParameter("mailboxId", id)
                .getResultList().stream().map(s -> view(s)).toList();
    }

    /**
     * "Retry" of a skipped message (MB-02): read from the server again and stored, or still unreadable with the new
     * reason, or forgotten when the server no longer holds it. No transaction is open while the server is asked.
     */
    @TransactionAttribute(TransactionAttributeType.NOT_SUPPORTED)
    public SkippedRetry retrySkipped(long id, long skippedId) {
        SkippedMailView row = self.skippedOne(id, skippedId);
        return syncs.retry(id, row.id(), row.folder(), row.uidValidity(), row.uid());
    }

    /** One skipped message of the mailbox, for those who may configure it; "not found" otherwise. */
    @TransactionAttribute(TransactionAttributeType.REQUIRED)
    public SkippedMailView skippedOne(long id, long skippedId) {
        allowed(id, policy.rights().canConfigure(id));
        SkippedEmail row = em.find(SkippedEmail.class, skippedId);
        if (row == null || row.getMailbox().getId() != id) {
            throw new RecordNotFoundException("SkippedEmail", skippedId);
        }
        return view(row);
    }

    private static SkippedMailView view(SkippedEmail row) {
        return new SkippedMailView(row.getId(), row.getFolder().getFullName(), row.getUidValidity(), row.getUid(),
                row.getReason(), row.getSkippedAt(), row.getAttempts());
    }

    /** The mailbox when the caller's rights allow the use; otherwise "not found", so that it stays unseen. */
    private Mailbox allowed(long id, boolean allowed) {
        Mailbox mailbox = allowed ? em.find(Mailbox.class, id) : null;
        if (mailbox == null) {
            throw new RecordNotFoundException("Mailbox", id);
        }
        return mailbox;
    }

    private User me() {
        String login = Callers.login(context);
        return em.createNamedQuery(User.BY_LOGIN, User.class).setParameter("login", login).getResultStream()
                .findFirst().orElseThrow(() -> new RecordNotFoundException("User", login));
    }

    private long count(long mailboxId) {
        return em.createNamedQuery(EmailMessage.COUNT_OF_MAILBOX, Long.class).setParameter("mailboxId", mailboxId)
                .getSingleResult();
    }


    private MailboxView view(Mailbox m, long emailCount, MailboxRights rights) {
        // Requested, or claimed by a run that has not yet marked the mailbox SYNCING: the panel keeps watching.
        boolean pending = m.isSyncRequested() || m.getSyncClaimedUntil() != null
                && m.getSyncClaimedUntil().isAfter(OffsetDateTime.now(clock));
        return new MailboxView(m.getId(), m.getVersion(), m.getAddress(), m.getProvider().getId(),
                m.getProvider().getName(), m.getLogin(), m.getStatus(), m.getLastError(), m.getLastErrorAt(),
                m.getLoadPeriod(), m.getLoadSince() != null, m.isAutoSync(), m.isAllFolders(), m.isSendEnabled(), m.isDefaultSender(),
                m.isUseAlias(), m.getAlias(), m.isUseSignature(), m.isShared(), m.getLastSyncAt(),
                m.getNextSyncAt(), pending, m.getSyncPlanned(), m.getSyncLoaded(), emailCount,
                rights.isOwner(m.getId()), m.getOwner().getDisplayName(), rights.canConfigure(m.getId()),
                MailTransport.of(m.getProvider()), m.getSignInReason(), m.getSignInNeededAt(),
                signsInWithMicrosoft(m.getProvider()));
    }
}
