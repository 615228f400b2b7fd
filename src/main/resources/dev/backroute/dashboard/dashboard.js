// Backroute's dashboard. Everything shown comes from /observe/dashboard.json, whose strings partly come
// from manifests on untrusted storage (an error text can be anything) and from the cluster database (member
// names): they only ever reach the page as text nodes (textContent) or SVG attributes holding numbers,
// never as markup.
'use strict';

const TOKEN_KEY = 'backroute.management-token';
const SVG = 'http://www.w3.org/2000/svg';
const REFRESH_MS = 60000;

const $ = (id) => document.getElementById(id);

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = String(text);
  return e;
}

function svg(tag, attrs) {
  const e = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  return e;
}

// The token lives in this tab's sessionStorage only: it goes in the Authorization header, never in a URL.
function authHeaders() {
  const token = sessionStorage.getItem(TOKEN_KEY);
  return token ? { Authorization: 'Bearer ' + token } : {};
}

async function get(path) {
  const response = await fetch(path, { headers: authHeaders(), cache: 'no-store', credentials: 'omit' });
  if (response.status === 401) {
    const hadToken = sessionStorage.getItem(TOKEN_KEY) !== null;
    sessionStorage.removeItem(TOKEN_KEY);
    askForToken(hadToken ? 'The token was refused; type it again.' : null);
    return null;
  }
  return response;
}

function askForToken(message) {
  if (message) $('login-message').textContent = message;
  $('login').hidden = false;
  $('forget').hidden = true;
  $('token').focus();
}

async function load() {
  $('problem').hidden = true;
  try {
    const response = await get('/observe/dashboard.json');
    if (!response) return;
    if (!response.ok) throw new Error('/observe/dashboard.json answered HTTP ' + response.status);
    const report = await response.json();
    $('login').hidden = true;
    $('forget').hidden = sessionStorage.getItem(TOKEN_KEY) === null;
    render(report);
  } catch (e) {
    $('problem').textContent = 'Cannot load the dashboard data: ' + e.message;
    $('problem').hidden = false;
  }
}

function time(iso) {
  return iso ? iso.replace('T', ' ').replace(/\.\d+/, '').replace('Z', ' UTC') : 'never';
}

function bytes(n) {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB', 'PiB'];
  let v = Number(n) || 0;
  let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
}

function seconds(s) {
  if (s === null || s === undefined) return '?';
  return s < 90 ? s.toFixed(1) + ' s' : (s / 60).toFixed(1) + ' min';
}

function render(report) {
  $('updated').textContent = 'as of ' + time(report.generated_at) + ', backups of the last ' + report.history_days + ' days';
  const types = $('types');
  const cards = report.types.map(typeCard);
  if (report.cluster) cards.unshift(clusterCard(report.cluster));
  types.replaceChildren(...cards);
}

// How long before `now` the instant `then` was, both read from one clock: the cluster database's.
function ago(then, now) {
  const s = Math.max(0, Math.floor((Date.parse(now) - Date.parse(then)) / 1000));
  if (s < 120) return s + ' s ago';
  if (s < 7200) return Math.floor(s / 60) + ' min ago';
  return s < 172800 ? Math.floor(s / 3600) + ' h ago' : Math.floor(s / 86400) + ' d ago';
}

function memberState(m, now) {
  const checkin = 'last check-in ' + ago(m.last_checkin, now);
  if (m.state === 'stopped') return 'stopped at ' + time(m.stopped_at) + ' · ' + checkin;
  if (m.state === 'silent') return 'SILENT since ' + time(m.last_checkin) + ' · ' + checkin;
  return 'running since ' + time(m.started_at) + ' · ' + checkin;
}

// The cluster's members as the database lists them; their names come from the database, so they are text only.
function clusterCard(c) {
  const card = el('section', 'members');
  const title = el('h2');
  const silent = c.members.filter((m) => m.state === 'silent').length;
  const state = c.error ? el('span', 'badge bad', 'database unreachable')
      : silent ? el('span', 'badge bad', silent + ' silent') : el('span', 'badge', 'ok');
  title.append(el('span', 'name', 'cluster'), state);
  card.append(title);
  const dl = el('dl');
  card.append(dl);
  row(dl, 'database', c.database);
  row(dl, 'this member', c.instance);
  if (c.error) {
    row(dl, 'members', '').append(el('p', 'error', c.error));
    return card;
  }
  if (c.members.length === 0) row(dl, 'members', 'none has started run yet');
  for (const m of c.members) {
    row(dl, m.instance, memberState(m, c.server_time)).dataset.state = m.state;
  }
  return card;
}

// " · on host-a": the host or cluster member the backup's manifest names.
function on(b) {
  return b.host ? ' · on ' + b.host : '';
}

function badge(t) {
  if (t.error) return el('span', 'badge bad', 'unreadable');
  if (t.overdue) return el('span', 'badge bad', 'overdue');
  if (t.validation_failed) return el('span', 'badge bad', 'validation failed');
  if (t.due) return el('span', 'badge due', 'due');
  return el('span', 'badge', 'ok');
}

function row(dl, label, value) {
  dl.append(el('dt', null, label));
  const dd = el('dd');
  if (value instanceof Node) dd.append(value); else dd.textContent = value;
  dl.append(dd);
  return dd;
}

function typeCard(t) {
  const card = el('section', 'type');
  card.dataset.type = t.name;
  const title = el('h2');
  title.append(el('span', 'name', t.name), badge(t));
  card.append(title);
  const dl = el('dl');
  card.append(dl);
  row(dl, 'schedule', t.schedule);
  if (t.error) {
    row(dl, 'storage', '').append(el('p', 'error', t.error));
    return card;
  }
  const s = t.last_success;
  row(dl, 'last success', s ? time(s.started_at) + ' · ' + s.id + ' · ' + bytes(s.stored_bytes) + on(s) : 'never');
  const f = t.last_failure;
  const failure = row(dl, 'last failure', f ? time(f.started_at) + ' · ' + f.id + on(f) : 'none');
  if (f && f.error) failure.append(el('p', 'error', f.error));
  row(dl, 'next due', time(t.next_due) + (t.due ? ' (due now)' : ''));
  const d = t.last_drill;
  const drill = row(dl, 'last drill', d ? (d.success ? 'passed ' : 'FAILED ') + time(d.started_at) + ' · ' + d.backup_ids.join(', ')
      + ' · restored in ' + seconds(d.restore_seconds) + ' · on ' + d.host : 'never');
  if (d && d.error) drill.append(el('p', 'error', d.error));
  row(dl, 'health', t.health);
  const targets = Object.entries(t.bytes_kept).map(([target, n]) => target + ' ' + bytes(n)).join(', ');
  row(dl, 'kept', t.backups_kept + ' backup' + (t.backups_kept === 1 ? '' : 's') + (targets ? ' · ' + targets : ''));
  const sizes = row(dl, 'size', '');
  for (const [target, z] of Object.entries(t.sizes)) sizes.append(el('p', 'size-line', sizeLine(target, z, t.repository)));
  card.append(chart(t.history));
  const legend = el('p', 'legend');
  legend.append(el('span', 'size', '■ stored size'), ' · ', el('span', 'duration', '● duration'), ' · ',
      el('span', 'failed', '▮ failed'), ' · ' + t.history.length + ' backup' + (t.history.length === 1 ? '' : 's') + ' in the chart');
  card.append(legend);
  return card;
}

// One target: what restoring the kept backups gives, what they take there, and the ratio of the two.
function sizeLine(target, z, repository) {
  const text = target + ': ' + bytes(z.logical_bytes) + ' logical · '
      + (z.stored_bytes === null ? 'stored unknown' : bytes(z.stored_bytes) + ' stored');
  if (z.error) return text + ' (' + z.error + ')';
  return z.dedup_ratio === null ? text : text + ' · ' + (repository ? 'dedup' : 'compression') + ' ratio ' + z.dedup_ratio.toFixed(2);
}

// Two panels on one time axis: stored size as bars (a failure as a red mark), duration as a line with dots.
function chart(points) {
  const W = 520, H = 220, left = 62, right = 8, panel = 80, gap = 30, top = 10;
  const root = svg('svg', { viewBox: `0 0 ${W} ${H}`, class: 'chart', role: 'img' });
  const title = svg('title', {});
  title.textContent = 'stored size and duration of each backup';
  root.append(title);
  const sizeTop = top, durTop = top + panel + gap;
  for (const y of [sizeTop + panel, durTop + panel]) {
    root.append(svg('line', { x1: left, y1: y, x2: W - right, y2: y, class: 'axis' }));
  }
  if (points.length === 0) {
    root.append(label(left, sizeTop + panel / 2, 'no backup in this period', 'start'));
    return root;
  }
  const times = points.map((p) => Date.parse(p.started_at));
  const t0 = Math.min(...times), t1 = Math.max(...times);
  const barWidth = Math.max(2, Math.min(12, (W - left - right) / points.length - 1));
  // Half a bar of room at each end keeps the first and last bars clear of the axis labels.
  const x0 = left + barWidth, width = W - right - barWidth - x0;
  const x = (t) => t1 === t0 ? x0 + width / 2 : x0 + (t - t0) / (t1 - t0) * width;
  const maxSize = Math.max(1, ...points.filter((p) => p.success).map((p) => p.stored_bytes));
  const maxDur = Math.max(0.001, ...points.map((p) => p.duration_seconds || 0));

  root.append(label(left - 4, sizeTop + 8, bytes(maxSize), 'end'), label(left - 4, sizeTop + panel, '0', 'end'));
  root.append(label(left - 4, durTop + 8, seconds(maxDur), 'end'), label(left - 4, durTop + panel, '0', 'end'));
  root.append(label(left, H - 4, time(points[0].started_at).slice(0, 10), 'start'));
  root.append(label(W - right, H - 4, time(points[points.length - 1].started_at).slice(0, 10), 'end'));

  let d = '';
  points.forEach((p, i) => {
    const px = x(times[i]);
    if (p.success) {
      const h = Math.max(1, p.stored_bytes / maxSize * panel);
      const bar = svg('rect', { x: px - barWidth / 2, y: sizeTop + panel - h, width: barWidth, height: h, class: 'bar' });
      const tip = svg('title', {});
      tip.textContent = time(p.started_at) + ': ' + bytes(p.stored_bytes);
      bar.append(tip);
      root.append(bar);
    } else {
      const mark = svg('rect', { x: px - barWidth / 2, y: sizeTop + panel - 6, width: barWidth, height: 6, class: 'failure' });
      const tip = svg('title', {});
      tip.textContent = time(p.started_at) + ': failed';
      mark.append(tip);
      root.append(mark);
    }
    if (p.duration_seconds !== null && p.duration_seconds !== undefined) {
      const py = durTop + panel - p.duration_seconds / maxDur * panel;
      d += (d ? ' L' : 'M') + px.toFixed(1) + ' ' + py.toFixed(1);
      const dot = svg('circle', { cx: px.toFixed(1), cy: py.toFixed(1), r: 2.5, class: 'dot' });
      const tip = svg('title', {});
      tip.textContent = time(p.started_at) + ': ' + seconds(p.duration_seconds);
      dot.append(tip);
      root.append(dot);
    }
  });
  if (d) root.append(svg('path', { d, class: 'line' }));
  return root;
}

function label(x, y, text, anchor) {
  const t = svg('text', { x, y, 'text-anchor': anchor });
  t.textContent = text;
  return t;
}

// The metrics and health links need the token too: fetch them with it and show the text here
// (health answers 503 when a type is down, with the reason in its body).
async function showRaw(event) {
  event.preventDefault();
  const path = event.currentTarget.getAttribute('href');
  try {
    const response = await get(path);
    if (!response) return;
    $('raw-title').textContent = path;
    $('raw').textContent = await response.text();
    $('raw-section').hidden = false;
    $('raw-section').scrollIntoView();
  } catch (e) {
    $('problem').textContent = 'Cannot load ' + path + ': ' + e.message;
    $('problem').hidden = false;
  }
}

document.addEventListener('DOMContentLoaded', () => {
  $('login').addEventListener('submit', (event) => {
    event.preventDefault();
    const token = $('token').value.trim();
    $('token').value = '';
    if (token) sessionStorage.setItem(TOKEN_KEY, token);
    load();
  });
  $('refresh').addEventListener('click', load);
  $('forget').addEventListener('click', () => { sessionStorage.removeItem(TOKEN_KEY); $('types').replaceChildren(); askForToken(null); });
  for (const a of document.querySelectorAll('a[data-raw]')) a.addEventListener('click', showRaw);
  load();
  setInterval(() => { if ($('login').hidden) load(); }, REFRESH_MS);
});
