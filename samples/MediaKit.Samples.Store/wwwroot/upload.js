// Streams the chosen files to MediaKit's upload endpoint with real byte progress, one request per file.
(function () {
  const form = document.getElementById('upload-form');
  if (!form) return;
  const results = document.getElementById('upload-results');

  function upload(file, collection) {
    return new Promise((resolve) => {
      const item = document.createElement('li');
      const label = document.createElement('span');
      label.textContent = file.name;
      const progress = document.createElement('progress');
      progress.max = file.size || 1;
      progress.value = 0;
      progress.setAttribute('aria-label', 'Upload progress of ' + file.name);
      const status = document.createElement('span');
      item.append(label, progress, status);
      results.append(item);

      const body = new FormData();
      body.append('files', file, file.name);
      const xhr = new XMLHttpRequest();
      xhr.open('POST', form.dataset.endpoint + '?collection=' + encodeURIComponent(collection));
      // The API refuses cookie-authenticated uploads without the antiforgery token (rendered into the form).
      const token = form.querySelector('input[name="__RequestVerificationToken"]');
      if (token) xhr.setRequestHeader('RequestVerificationToken', token.value);
      xhr.upload.onprogress = (e) => { if (e.lengthComputable) progress.value = e.loaded; };
      xhr.onload = () => {
        let json = null;
        try { json = JSON.parse(xhr.responseText); } catch { /* not JSON */ }
        if (xhr.status >= 200 && xhr.status < 300) {
          status.textContent = ' uploaded';
          item.className = 'ok';
        } else {
          status.textContent = ' ' + ((json && (json.detail || json.title)) || ('failed (' + xhr.status + ')'));
          item.className = 'error';
        }
        resolve();
      };
      xhr.onerror = () => { status.textContent = ' network error'; item.className = 'error'; resolve(); };
      xhr.send(body);
    });
  }

  form.addEventListener('submit', async (e) => {
    e.preventDefault();
    const files = document.getElementById('upload-files').files;
    const collection = document.getElementById('upload-collection').value;
    for (const file of files) {
      await upload(file, collection);
    }
    setTimeout(() => window.location.reload(), 600);
  });
})();
