package org.switchboard.web.chat;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.omnifaces.util.Faces;
import org.omnifaces.util.Messages;
import org.switchboard.core.chat.ChatQueueView;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.chat.facebook.FacebookChannelSetup;
import org.switchboard.core.chat.facebook.FacebookChannelSetup.Connected;
import org.switchboard.core.chat.facebook.FacebookChannelSetup.PageChoice;
import org.switchboard.core.common.BusinessException;
import org.switchboard.core.broker.BrokerSignIn;
import org.switchboard.web.broker.BrokerSignIns;
import org.switchboard.web.common.SignIns;
import org.switchboard.web.common.UiErrors;

/**
 * The page picker after signing in to Facebook (FB-02, FB-03): the pages the administrator manages, those whose
 * messages they may not manage shown as unavailable with why, ticked ones becoming channels, inactive, with the queue
 * and language chosen here. The pages' tokens stay in this view on the server, never in the browser.
 */
@Named
@ViewScoped
public class FacebookPagesBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    @Inject
    private FacebookChannelSetup setup;

    @Inject
    private ChatSettingsService chatSettings;

    @Inject
    private BrokerSignIns signIns;

    private boolean loaded;
    private List<PageChoice> pages = List.of();
    private List<String> picked = new ArrayList<>();
    private List<ChatQueueView> queues = List.of();
    private List<String> languages = List.of();
    private Long queueId;
    private String language;
    private boolean failed;

    /** Completes the sign-in the broker answered and lists the pages; a refusal is shown with its cause. */
    public void load() {
        if (loaded) {
            return;
        }
        loaded = true;
        queues = chatSettings.queues();
        languages = chatSettings.languages();
        language = languages.get(0);
        queueId = queues.isEmpty() ? null : queues.get(0).id();
        Optional<SignIns.Answered<BrokerSignIn>> answered = signIns.take(Faces.getRequestParameter("signIn"));
        if (answered.isEmpty()) {
            failed = true;
            Messages.addGlobalError("error.broker.unknownState");
            return;
        }
        SignIns.Answered<BrokerSignIn> answer = answered.get();
        if (answer.failureKey() != null) {
            failed = true;
            Messages.addGlobalError(answer.failureKey(), answer.failureArguments().toArray());
            return;
        }
        if (answer.code() == null) {
            failed = true;
            String reason = answer.errorDescription() != null ? answer.errorDescription()
                    : answer.error() != null ? answer.error() : "";
            Messages.addGlobalError("error.broker.signInRefused", reason);
            return;
        }
        try {
            pages = setup.pages(answer.signIn(), answer.code());
            for (PageChoice choice : pages) {
                if (choice.page().messaging() && choice.channelId() == null) {
                    picked.add(choice.page().id());
                }
            }
            if (pages.isEmpty()) {
                Messages.addGlobalWarn("designer_facebook.noPages");
            }
        } catch (BusinessException e) {
            failed = true;
            UiErrors.show(e);
        }
    }

    /** Makes the channels of the ticked pages and goes back to the channel list, saying what was done. */
    public void connect() throws IOException {
        List<PageChoice> chosen = pages.stream().filter(c -> picked.contains(c.page().id())).toList();
        try {
            Connected done = setup.connect(chosen, queueId, language);
            ChatCards.backToList("designer_facebook.connected", done.created().size(), done.renewed().size());
        } catch (BusinessException e) {
            UiErrors.show(e, Map.of("pages", "pages:pages", "queueId", "pages:queue",
                    "language", "pages:language"));
        }
    }

    public List<PageChoice> getPages() {
        return pages;
    }

    /** The pages that can be picked: those whose messages the administrator may manage. */
    public List<PageChoice> getAvailable() {
        return pages.stream().filter(c -> c.page().messaging()).toList();
    }

    /** The pages listed as unavailable: without the MESSAGING task. */
    public List<PageChoice> getUnavailable() {
        return pages.stream().filter(c -> !c.page().messaging()).toList();
    }

    public boolean isFailed() {
        return failed;
    }

    public List<String> getPicked() {
        return picked;
    }

    public void setPicked(List<String> picked) {
        this.picked = picked == null ? new ArrayList<>() : new ArrayList<>(picked);
    }

    public List<ChatQueueView> getQueues() {
        return queues;
    }

    public List<String> getLanguages() {
        return languages;
    }

    public Long getQueueId() {
        return queueId;
    }

    public void setQueueId(Long queueId) {
        this.queueId = queueId;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }
}
