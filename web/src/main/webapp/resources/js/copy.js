/*
 * Copies the value of an input to the clipboard, such as a new API token on the profile page (X-02, issue 18): through
 * the Clipboard API where the page is a secure context, else through the selection, which works on plain http too.
 */
function sbCopy(id) {
    var input = document.getElementById(id);
    if (!input) {
        return;
    }
    input.select();
    if (navigator.clipboard && window.isSecureContext) {
        navigator.clipboard.writeText(input.value);
    } else {
        document.execCommand('copy');
    }
}
