package org.switchboard.web.chat;

import jakarta.faces.view.ViewScoped;
import jakarta.inject.Inject;
import jakarta.inject.Named;
import java.io.IOException;
import java.io.Serial;
import java.io.Serializable;
import java.util.List;
import java.util.Map;
import org.omnifaces.cdi.Param;
import org.omnifaces.cdi.param.ParamValue;
import org.switchboard.core.chat.ChatSettingsService;
import org.switchboard.core.chat.QuickReplyDraft;
import org.switchboard.core.chat.QuickReplyView;
import org.switchboard.core.common.BusinessException;
import org.switchboard.web.common.RecordPages;
import org.switchboard.web.common.UiErrors;

/** A quick-reply template's card (CH-11): language, title, text. Deleting asks first. */
@Named
@ViewScoped
public class QuickReplyBacking implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;
    private static final Map<String, String> FIELDS = Map.of("language", "reply:language", "title", "reply:title",
            "body", "reply:body");

    @Inject
    private ChatSettingsService settings;

    @Inject
    @Param
    private ParamValue<Long> id;

    private QuickReplyView reply;
    private List<String> languages;
    private String language;
    private String title;
    private String body;

    /** Loads the reply of the page's {@code id} parameter, or prepares a new one when there is none. */
    public void load() throws IOException {
        if (languages != null) {
            return;
        }
        languages = settings.languages();
        language = languages.get(0);
        reply = RecordPages.loadOrNew(id, settings::quickReply, "designer_quickreply.notFound", ChatCards.LIST);
        if (reply != null) {
            language = reply.language();
            title = reply.title();
            body = reply.body();
        }
    }

    public void save() throws IOException {
        QuickReplyDraft draft = new QuickReplyDraft(language, title, body);
        try {
            QuickReplyView saved = reply == null ? settings.createQuickReply(draft)
                    : settings.updateQuickReply(reply.id(), reply.version(), draft);
            ChatCards.backToList(reply == null ? "designer_quickreply.created" : "designer_quickreply.saved",
                    saved.title());
        } catch (BusinessException e) {
            UiErrors.show(e, FIELDS);
        }
    }

    public void delete() throws IOException {
        try {
            settings.deleteQuickReply(reply.id());
            ChatCards.backToList("designer_quickreply.deleted", reply.title());
        } catch (BusinessException e) {
            UiErrors.show(e);
        }
    }

    public boolean isNew() {
        return reply == null;
    }

    public QuickReplyView getReply() {
        return reply;
    }

    public List<String> getLanguages() {
        return languages;
    }

    public String getLanguage() {
        return language;
    }

    public void setLanguage(String language) {
        this.language = language;
    }

    public String getTitle() {
        return title;
    }

    public void setTitle(String title) {
        this.title = title;
    }

    public String getBody() {
        return body;
    }

    public void setBody(String body) {
        this.body = body;
    }
}
