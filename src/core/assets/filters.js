// Progressive enhancement for filter forms: apply a choice as soon as it is made.
// Without JavaScript the form's submit button does the same. Written in ES5 for old phones.
(function () {
  var forms = document.querySelectorAll("form[data-autosubmit]");
  function watch(form) {
    form.addEventListener("change", function (e) {
      var t = e.target;
      if (t && (t.tagName === "SELECT" || t.type === "checkbox")) form.submit();
    });
  }
  for (var i = 0; i < forms.length; i++) watch(forms[i]);
})();
