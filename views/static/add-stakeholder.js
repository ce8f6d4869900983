// "Add a stakeholder" on the deliverable form, in place: a dialog instead of the step of its own that the
// button opens without JavaScript. The new stakeholder joins the Lead and Partners lists and becomes the
// lead; nothing typed in the deliverable form is touched.
(function () {
  var button = document.querySelector("button[data-quick]");
  var dialog = document.getElementById("add-stakeholder");
  if (!button || !dialog || typeof dialog.showModal !== "function" || !window.fetch) { return; }
  var body = dialog.querySelector("[data-body]");
  var said = null;  // where the page says, as a flash message would, that the stakeholder was added

  function say(message) {
    if (!said) {
      said = document.createElement("p");
      said.className = "flash flash-info";
      said.setAttribute("role", "status");
      var form = button.form;
      form.parentNode.insertBefore(said, form);
    }
    said.textContent = message;
  }

  function show(html) {
    body.innerHTML = html;
    var form = body.querySelector("form");
    form.addEventListener("submit", send);
    body.querySelector("[data-close]").addEventListener("click", function () { dialog.close(); });
    var first = form.querySelector("[aria-invalid=true]") || form.querySelector("input[type=text]");
    if (first) { first.focus(); }
  }

  function choose(key, name) {
    var lead = document.getElementById("lead");
    // Already listed (the dialog's form sent twice gives the one added the first time): only choose it.
    for (var i = 0; i < lead.options.length; i++) {
      if (lead.options[i].value === key) { lead.value = key; return; }
    }
    var option = document.createElement("option");
    option.value = key;
    option.textContent = name;
    lead.appendChild(option);
    lead.value = key;
    var list = document.getElementById("partners");
    var n = list.querySelectorAll("li").length;
    var item = document.createElement("li");
    var box = document.createElement("input");
    box.type = "checkbox";
    box.name = "partners";
    box.value = key;
    box.id = "partners-new-" + n;
    var label = document.createElement("label");
    label.htmlFor = box.id;
    label.textContent = name;
    item.appendChild(box);
    item.appendChild(document.createTextNode(" "));
    item.appendChild(label);
    list.appendChild(item);
    list.hidden = false;
    var empty = list.parentNode.querySelector("p.hint");
    if (empty) { empty.remove(); }
  }

  function send(event) {
    event.preventDefault();
    var form = event.target;
    fetch(form.action, { method: "POST", body: new FormData(form), credentials: "same-origin" })
      .then(function (response) {
        var json = (response.headers.get("Content-Type") || "").indexOf("application/json") === 0;
        return (json ? response.json() : response.text()).then(function (answer) { return [json, answer]; });
      })
      .then(function (result) {
        if (!result[0]) { show(result[1]); return; }
        choose(result[1].key, result[1].name);
        dialog.close();
        say(result[1].message);
        document.getElementById("lead").focus();
      });
  }

  button.addEventListener("click", function (event) {
    event.preventDefault();
    fetch(button.dataset.quick, { credentials: "same-origin" })
      .then(function (response) { return response.text(); })
      .then(function (html) { dialog.showModal(); show(html); });
  });
})();
