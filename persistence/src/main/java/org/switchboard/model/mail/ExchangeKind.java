package org.switchboard.model.mail;

/**
 * Which Exchange an Exchange provider describes (MP-03): Microsoft 365, whose mail goes over Microsoft Graph and
 * signs in with Entra ID (EWS in Exchange Online is blocked since 1 October 2026), or an Exchange Server on premises,
 * reached over EWS at the provider's service address.
 */
public enum ExchangeKind {
    MICROSOFT_365, EXCHANGE_SERVER
}
