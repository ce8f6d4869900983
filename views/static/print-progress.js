// Follows a print from the JSON status URL and starts the download when it is ready. Without
// JavaScript the page reloads itself every two seconds instead (a meta refresh in <noscript>).
(function () {
  var box = document.querySelector(".print-progress");
  if (!box || !window.fetch) { return; }
  var bar = document.getElementById("print-bar");
  var message = document.getElementById("print-message");
  var delay = 1000;

  function show(state) {
    message.textContent = state.message;
    // Until the number of parts is known the bar has no value, and so shows work under way.
    if (state.parts_total) {
      bar.max = state.parts_total;
      bar.value = state.parts_done;
    }
  }

  function check() {
    fetch(box.dataset.statusUrl, { headers: { Accept: "application/json" }, credentials: "same-origin" })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        if (response.ok && json) { return response.json(); }
        if (response.status >= 400 && response.status < 500 || response.ok) {
          // Signed out, or no longer allowed to see it: the link itself says what to do.
          window.location.assign(box.dataset.fileUrl);
          return null;
        }
        throw new Error(response.status);
      })
      .then(function (state) {
        if (state === null) { return; }
        delay = 1000;
        show(state);
        if (state.status === "done") {
          // The page stays once the download starts: its button is now the way to download it again.
          var again = document.getElementById("print-again");
          again.textContent = box.dataset.readyLabel;
          again.href = state.file_url;
          again.classList.remove("secondary");
          window.location.assign(state.file_url);
        } else if (state.status === "failed") {
          // The link shows the failure page, with "Try again" when it may be tried again.
          window.location.assign(box.dataset.fileUrl);
        } else {
          window.setTimeout(check, delay);
        }
      })
      .catch(function () {
        // A lost connection is retried more slowly; the page's own link still works.
        delay = Math.min(delay * 2, 10000);
        window.setTimeout(check, delay);
      });
  }

  window.setTimeout(check, delay);
}());
