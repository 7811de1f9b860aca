// The web page of `personalize serve`: plain JavaScript over the same HTTP API as the Functions app (/api/...).
// Every piece of data reaches the page through textContent or element properties, never as HTML.
'use strict';

const $ = (id) => document.getElementById(id);
const views = ['start', 'concepts', 'upload', 'gallery', 'prefer', 'concept', 'result'];
let owner = localStorage.getItem('owner');

function el(tag, props, ...children) {
  const node = document.createElement(tag);
  for (const [key, value] of Object.entries(props || {})) {
    if (key === 'dataset') Object.assign(node.dataset, value);
    else node[key] = value;
  }
  for (const child of children) node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  return node;
}

const encodePath = (path) => path.split('/').map(encodeURIComponent).join('/');
const api = (rest) => `/api/owners/${encodeURIComponent(owner)}/${rest}`;
const fixed = (n) => (typeof n === 'number' ? n.toFixed(3) : '');

function say(text, isError) {
  $('message').textContent = text;
  $('message').className = isError ? 'error' : '';
}

async function call(method, url, body, headers) {
  const response = await fetch(url, { method, body, headers, credentials: 'omit', cache: 'no-store' });
  const text = await response.text();
  let data = null;
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!response.ok) throw new Error(data && data.error ? data.error : `${response.status} ${response.statusText}`);
  return data;
}

// A photo with its concepts' boxes drawn over it (boxes are in image pixels; drawn in % once the size is known).
function photoWithBoxes(src, concepts) {
  const wrap = el('div', { className: 'photo' });
  const img = el('img', { alt: '', src });
  wrap.append(img);
  img.addEventListener('load', () => {
    const w = img.naturalWidth, h = img.naturalHeight;
    (concepts || []).forEach((c, i) => {
      if (!c.box || !w || !h) return;
      const box = el('div', { className: i === 0 ? 'box answer' : 'box' }, el('span', {}, `<${c.name}>`));
      box.style.left = `${(100 * c.box.x) / w}%`;
      box.style.top = `${(100 * c.box.y) / h}%`;
      box.style.width = `${(100 * c.box.width) / w}%`;
      box.style.height = `${(100 * c.box.height) / h}%`;
      wrap.append(box);
    });
    wrap.dataset.loaded = 'true';
  });
  return wrap;
}

function show(view) {
  for (const v of views) $(`view-${v}`).hidden = v !== view;
  for (const a of document.querySelectorAll('nav a')) a.classList.toggle('active', a.getAttribute('href') === `#${view}`);
}

async function render() {
  if (!owner) { $('nav').hidden = true; show('start'); return; }
  $('nav').hidden = false;
  $('owner-input').value = owner;
  const hash = decodeURIComponent(location.hash.slice(1));
  const [view, ...rest] = hash.split('/');
  const arg = rest.join('/');
  try {
    if (view === 'upload') show('upload');
    else if (view === 'prefer') show('prefer');
    else if (view === 'gallery') { show('gallery'); await renderGallery(); }
    else if (view === 'concept' && arg) { show('concept'); await renderConcept(arg); }
    else if (view === 'result' && arg) { show('result'); await renderResult(arg); }
    else { show('concepts'); await renderConcepts(); }
  } catch (e) {
    say(e.message, true);
  }
}

// ---- owner ----
function rememberOwners() {
  const known = JSON.parse(localStorage.getItem('owners') || '[]');
  $('known-owners').replaceChildren(...known.map((o) => el('option', { value: o })));
}

$('owner-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const value = $('owner-input').value.trim();
  if (!/^[A-Za-z0-9_-]{1,64}$/.test(value)) { say('an owner id is 1-64 letters, digits, - or _', true); return; }
  owner = value;
  localStorage.setItem('owner', owner);
  const known = new Set(JSON.parse(localStorage.getItem('owners') || '[]'));
  known.add(owner);
  localStorage.setItem('owners', JSON.stringify([...known]));
  rememberOwners();
  say(`owner: ${owner}`);
  $('upload-list').replaceChildren();
  if (location.hash === '' || location.hash === '#concepts') render(); else location.hash = '#concepts';
});

// ---- find: the photos of a concept, by name ----
$('find-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const name = $('find-input').value.trim();
  if (name) location.hash = `#concept/${encodeURIComponent(name)}`;
});

// ---- concepts ----
async function renderConcepts() {
  const concepts = await call('GET', api('concepts'));
  $('concept-names').replaceChildren(...concepts.map((c) => el('option', { value: c.name })));
  $('concepts-empty').hidden = concepts.length > 0;
  $('concept-list').replaceChildren(...concepts.map((c) => {
    const refs = el('div', { className: 'refs' }, ...c.photos.map((p) => photoWithBoxes(api(`references/${p.content_hash}`), p.box ? [{ name: c.name, box: p.box }] : [])));
    const remove = el('button', { type: 'button', className: 'delete' }, 'Delete');
    remove.addEventListener('click', async () => {
      if (!confirm(`Delete <${c.name}> and its reference photos?`)) return;
      try { await call('DELETE', api(`concepts/${encodeURIComponent(c.name)}`)); say(`deleted <${c.name}>`); await renderConcepts(); } catch (e) { say(e.message, true); }
    });
    return el('li', { dataset: { concept: c.name } },
      el('h3', {}, el('a', { href: `#concept/${encodeURIComponent(c.name)}` }, `<${c.name}>`)),
      el('p', {}, `${c.category} · ${c.references} reference photo(s)`),
      el('p', {}, c.description || ''),
      el('p', { className: 'hint' }, (c.attributes || []).join(', ')),
      refs, remove);
  }));
}

// One canvas per chosen photo; a mouse drag draws the object's box, kept in the photo's own pixels.
const drawn = [];
$('enrol-files').addEventListener('change', () => {
  drawn.length = 0;
  const holder = $('enrol-canvases');
  holder.replaceChildren();
  [...$('enrol-files').files].forEach((file, index) => {
    const entry = { file, box: null };
    drawn.push(entry);
    const canvas = el('canvas', { width: 10, height: 10, dataset: { index: String(index) } });
    const label = el('figcaption', {}, `${file.name}: no box`);
    holder.append(el('figure', {}, canvas, label));
    const img = new Image();
    img.addEventListener('load', () => {
      const scale = Math.min(1, 420 / img.naturalWidth);
      canvas.width = Math.round(img.naturalWidth * scale);
      canvas.height = Math.round(img.naturalHeight * scale);
      const ctx = canvas.getContext('2d');
      const paint = (box) => {
        ctx.drawImage(img, 0, 0, canvas.width, canvas.height);
        if (box) { ctx.strokeStyle = '#00e676'; ctx.lineWidth = 3; ctx.strokeRect(box.x * scale, box.y * scale, box.w * scale, box.h * scale); }
      };
      paint(null);
      canvas.dataset.ready = 'true';
      let start = null;
      const point = (event) => {
        const r = canvas.getBoundingClientRect();
        const x = Math.max(0, Math.min(canvas.width, ((event.clientX - r.left) * canvas.width) / r.width));
        const y = Math.max(0, Math.min(canvas.height, ((event.clientY - r.top) * canvas.height) / r.height));
        return { x: x / scale, y: y / scale };
      };
      const boxOf = (a, b) => ({ x: Math.round(Math.min(a.x, b.x)), y: Math.round(Math.min(a.y, b.y)), w: Math.round(Math.abs(a.x - b.x)), h: Math.round(Math.abs(a.y - b.y)) });
      canvas.addEventListener('mousedown', (event) => { start = point(event); });
      canvas.addEventListener('mousemove', (event) => { if (start) paint(boxOf(start, point(event))); });
      window.addEventListener('mouseup', (event) => {
        if (!start) return;
        const box = boxOf(start, point(event));
        start = null;
        entry.box = box.w > 2 && box.h > 2 ? box : null;
        paint(entry.box);
        label.textContent = entry.box ? `${file.name}: box ${entry.box.x},${entry.box.y},${entry.box.w},${entry.box.h}` : `${file.name}: no box`;
        canvas.dataset.box = entry.box ? `${entry.box.x},${entry.box.y},${entry.box.w},${entry.box.h}` : '';
      });
    });
    img.src = URL.createObjectURL(file);
  });
});

$('enrol-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const name = $('enrol-name').value.trim();
  const form = new FormData();
  for (const entry of drawn) {
    form.append('file', entry.file, entry.file.name);
    form.append('box', entry.box ? `${entry.box.x},${entry.box.y},${entry.box.w},${entry.box.h}` : '');
  }
  form.append('category', $('enrol-category').value.trim());
  form.append('description', $('enrol-description').value.trim());
  $('enrol-submit').disabled = true;
  say(`enrolling <${name}>…`);
  try {
    const done = await call('POST', api(`concepts/${encodeURIComponent(name)}`), form);
    say(`enrolled <${done.concept}>: ${done.references} reference photo(s)${done.failures.length ? `; failed: ${done.failures.join('; ')}` : ''}`);
    $('enrol-form').reset();
    $('enrol-canvases').replaceChildren();
    drawn.length = 0;
    await renderConcepts();
  } catch (e) {
    say(e.message, true);
  } finally {
    $('enrol-submit').disabled = false;
  }
});

// ---- upload ----
const waitJob = (instanceId) => new Promise((resolve, reject) => {
  const poll = async () => {
    try {
      const job = await call('GET', api(`jobs/${encodeURIComponent(instanceId)}`));
      if (job.status === 'Completed' || job.status === 'Failed') resolve(job); else setTimeout(poll, 300);
    } catch (e) { reject(e); }
  };
  poll();
});

$('upload-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const isImage = (f) => /\.(jpe?g|png|webp|gif|bmp)$/i.test(f.name);
  const files = [...$('upload-files').files, ...[...$('upload-folder').files].filter(isImage)];
  if (files.length === 0) { say('choose photos or a folder of photos', true); return; }
  const bar = $('upload-progress');
  bar.hidden = false; bar.max = files.length; bar.value = 0;
  $('upload-submit').disabled = true;
  const rows = files.map((file) => {
    const li = el('li', { dataset: { status: 'Uploading', file: file.webkitRelativePath || file.name } }, `${file.webkitRelativePath || file.name}: uploading…`);
    $('upload-list').append(li);
    return li;
  });
  // A few uploads at a time (the server queues them anyway): a folder of hundreds does not open hundreds of requests.
  const uploadOne = async (file, i) => {
    const li = rows[i];
    // The folder's own layout is kept (webkitRelativePath), each segment reduced to safe characters.
    const segments = (file.webkitRelativePath || file.name).split('/').map((s) => s.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '')).filter((s) => s.length > 0);
    const path = `web/${segments.join('/') || 'photo.jpg'}`;
    try {
      const accepted = await call('POST', api(`images/${encodePath(path)}`), file, { 'Content-Type': file.type || 'application/octet-stream' });
      li.dataset.status = 'Pending'; li.textContent = `${file.name}: recognising…`;
      const job = await waitJob(accepted.instance_id);
      li.dataset.status = job.status;
      li.replaceChildren(`${file.name}: `, job.status === 'Completed'
        ? el('a', { href: `#result/${encodeURIComponent(path)}` }, job.output && job.output.concept ? `found <${job.output.concept}>` : 'none of your concepts')
        : `failed: ${job.error || 'unknown error'}`);
    } catch (e) {
      li.dataset.status = 'Failed'; li.textContent = `${file.name}: ${e.message}`;
    }
    bar.value += 1;
  };
  let next = 0;
  const worker = async () => { while (next < files.length) { const i = next++; await uploadOne(files[i], i); } };
  await Promise.all(Array.from({ length: Math.min(4, files.length) }, worker));
  $('upload-submit').disabled = false;
  $('upload-form').reset();
  say(`${files.length} photo(s) processed`);
});

// ---- preferences: liked/disliked references, two candidates, the verdict per dimension ----
const dimensions = ['art style', 'colour', 'detail', 'art medium', 'saturation'];
const dimensionName = (d) => (typeof d === 'number' ? dimensions[d] || String(d) : String(d));

$('prefer-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const requestId = `web-${Date.now()}`;
  const upload = async (file, role) => {
    const path = `pref/${requestId}/${role}-${file.name.replace(/[^A-Za-z0-9._-]/g, '_').replace(/^\.+/, '') || 'photo.jpg'}`;
    await call('POST', api(`images/${encodePath(path)}`), file, { 'Content-Type': file.type || 'application/octet-stream' });
    return path;
  };
  $('prefer-submit').disabled = true;
  say('judging…');
  try {
    const liked = await Promise.all([...$('prefer-liked').files].map((f) => upload(f, 'liked')));
    const disliked = await Promise.all([...$('prefer-disliked').files].map((f) => upload(f, 'disliked')));
    const a = await upload($('prefer-a').files[0], 'a');
    const b = await upload($('prefer-b').files[0], 'b');
    const accepted = await call('POST', api('preferences'), JSON.stringify({ request_id: requestId, liked, disliked, pairs: [{ a, b }] }), { 'Content-Type': 'application/json' });
    const job = await waitJob(accepted.instance_id);
    if (job.status !== 'Completed') throw new Error(job.error || 'the request failed');
    const result = await call('GET', api(`preferences/${encodeURIComponent(requestId)}`));
    renderVerdict(result, a, b);
    say('judged');
  } catch (e) {
    say(e.message, true);
  } finally {
    $('prefer-submit').disabled = false;
  }
});

function renderVerdict(result, a, b) {
  const pair = result.pairs[0];
  const photoA = el('figure', {}, el('img', { alt: '', src: api(`photos/${encodePath(a)}`) }), el('figcaption', {}, 'A'));
  const photoB = el('figure', {}, el('img', { alt: '', src: api(`photos/${encodePath(b)}`) }), el('figcaption', {}, 'B'));
  $('prefer-photo-a').replaceChildren(photoA);
  $('prefer-photo-b').replaceChildren(photoB);
  const verdict = pair.verdict;
  $('prefer-verdict').dataset.preferred = verdict ? verdict.preferred : '';
  if (!verdict) {
    $('prefer-verdict').textContent = `No verdict: ${pair.error || result.profile.error || 'unknown reason'}`;
    $('prefer-dimensions').replaceChildren();
  } else {
    (verdict.preferred === 'A' ? photoA : photoB).classList.add('preferred');
    $('prefer-verdict').textContent = `You would prefer ${verdict.preferred} (confidence ${fixed(verdict.confidence)})`;
    table($('prefer-dimensions'), verdict.dimensions.map((d) => ({ dimension: dimensionName(d.dimension), score_a: d.score_a, score_b: d.score_b, weight: d.weight, why: d.reason })),
      ['dimension', 'score_a', 'score_b', 'weight', 'why']);
  }
  table($('prefer-profile'), (result.profile.dimensions || []).map((d) => ({ dimension: dimensionName(d.dimension), likes: d.likes.join(', '), dislikes: d.dislikes.join(', '), weight: d.weight })),
    ['dimension', 'likes', 'dislikes', 'weight']);
}

// ---- gallery, concept page, result ----
async function renderGallery() {
  const photos = await call('GET', api('gallery'));
  $('gallery-empty').hidden = photos.length > 0;
  $('gallery').replaceChildren(...photos.map((p) => el('figure', { dataset: { path: p.path } },
    el('a', { href: `#result/${encodeURIComponent(p.path)}` }, photoWithBoxes(api(`photos/${encodePath(p.path)}`), p.concepts)),
    el('figcaption', {}, p.path, el('br'), p.concepts.length ? p.concepts.map((c) => `<${c.name}> ${fixed(c.confidence)}`).join(', ') : 'none of your concepts'))));
}

function feedbackButtons(name, path, holder) {
  const status = el('span', { className: 'feedback-status' });
  const give = (verb) => async () => {
    try {
      const done = await call('POST', api(`concepts/${encodeURIComponent(name)}/${verb}`), JSON.stringify({ image: path }), { 'Content-Type': 'application/json' });
      status.textContent = verb === 'confirm'
        ? `confirmed: <${done.concept}> has ${done.references} reference(s), ${done.confirmed} confirmed`
        : `rejected: <${done.concept}> has ${done.negatives} hard negative(s)`;
      status.dataset.done = verb;
    } catch (e) { status.textContent = e.message; status.dataset.done = 'error'; }
  };
  const confirmButton = el('button', { type: 'button', className: 'confirm' }, `Confirm <${name}>`);
  const rejectButton = el('button', { type: 'button', className: 'reject' }, `Not <${name}>`);
  confirmButton.addEventListener('click', give('confirm'));
  rejectButton.addEventListener('click', give('reject'));
  holder.append(el('div', { className: 'feedback' }, confirmButton, rejectButton, status));
}

async function renderConcept(name) {
  $('concept-title').textContent = `All photos of <${name}>`;
  const photos = await call('GET', api(`concepts/${encodeURIComponent(name)}/photos`));
  $('concept-empty').hidden = photos.length > 0;
  $('concept-photos').replaceChildren(...photos.map((p) => {
    const li = el('li', { dataset: { path: p.path } },
      el('a', { href: `#result/${encodeURIComponent(p.path)}` }, photoWithBoxes(api(`photos/${encodePath(p.path)}`), p.concepts.filter((c) => c.name.toLowerCase() === name.toLowerCase()))),
      el('p', {}, `${p.path} · confidence ${fixed(p.confidence)}`));
    feedbackButtons(name, p.path, li);
    return li;
  }));
}

function table(target, rows, columns) {
  const present = columns.filter((c) => rows.some((r) => r[c] !== undefined && r[c] !== null));
  target.replaceChildren(
    el('tr', {}, ...present.map((c) => el('th', {}, c.replace(/_/g, ' ')))),
    ...rows.map((r) => el('tr', {}, ...present.map((c) => el('td', {}, typeof r[c] === 'number' ? fixed(r[c]) : typeof r[c] === 'object' ? JSON.stringify(r[c]) : String(r[c]))))));
}

async function renderResult(path) {
  $('result-title').textContent = path;
  const result = await call('GET', api(`results/${encodePath(path)}`));
  const recognised = result.concept ? [{ name: result.concept, box: result.box, confidence: result.score }] : [];
  for (const also of result.also_present || []) recognised.push({ name: also.concept, box: also.box, confidence: also.confidence });
  $('result-photo').replaceChildren(photoWithBoxes(api(`photos/${encodePath(path)}`), recognised));
  $('result-answer').textContent = result.error
    ? `Not recognised: ${result.error}`
    : `${result.concept ? `<${result.concept}>` : 'None of your concepts'} · score ${fixed(result.score)} · decided by ${result.stage}`;
  $('result-caption').textContent = result.caption || '';
  $('result-feedback').replaceChildren();
  for (const c of recognised) feedbackButtons(c.name, path, $('result-feedback'));
  const trace = result.trace || {};
  $('result-decision').textContent = trace.decision || '';
  table($('result-candidates'), trace.candidates || [], ['concept', 'score', 'image_similarity', 'text_similarity', 'inliers', 'global_score']);
  $('result-reasoning').textContent = trace.reasoning ? `${trace.reasoning.choice ? `chose <${trace.reasoning.choice}>: ` : ''}${trace.reasoning.rationale || ''}` : 'did not run';
  const verification = trace.verification || [];
  table($('result-verification'), verification, verification.length ? Object.keys(verification[0]) : []);
  const pairwise = trace.pairwise || [];
  table($('result-pairwise'), pairwise, pairwise.length ? Object.keys(pairwise[0]) : []);
}

window.addEventListener('hashchange', render);
rememberOwners();
render();
