// The progress of a spreadsheet import (#job-status[data-job]), updated in place twice a second;
// when the job's page no longer shows a status, the preview is ready and the page is loaded.
// Without this script the page reloads itself (a meta refresh in <noscript>) and has a button to
// look again.
// ES5 for old phones.
(function () {
  var status = document.getElementById("job-status");
  if (!status || !window.XMLHttpRequest || !window.DOMParser) return;
  var href = status.getAttribute("data-job");
  if (!href) return;

  function tick() {
    var xhr = new XMLHttpRequest();
    xhr.open("GET", href);
    xhr.onload = function () {
      var page = new DOMParser().parseFromString(xhr.responseText, "text/html");
      var next = page.getElementById("job-status");
      if (!next) {
        window.location.replace(href);
        return;
      }
      status.textContent = next.textContent;
      var bar = document.querySelector("progress");
      var nextBar = page.querySelector("progress");
      if (bar && nextBar) bar.parentNode.replaceChild(nextBar, bar);
      else if (!bar && nextBar) status.parentNode.insertBefore(nextBar, status.nextSibling);
      setTimeout(tick, 500);
    };
    xhr.onerror = function () {
      setTimeout(tick, 2000);
    };
    xhr.send();
  }
  setTimeout(tick, 500);
})();
