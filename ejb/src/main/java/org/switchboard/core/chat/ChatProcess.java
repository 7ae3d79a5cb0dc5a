package org.switchboard.core.chat;

/**
 * A process a chat action starts (CH-07). Implement it as a CDI bean named by {@code @Named("YourProcess")} in the
 * EJB module (or a library in the EAR); administrators then choose that name on a chat action. The process runs in
 * the operator's transaction and receives the chat's {@code ChatId} and {@code ContactId}. Example:
 *
 * <pre>{@code
 * @Named("NotifyManagerAboutInvoicePayment") @ApplicationScoped
 * public class NotifyManagerAboutInvoicePayment implements ChatProcess {
 *     public ProcessResult run(ProcessInput input) { ... return new ProcessResult("Manager notified", null); }
 * }
 * }</pre>
 */
public interface ChatProcess {

    /** The chat and contact the action was run on, and who ran it. */
    record ProcessInput(long chatId, long contactId, String actor) {
    }

    /** What the operator is told, and the record the process created, if any. */
    record ProcessResult(String message, Long recordId) {
    }

    ProcessResult run(ProcessInput input);
}
