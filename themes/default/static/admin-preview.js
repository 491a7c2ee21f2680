// The zone form's live preview: on every change the form's values are posted to the
// server's preview (which stores nothing) and its answer replaces the preview under the form.
// Without this script the form's "Preview" button does the same with a page load.
(function () {
  'use strict';
  var form = document.getElementById('section-form');
  var target = document.getElementById('zone-preview');
  if (!form || !target || !form.dataset.preview || !window.fetch) return;
  var timer = null;
  var sent = 0;
  function refresh() {
    var body = new URLSearchParams(new FormData(form));
    var mine = ++sent;
    fetch(form.dataset.preview, {
      method: 'POST',
      body: body,
      credentials: 'same-origin',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' }
    }).then(function (response) {
      if (!response.ok) throw new Error('preview ' + response.status);
      return response.text();
    }).then(function (html) {
      if (mine === sent) target.innerHTML = html;  // only the latest answer counts
    }).catch(function () { /* the Preview button still works */ });
  }
  function later() {
    clearTimeout(timer);
    timer = setTimeout(refresh, 300);
  }
  form.addEventListener('input', later);
  form.addEventListener('change', later);
})();
