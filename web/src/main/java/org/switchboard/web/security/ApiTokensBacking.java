package org.switchboard.web.security;

import jakarta.annotation.PostConstruct;
import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.Serial;
import java.io.Serializable;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.omnifaces.util.Messages;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.security.ApiTokenService;
import org.switchboard.core.security.ApiTokenView;
import org.switchboard.core.security.NewApiToken;
import org.switchboard.web.common.UiErrors;

/**
 * The "API tokens" card of the profile page (X-02, issue 18): the signed-in user's personal API tokens, creating one,
 * whose secret this page shows once, and revoking one after asking.
 */
@Named
@ViewScoped
public class ApiTokensBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private ApiTokenService tokens;

    private List<ApiTokenView> list;
    private String name;
    private LocalDate expiresOn;
    /** The secret of the token just created, until the next action: transient, so that no stored session has it. */
    private transient String createdToken;

    @PostConstruct
    void load() {
        list = tokens.listOwn();
    }

    public void create() {
        createdToken = null;
        try {
            NewApiToken created = tokens.create(name, expiresOn);
            createdToken = created.token();
            Messages.addGlobalInfo("profile.apiTokens.created", created.view().name());
            name = null;
            expiresOn = null;
            list = tokens.listOwn();
        } catch (BusinessException e) {
            UiErrors.show(e, Map.of("name", "apiTokens:name", "expiresOn", "apiTokens:expiresOn"));
        }
    }

    public void revoke(ApiTokenView token) {
        createdToken = null;
        try {
            tokens.revokeOwn(token.id());
            Messages.addGlobalInfo("profile.apiTokens.revoked", token.name());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
        list = tokens.listOwn();
    }

    /** The earliest last day a new token may have: today in UTC. */
    public LocalDate getToday() {
        return LocalDate.now(ZoneOffset.UTC);
    }

    public List<ApiTokenView> getTokens() {
        return list;
    }

    public String getCreatedToken() {
        return createdToken;
    }

    public String getName() {
        return name;
    }

    public void setName(String name) {
        this.name = name;
    }

    public LocalDate getExpiresOn() {
        return expiresOn;
    }

    public void setExpiresOn(LocalDate expiresOn) {
        this.expiresOn = expiresOn;
    }
}
