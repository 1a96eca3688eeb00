// Progressive enhancement for filter forms: apply a choice as soon as it is made.
// Without JavaScript the form's submit button does the same.
(() => {
  var forms = document.querySelectorAll("form[data-autosubmit]");
  for (var i = 0; i < forms.length; i++) {
    ((form) => {
      form.addEventListener("change", (e) => {
        var t = e.target;
        if (t && (t.tagName === "SELECT" || t.type === "checkbox")) form.submit();
      });
    })(forms[i]);
  }
})();
