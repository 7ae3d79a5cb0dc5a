package org.switchboard.core.exchange;

/**
 * The application registered in Microsoft Entra ID that signs a Microsoft 365 or hybrid Exchange mailbox in (MO-01):
 * the directory ({@code tenant}: its id, a verified domain or {@code organizations}), the client id and the client
 * secret of a confidential client. The secret never appears in {@link #toString()}.
 */
public record EntraApp(String tenant, String clientId, String clientSecret) {

    public EntraApp {
        if (tenant == null || tenant.isBlank() || clientId == null || clientId.isBlank()) {
            throw new IllegalArgumentException("An Entra ID application needs its tenant and its client id");
        }
        tenant = tenant.strip();
        clientId = clientId.strip();
    }

    @Override
    public String toString() {
        return "EntraApp[tenant=" + tenant + ", clientId=" + clientId + ", clientSecret=***]";
    }
}
