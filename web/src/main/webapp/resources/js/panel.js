/*
 * Communication panel (CH-09, CH-12): a push on the "chats" web socket channel asks for a refresh of the lists and
 * the open chat; pushes that come in a burst make one refresh. A new chat plays the notification sound, when the
 * browser allows sound before the user has interacted with the page (it may refuse; nothing else depends on it).
 * data-chat-socket and data-chat-dings on <body> tell tests the socket's state and how many new-chat sounds came.
 */
var SB = window.SB || {};
SB.chats = (function () {
    var DEBOUNCE_MS = 250;
    var timer = null;
    var everOpened = false;
    var dings = 0;

    function refresh() {
        timer = null;
        if (typeof window.sbRefreshChats === "function") {
            window.sbRefreshChats();
        }
    }

    return {
        pushed: function () {
            if (timer) {
                clearTimeout(timer);
            }
            timer = setTimeout(refresh, DEBOUNCE_MS);
        },
        opened: function () {
            document.body.setAttribute("data-chat-socket", "open");
            // A reconnect may have missed pushes: catch up once.
            if (everOpened) {
                SB.chats.pushed();
            }
            everOpened = true;
        },
        closed: function () {
            document.body.setAttribute("data-chat-socket", "closed");
        },
        refreshed: function () {
            document.body.setAttribute("data-chat-refreshes",
                String(Number(document.body.getAttribute("data-chat-refreshes") || 0) + 1));
        },
        ding: function () {
            dings++;
            document.body.setAttribute("data-chat-dings", String(dings));
            var sound = document.getElementById("chatSound");
            if (!sound || typeof sound.play !== "function") {
                return;
            }
            try {
                sound.currentTime = 0;
                var playing = sound.play();
                if (playing && typeof playing.catch === "function") {
                    playing.catch(function () { /* autoplay refused before any interaction: stay silent */ });
                }
            } catch (e) {
                /* no sound support */
            }
        }
    };
})();
window.SB = SB;
