// Copies a shown-once link to the clipboard. Without JavaScript the button stays hidden and the
// read-only field can be selected and copied by hand.
document.querySelectorAll("button[data-copy]").forEach(function (button) {
  var field = document.getElementById(button.dataset.copy);
  if (!field || !navigator.clipboard) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    field.select();
    navigator.clipboard.writeText(field.value).then(function () { button.textContent = button.dataset.done; });
  });
});
