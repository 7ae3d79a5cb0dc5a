/*
 * File inputs wrapped in an element with data-max-bytes (and optionally data-max-files, data-max-total-bytes): a
 * selection with a file that is too large, with too many files, or too large together, is refused in the browser with
 * the message of data-too-large / data-too-many / data-too-large-total ({0} the file's name, {1} the limit in MB;
 * {0} the number of files; {0} the limit in MB), shown in the wrapper's [data-file-error] element. The server checks the same limits; this only spares the user an upload the server would refuse, and a
 * request larger than the server's multipart limit, which it can only answer with an error page.
 */
(function () {
    function format(text, args) {
        return String(text || "").replace(/\{(\d+)\}/g, function (all, i) {
            return args[Number(i)] === undefined ? all : String(args[Number(i)]);
        });
    }

    document.addEventListener("change", function (event) {
        var input = event.target;
        if (!input || input.type !== "file" || typeof input.closest !== "function") {
            return;
        }
        var limits = input.closest("[data-max-bytes]");
        if (!limits) {
            return;
        }
        var maxBytes = Number(limits.getAttribute("data-max-bytes"));
        var maxFiles = Number(limits.getAttribute("data-max-files") || 0);
        var maxTotal = Number(limits.getAttribute("data-max-total-bytes") || 0);
        var files = input.files || [];
        var problem = null;
        var total = 0;
        if (maxFiles > 0 && files.length > maxFiles) {
            problem = format(limits.getAttribute("data-too-many"), [maxFiles]);
        }
        for (var i = 0; !problem && i < files.length; i++) {
            total += files[i].size;
            if (files[i].size > maxBytes) {
                problem = format(limits.getAttribute("data-too-large"),
                        [files[i].name, Math.round(maxBytes / (1024 * 1024))]);
            }
        }
        if (!problem && maxTotal > 0 && total > maxTotal) {
            problem = format(limits.getAttribute("data-too-large-total"), [Math.round(maxTotal / (1024 * 1024))]);
        }
        var shown = limits.querySelector("[data-file-error]");
        if (shown) {
            shown.textContent = problem || "";
        }
        if (problem) {
            input.value = "";
        }
    });
})();
