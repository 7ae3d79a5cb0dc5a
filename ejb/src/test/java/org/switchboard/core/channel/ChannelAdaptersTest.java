package org.switchboard.core.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.tngtech.archunit.core.domain.JavaClass;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.DisplayName;
import org.junit.jupiter.api.Test;
import org.switchboard.core.CoreClasses;
import org.switchboard.core.channel.custom.CustomAdapter;
import org.switchboard.core.channel.telegram.TelegramAdapter;
import org.switchboard.core.channel.whatsapp.WhatsAppAdapter;
import org.switchboard.model.channel.ChannelProvider;

/** The channel adapters (CH-10, CH-15): one per provider, none serving another's, found in the code. */
class ChannelAdaptersTest {

    /** The providers this release ships an adapter for; Facebook Messenger's arrives with its own issue. */
    private static final Set<ChannelProvider> SHIPPED = EnumSet.of(ChannelProvider.CUSTOM, ChannelProvider.TELEGRAM,
            ChannelProvider.WHATSAPP, ChannelProvider.FACEBOOK);

    /** Every ChannelAdapter class of the application, instantiated as CDI would (no injection needed here). */
    private static List<ChannelAdapter> adaptersInTheCode() throws ReflectiveOperationException {
        List<ChannelAdapter> adapters = new ArrayList<>();
        for (JavaClass type : CoreClasses.get()) {
            if (type.isAssignableTo(ChannelAdapter.class) && !type.isInterface()) {
                adapters.add((ChannelAdapter) Class.forName(type.getName()).getDeclaredConstructor().newInstance());
            }
        }
        return adapters;
    }

    @Test
    @DisplayName("CH-10 CH-15 every messenger this release offers has its ChannelAdapter in the code")
    void everyShippedProviderHasItsAdapter() throws ReflectiveOperationException {
        ChannelAdapters adapters = new ChannelAdapters(adaptersInTheCode());
        for (ChannelProvider provider : SHIPPED) {
            if (!adapters.has(provider)) {
                fail(ChannelAdapters.missing(provider) + ": its channels would have nobody to send their replies");
            }
        }
        assertEquals(List.of(ChannelProvider.TELEGRAM, ChannelProvider.WHATSAPP, ChannelProvider.FACEBOOK,
                ChannelProvider.CUSTOM), adapters.offered(), "the \"+\" menu: the messengers first, the Custom channel last");
    }

    @Test
    @DisplayName("CH-10 a provider without an adapter is an error naming it, never another provider's sender")
    void missingAdapterNamed() {
        ChannelAdapters adapters = new ChannelAdapters(List.of(new CustomAdapter(), new TelegramAdapter()));

        IllegalStateException missing = assertThrows(IllegalStateException.class,
                () -> adapters.of(ChannelProvider.WHATSAPP));

        assertTrue(missing.getMessage().startsWith("No channel adapter for WHATSAPP (WhatsApp) is deployed"),
                missing.getMessage());
        assertEquals(List.of(ChannelProvider.TELEGRAM, ChannelProvider.CUSTOM), adapters.offered());
        assertEquals(ChannelProvider.TELEGRAM, adapters.of(ChannelProvider.TELEGRAM).provider());
    }

    @Test
    @DisplayName("CH-10 two adapters of one provider stop the deployment with a message naming both")
    void twoAdaptersOfOneProviderRefused() {
        IllegalStateException twice = assertThrows(IllegalStateException.class,
                () -> new ChannelAdapters(List.of(new WhatsAppAdapter(), new WhatsAppAdapter())));
        assertTrue(twice.getMessage().startsWith("Two channel adapters serve WHATSAPP"), twice.getMessage());
    }
}
