// Progressive enhancement for filter forms (form[data-autosubmit="id id …"]): a choice in a select
// or a checkbox updates the listed regions in place and the address, without reloading the page,
// so keyboard focus stays where it was (WCAG 3.2.2). Without JavaScript, or when anything goes
// wrong, the form's submit button does the same with a normal request. ES5 for old phones.
(function () {
  if (!window.XMLHttpRequest || !window.DOMParser || !window.history || !history.replaceState) return;

  function queryOf(form) {
    var parts = [];
    for (var i = 0; i < form.elements.length; i++) {
      var el = form.elements[i];
      if (!el.name || el.disabled || el.tagName === "BUTTON") continue;
      if ((el.type === "checkbox" || el.type === "radio") && !el.checked) continue;
      parts.push(encodeURIComponent(el.name) + "=" + encodeURIComponent(el.value));
    }
    return parts.join("&");
  }

  function refresh(form) {
    var url = form.getAttribute("action") + "?" + queryOf(form);
    var ids = form.getAttribute("data-autosubmit").split(" ");
    var xhr = new XMLHttpRequest();
    xhr.open("GET", url);
    xhr.onload = function () {
      if (xhr.status !== 200) {
        window.location.href = url;
        return;
      }
      var doc = new DOMParser().parseFromString(xhr.responseText, "text/html");
      for (var i = 0; i < ids.length; i++) {
        var now = document.getElementById(ids[i]);
        var next = doc.getElementById(ids[i]);
        if (now && next) now.innerHTML = next.innerHTML;
      }
      history.replaceState(null, "", url);
    };
    xhr.onerror = function () {
      window.location.href = url;
    };
    xhr.send();
  }

  function watch(form) {
    form.addEventListener("change", function (e) {
      var t = e.target;
      if (t && (t.tagName === "SELECT" || t.type === "checkbox")) refresh(form);
    });
  }

  var forms = document.querySelectorAll("form[data-autosubmit]");
  for (var i = 0; i < forms.length; i++) watch(forms[i]);
})();
