// careerpath serve: the page's behaviour. It asks /api/ (the CLI's own JSON, SVG and HTML),
// builds every text with textContent (never markup from data), and keeps the question in the
// address so it can be bookmarked or sent.
'use strict';

(() => {
  const CRITERIA = [
    { by: 'months', what: 'Fastest', title: 'The fastest route' },
    { by: 'cost', what: 'Cheapest', title: 'The cheapest route' },
    { by: 'effort', what: 'Least effort', title: 'The route with least effort' },
    { by: 'steps', what: 'Fewest steps', title: 'The route with fewest steps' },
  ];
  const LIMITS = ['budget', 'max-months', 'max-steps', 'max-effort'];
  const LISTS = ['have', 'avoid', 'avoid-domain'];
  const SVG_NS = 'http://www.w3.org/2000/svg';

  const $ = (id) => document.getElementById(id);
  const roles = { list: [], byId: new Map(), byKey: new Map() };
  const credentials = new Set();
  let asked = 0; // the latest question: answers to earlier ones are dropped
  let current = null; // the question shown

  // ---- small helpers ----

  function el(tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'class') e.className = v;
      else e.setAttribute(k, v === true ? '' : String(v));
    }
    for (const c of children.flat()) {
      if (c === null || c === undefined || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  }

  const numberFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });
  const moneyFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
  // A table cell: its content in one box, which narrow screens set beside the column's name.
  function cell(name, cls, ...content) {
    return el('td', { class: cls, 'data-label': name }, el('div', { class: 'v' }, ...content));
  }

  const known = (v) => typeof v === 'number' && Number.isFinite(v);
  const num = (v) => (known(v) ? numberFormat.format(v) : 'unknown');
  const money = (v) => (known(v) ? '$' + moneyFormat.format(v) : 'unknown');
  const plural = (n, one, many) => (n === 1 ? one : many);
  const months = (v) => (known(v) ? `${num(v)} ${plural(v, 'month', 'months')}` : 'months unknown');
  const steps = (v) => `${v} ${plural(v, 'step', 'steps')}`;
  const figure = (by, v) =>
    by === 'cost' ? money(v) : by === 'months' ? months(v) : by === 'steps' ? steps(v) : `effort ${num(v)}`;

  function normalise(s) {
    return String(s)
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  }

  function label(id) {
    const r = roles.byId.get(id);
    return r ? r.label : id;
  }

  // ---- the API ----

  class ApiError extends Error {
    constructor(message, status) {
      super(message);
      this.status = status;
    }
  }

  function query(pairs) {
    const q = new URLSearchParams();
    for (const [k, v] of pairs) if (v !== undefined && v !== null && v !== '') q.append(k, v);
    return q.toString();
  }

  function apiUrl(command, pairs) {
    return `/api/${command}?${query(pairs)}`;
  }

  async function api(command, pairs, format = 'json') {
    const all = format === 'json' ? pairs : [...pairs, ['format', format]];
    const response = await fetch(apiUrl(command, all), { credentials: 'same-origin' });
    if (!response.ok) {
      let message = `${response.status} ${response.statusText}`;
      try {
        message = (await response.json()).error || message;
      } catch (e) {
        /* not JSON: keep the status line */
      }
      throw new ApiError(message, response.status);
    }
    return format === 'json' ? response.json() : response.text();
  }

  // ---- the question: the form, the address and the API's parameters ----

  function readForm() {
    const form = $('question');
    const q = {
      from: pickedValue($('from')),
      to: pickedValue($('to')),
      by: form.elements.by.value || 'months',
      k: $('k').value,
      pareto: $('pareto').value,
    };
    for (const name of LIMITS) q[name] = $(name).value.trim();
    q.have = tokens.have.values();
    q.avoid = tokens.avoid.values();
    q['avoid-domain'] = [...document.querySelectorAll('#domain-choices input:checked')].map((i) => i.value);
    return q;
  }

  function fillForm(q) {
    setPicked($('from'), q.from);
    setPicked($('to'), q.to);
    const radio = document.querySelector(`input[name=by][value="${CSS.escape(q.by)}"]`);
    (radio || document.querySelector('input[name=by][value=months]')).checked = true;
    $('k').value = [...$('k').options].some((o) => o.value === q.k) ? q.k : '1';
    $('pareto').value = [...$('pareto').options].some((o) => o.value === q.pareto) ? q.pareto : 'months,cost';
    for (const name of LIMITS) $(name).value = q[name] || '';
    tokens.have.set(q.have);
    tokens.avoid.set(q.avoid);
    for (const box of document.querySelectorAll('#domain-choices input'))
      box.checked = q['avoid-domain'].includes(box.value);
    const detailed = LIMITS.some((n) => q[n]) || LISTS.some((n) => q[n].length) || q.k !== '1';
    if (detailed) $('more').open = true;
    showChoices();
  }

  // Alternatives belong to one measure, the trade-off to several: show the choice that applies.
  function showChoices() {
    const tradeoff = $('question').elements.by.value === 'tradeoff';
    $('k').closest('.field').hidden = tradeoff;
    $('pareto').closest('.field').hidden = !tradeoff;
  }

  // The address: the same names as the API's (and the command line's) options.
  function pageQuery(q) {
    const pairs = [['from', q.from], ['to', q.to], ['by', q.by]];
    if (q.by === 'tradeoff') pairs.push(['pareto', q.pareto]);
    else if (q.k !== '1') pairs.push(['k', q.k]);
    for (const n of LIMITS) pairs.push([n, q[n]]);
    for (const n of LISTS) for (const v of q[n]) pairs.push([n, v]);
    return query(pairs);
  }

  function fromAddress(search) {
    const p = new URLSearchParams(search);
    const q = {
      from: p.get('from') || '',
      to: p.get('to') || '',
      by: p.get('by') || 'months',
      k: p.get('k') || '1',
      pareto: p.get('pareto') || 'months,cost',
    };
    for (const n of LIMITS) q[n] = p.get(n) || '';
    for (const n of LISTS) q[n] = p.getAll(n);
    return q;
  }

  // What the route engine is asked, before what is best: the limits and what is held.
  function conditions(q) {
    const pairs = [];
    for (const n of LIMITS) pairs.push([n, q[n]]);
    for (const n of LISTS) for (const v of q[n]) pairs.push([n, v]);
    return pairs;
  }

  const routeQuestion = (q, by, k) => [['from', q.from], ['to', q.to], ['by', by], ['k', k > 1 ? k : ''], ...conditions(q)];

  // ---- search-as-you-type (an ARIA combobox) ----

  function roleMatches(text) {
    const t = normalise(text);
    if (!t) return [];
    const words = t.split(' ');
    const scored = [];
    for (const r of roles.list) {
      let best = Infinity;
      for (const key of r.keys) {
        let s = Infinity;
        if (key === t) s = 0;
        else if (key.startsWith(t)) s = 1;
        else if (key.includes(' ' + t)) s = 2;
        else if (words.every((w) => key.startsWith(w) || key.includes(' ' + w))) s = 3;
        else if (key.includes(t)) s = 4;
        best = Math.min(best, s);
      }
      if (best < Infinity) scored.push([best, r]);
    }
    scored.sort((a, b) => a[0] - b[0] || a[1].label.localeCompare(b[1].label));
    return scored.slice(0, 8).map(([, r]) => ({ value: r.id, text: r.label, detail: r.domain, role: r }));
  }

  function credentialMatches(text) {
    const t = normalise(text);
    const all = [...credentials].sort((a, b) => a.localeCompare(b));
    return all
      .filter((c) => !t || normalise(c).includes(t))
      .slice(0, 8)
      .map((c) => ({ value: c, text: c, detail: '' }));
  }

  // Wires `input` and its listbox: arrows move, Enter picks, Escape closes.
  function combobox(input, source, onPick) {
    const list = $(input.getAttribute('aria-controls'));
    let items = [];
    let active = -1;

    function close() {
      list.hidden = true;
      input.setAttribute('aria-expanded', 'false');
      input.removeAttribute('aria-activedescendant');
      active = -1;
    }
    function highlight(i) {
      active = i;
      [...list.children].forEach((li, j) => li.setAttribute('aria-selected', String(j === i)));
      if (i >= 0 && list.children[i]) {
        input.setAttribute('aria-activedescendant', list.children[i].id);
        list.children[i].scrollIntoView({ block: 'nearest' });
      } else input.removeAttribute('aria-activedescendant');
    }
    function open() {
      items = source(input.value);
      list.replaceChildren(
        ...items.map((it, i) =>
          el('li', { id: `${list.id}-${i}`, role: 'option', 'aria-selected': 'false' }, el('span', {}, it.text), it.detail ? el('small', {}, it.detail) : null),
        ),
      );
      if (!items.length) return close();
      list.hidden = false;
      input.setAttribute('aria-expanded', 'true');
      highlight(-1);
    }
    function pick(i) {
      const it = items[i];
      close();
      if (it) onPick(it);
    }
    input.addEventListener('input', () => {
      delete input.dataset.value;
      input.removeAttribute('aria-invalid');
      open();
    });
    input.addEventListener('focus', () => {
      if (input.value && !input.dataset.value) open();
    });
    input.addEventListener('keydown', (e) => {
      const shown = !list.hidden;
      if (e.key === 'ArrowDown') {
        e.preventDefault();
        if (!shown) open();
        else highlight(Math.min(active + 1, items.length - 1));
      } else if (e.key === 'ArrowUp' && shown) {
        e.preventDefault();
        highlight(Math.max(active - 1, 0));
      } else if (e.key === 'Enter' && shown && (active >= 0 || items.length === 1)) {
        e.preventDefault();
        pick(active >= 0 ? active : 0);
      } else if (e.key === 'Escape' && shown) {
        e.preventDefault();
        close();
      } else if (e.key === 'Tab' && shown && active >= 0) {
        pick(active);
      }
    });
    input.addEventListener('blur', () => setTimeout(close, 150));
    // A click picks without taking the focus from the input first.
    list.addEventListener('mousedown', (e) => e.preventDefault());
    list.addEventListener('click', (e) => {
      const li = e.target.closest('li[role=option]');
      if (li) pick([...list.children].indexOf(li));
    });
    return { close };
  }

  // The role id a role field holds: the suggestion picked, else what was typed (the server
  // resolves names, aliases and spellings, and says which it cannot).
  function pickedValue(input) {
    return input.dataset.value || input.value.trim();
  }

  function setPicked(input, value) {
    const r = roles.byId.get(value) || roles.byKey.get(normalise(value));
    input.value = r ? r.label : value || '';
    if (r) input.dataset.value = r.id;
    else delete input.dataset.value;
    input.removeAttribute('aria-invalid');
  }

  function roleField(input) {
    combobox(input, roleMatches, (it) => setPicked(input, it.value));
  }

  // A list of names (credentials held, roles to avoid): chips, each removable.
  function tokenField(name, source, show) {
    const input = $(`${name}-input`);
    const chips = $(`${name}-chips`);
    let values = [];
    function render() {
      chips.replaceChildren(
        ...values.map((v, i) => {
          const text = show(v);
          const remove = el('button', { type: 'button', 'aria-label': `Remove ${text}`, title: 'Remove' }, '\u00d7');
          remove.addEventListener('click', () => {
            values.splice(i, 1);
            render();
            input.focus();
          });
          return el('li', {}, el('span', {}, text), remove);
        }),
      );
    }
    function add(v) {
      v = String(v).trim();
      if (v && !values.includes(v)) values.push(v);
      input.value = '';
      render();
    }
    combobox(input, source, (it) => add(it.value));
    input.addEventListener('keydown', (e) => {
      if (e.key === 'Enter' && !e.defaultPrevented && input.value.trim()) {
        e.preventDefault();
        add(input.value);
      }
    });
    return {
      values: () => [...values, ...(input.value.trim() ? [input.value.trim()] : [])],
      set: (vs) => {
        values = [...new Set(vs)];
        input.value = '';
        render();
      },
      add,
    };
  }

  const tokens = {};

  // ---- answers ----

  function setStatus(text, error) {
    const s = $('status');
    s.textContent = text;
    s.classList.toggle('error', Boolean(error));
  }

  function chain(route) {
    const parts = [];
    route.labels.forEach((l, i) => {
      if (i) parts.push(el('span', { class: 'arrow', 'aria-hidden': 'true' }, ' \u2192 '), el('span', { class: 'visually-hidden' }, ' to '));
      parts.push(l);
    });
    return parts;
  }

  function totalsText(route) {
    return `${steps(route.steps)}, ${months(route.months)}, ${money(route.cost)}, effort ${num(route.effort)}`;
  }

  function compareCard(c, q, outcome) {
    const card = el('button', { type: 'button', class: 'card', 'aria-pressed': String(q.by === c.by), 'data-by': c.by });
    card.append(el('span', { class: 'what' }, c.what));
    const route = outcome.status === 'fulfilled' ? outcome.value.routes[0] : null;
    if (route) {
      card.append(el('span', { class: 'big' }, figure(c.by, route[c.by])));
      card.append(el('span', { class: 'rest' }, totalsText(route)));
    } else {
      card.classList.add('none');
      card.append(el('span', { class: 'big' }, outcome.status === 'fulfilled' ? 'No route' : 'Not answered'));
    }
    card.addEventListener('click', () => {
      document.querySelector(`input[name=by][value=${c.by}]`).checked = true;
      submit();
    });
    return card;
  }

  function requirements(t) {
    const held = new Set(t.held || []);
    const earn = new Set(t.to_earn || []);
    const items = (t.requires || []).map((r) => {
      const kind = held.has(r) ? 'held' : earn.has(r) ? 'earn' : 'other';
      const tag = { held: 'held', earn: 'to earn', other: 'needs' }[kind];
      return el('li', { class: kind }, el('span', { class: 'tag' }, tag), r);
    });
    return items.length ? el('ul', { class: 'req' }, items) : '\u2014';
  }

  function stepRow(t, i) {
    const sources = t.source ? el('details', {}, el('summary', {}, 'Sources'), t.source) : null;
    return el(
      'tr',
      {},
      cell('Step', null, String(i + 1)),
      cell('Move', null, label(t.from), el('span', { class: 'arrow', 'aria-hidden': 'true' }, ' \u2192 '), el('span', { class: 'visually-hidden' }, ' to '), label(t.to)),
      cell('Months', 'n', num(t.months)),
      cell('Cost', 'n', money(t.cost)),
      cell('Effort', 'n', num(t.effort)),
      cell('What it takes', null, requirements(t)),
      cell('Notes', 'note', t.note || '', sources),
    );
  }

  // A route as a row: `first` names the first column (its rank or letter, or its role).
  function routeRow(route, first, key) {
    return el(
      'tr',
      {},
      cell(first, null, key),
      cell('Route', null, chain(route)),
      cell('Steps', 'n', String(route.steps)),
      cell('Months', 'n', num(route.months)),
      cell('Cost', 'n', money(route.cost)),
      cell('Effort', 'n', num(route.effort)),
    );
  }

  // Only drawing elements survive, and no attribute that could run or fetch anything.
  const SVG_ELEMENTS = new Set(['svg', 'g', 'title', 'desc', 'path', 'polygon', 'polyline', 'ellipse', 'circle', 'rect', 'line', 'text', 'tspan', 'defs', 'lineargradient', 'radialgradient', 'stop']);
  function cleanSvg(node) {
    for (const child of [...node.children]) {
      if (!SVG_ELEMENTS.has(child.localName.toLowerCase())) child.remove();
      else cleanSvg(child);
    }
    for (const a of [...node.attributes]) {
      const n = a.name.toLowerCase();
      if (n.startsWith('on') || n === 'style' || n.endsWith('href')) node.removeAttribute(a.name);
    }
  }

  async function drawInto(box, command, pairs, token) {
    box.replaceChildren(el('p', { class: 'loading' }, 'Drawing\u2026'));
    try {
      const text = await api(command, pairs, 'svg');
      if (token !== asked) return;
      const doc = new DOMParser().parseFromString(text, 'image/svg+xml');
      const svg = doc.documentElement;
      if (svg.localName !== 'svg') throw new Error('the drawing could not be read');
      cleanSvg(svg);
      // Its own size in pixels (Graphviz gives points): narrow screens scroll, not shrink, it.
      const vb = (svg.getAttribute('viewBox') || '').split(/[ ,]+/).map(Number);
      if (vb.length === 4 && vb.every(Number.isFinite)) {
        svg.setAttribute('width', String(Math.ceil(vb[2])));
        svg.setAttribute('height', String(Math.ceil(vb[3])));
      }
      svg.setAttribute('role', 'img');
      const title = svg.querySelector('title');
      if (title) svg.setAttribute('aria-label', title.textContent);
      box.replaceChildren(document.importNode(svg, true));
    } catch (e) {
      if (token === asked) box.replaceChildren(el('p', { class: 'loading' }, `No drawing: ${e.message}`));
    }
  }

  function showRoute(q, answer, token) {
    const route = answer.routes[0];
    const what = CRITERIA.find((c) => c.by === q.by);
    $('route').hidden = false;
    $('route-title').textContent = what ? what.title : 'The best route';
    const totals = $('route-totals');
    totals.replaceChildren(el('strong', {}, figure(q.by, route[q.by])), ` \u2014 ${totalsText(route)}`);
    $('steps').tBodies[0].replaceChildren(...route.transitions.map(stepRow));
    const handout = handoutUrl(q);
    $('handout').href = handout;
    drawInto($('drawing'), 'route', routeQuestion(q, q.by, 1), token);
    const more = answer.routes.slice(1);
    $('alternatives').hidden = more.length === 0;
    $('alternatives-title').textContent = `Alternatives: the best ${answer.routes.length} routes, best first`;
    const seen = new Set();
    $('alternatives-table').tBodies[0].replaceChildren(
      ...answer.routes.map((r, i) => {
        const row = routeRow(r, 'Rank', String(i + 1));
        const roles = r.roles.join('>');
        // Parallel moves: the same roles, a different way of making one of the moves.
        if (seen.has(roles)) row.cells[1].firstChild.append(el('small', {}, ' (the same roles, by a different move)'));
        seen.add(roles);
        return row;
      }),
    );
  }

  function noRoute(q, answer) {
    $('route').hidden = true;
    $('alternatives').hidden = true;
    const limited = LIMITS.some((n) => q[n]) || LISTS.some((n) => q[n].length);
    setStatus(`No route from ${label(answer.from)} to ${label(answer.to)}${limited ? ' within these limits' : ''}.`, true);
  }

  async function askRoutes(q, token) {
    const main = api('route', routeQuestion(q, q.by, Number(q.k)));
    const outcomes = await Promise.allSettled(CRITERIA.map((c) => (c.by === q.by ? main : api('route', routeQuestion(q, c.by, 1)))));
    if (token !== asked) return;
    const mine = outcomes[CRITERIA.findIndex((c) => c.by === q.by)];
    if (mine.status === 'rejected') throw mine.reason;
    $('compare').replaceChildren(...CRITERIA.map((c, i) => compareCard(c, q, outcomes[i])));
    $('compare').hidden = false;
    const answer = mine.value;
    $('answer-title').textContent = `${label(answer.from)} to ${label(answer.to)}`;
    if (!answer.routes.length) return noRoute(q, answer);
    setStatus('');
    showRoute(q, answer, token);
  }

  // ---- the trade-off: every route no other beats on all the chosen measures ----

  // A round step for about four ticks up to `max`: 1, 2, 2.5 or 5 times a power of ten.
  function tickStep(max) {
    const rough = max / 4, power = 10 ** Math.floor(Math.log10(rough));
    return [1, 2, 2.5, 5, 10].map((m) => m * power).find((s) => s >= rough);
  }

  function chart(routes, xBy, yBy) {
    const W = 560, H = 300, L = 86, R = 20, T = 20, B = 46; // L: room for "$100,000" and the axis name
    const xs = routes.map((r) => r[xBy]).filter(known), ys = routes.map((r) => r[yBy]).filter(known);
    const xStep = tickStep(Math.max(...xs, 1)), yStep = tickStep(Math.max(...ys, 1));
    const xMax = Math.ceil(Math.max(...xs, 1) / xStep) * xStep, yMax = Math.ceil(Math.max(...ys, 1) / yStep) * yStep;
    const X = (v) => L + (v / xMax) * (W - L - R);
    const Y = (v) => H - B - (v / yMax) * (H - T - B);
    const s = (tag, attrs, text) => {
      const e = document.createElementNS(SVG_NS, tag);
      for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
      if (text !== undefined) e.textContent = text;
      return e;
    };
    const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-labelledby': 'tradeoff-chart-title' });
    svg.append(s('title', { id: 'tradeoff-chart-title' }, `Each route's ${xBy} against its ${yBy}`));
    const tick = (by, v) => (by === 'cost' ? money(v) : num(v));
    for (let yv = 0; yv <= yMax + 1e-9; yv += yStep) {
      svg.append(s('line', { class: 'grid-line', x1: L, x2: W - R, y1: Y(yv), y2: Y(yv) }));
      svg.append(s('text', { x: L - 8, y: Y(yv) + 4, 'text-anchor': 'end' }, tick(yBy, yv)));
    }
    for (let xv = 0; xv <= xMax + 1e-9; xv += xStep)
      svg.append(s('text', { x: X(xv), y: H - B + 18, 'text-anchor': 'middle' }, tick(xBy, xv)));
    svg.append(s('line', { class: 'axis', x1: L, x2: W - R, y1: H - B, y2: H - B }));
    svg.append(s('line', { class: 'axis', x1: L, x2: L, y1: T, y2: H - B }));
    svg.append(s('text', { x: (L + W - R) / 2, y: H - 6, 'text-anchor': 'middle' }, xBy));
    svg.append(s('text', { x: 12, y: (T + H - B) / 2, 'text-anchor': 'middle', transform: `rotate(-90 12 ${(T + H - B) / 2})` }, yBy));
    const order = routes.map((r, i) => [r, i]).sort((a, b) => a[0][xBy] - b[0][xBy]);
    svg.append(s('polyline', { class: 'frontier', points: order.map(([r]) => `${X(r[xBy])},${Y(r[yBy])}`).join(' ') }));
    for (const [r, i] of order) {
      const letter = String.fromCharCode(65 + (i % 26));
      const g = s('g', {});
      g.append(s('title', {}, `Route ${letter}: ${totalsText(r)}`));
      g.append(s('circle', { class: 'point', cx: X(r[xBy]), cy: Y(r[yBy]), r: 7 }));
      g.append(s('text', { class: 'point-label', x: X(r[xBy]) + 10, y: Y(r[yBy]) - 8 }, letter));
      svg.append(g);
    }
    return svg;
  }

  async function askTradeoff(q, token) {
    const answer = await api('route', [['from', q.from], ['to', q.to], ['pareto', q.pareto], ...conditions(q)]);
    if (token !== asked) return;
    $('answer-title').textContent = `${label(answer.from)} to ${label(answer.to)}`;
    if (!answer.routes.length) return noRoute(q, answer);
    setStatus('');
    const by = q.pareto.split(',');
    const names = { months: 'time', cost: 'money', effort: 'effort' };
    $('tradeoff').hidden = false;
    $('tradeoff-explain').textContent =
      `${answer.routes.length} ${plural(answer.routes.length, 'route', 'routes')}, none beaten on ${by.map((b) => names[b]).join(' and ')} by another: ` +
      'each one left is worth choosing for some way of weighing them.';
    $('tradeoff-chart').replaceChildren(chart(answer.routes, by[0], by[1]));
    $('tradeoff-table').tBodies[0].replaceChildren(...answer.routes.map((r, i) => routeRow(r, 'Route', String.fromCharCode(65 + (i % 26)))));
  }

  // ---- the three further answers, asked when opened ----

  function sweepTable(routes, roleOf, first) {
    const body = routes.map((r) => routeRow(r, first, label(roleOf(r))));
    const head = ['Route', 'Steps', 'Months', 'Cost', 'Effort'].map((h, i) => el('th', { scope: 'col', class: i ? 'n' : null }, h));
    return el('div', { class: 'table-wrap' }, el('table', { class: 'routes' }, el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, first), head)), el('tbody', {}, body)));
  }

  function drawButton(box, command, pairs, token) {
    const b = el('button', { type: 'button', class: 'secondary' }, 'Draw it');
    const fig = el('figure', { class: 'drawing', tabindex: '0', 'aria-label': 'The drawing (scrolls sideways)' });
    b.addEventListener('click', () => {
      b.remove();
      drawInto(fig, command, pairs, token);
    });
    box.append(b, fig);
  }

  const extras = {
    async reach(q, box, token) {
      const pairs = [['from', q.from], ['by', q.by === 'tradeoff' ? 'months' : q.by], ...conditions(q)];
      const j = await api('reach', pairs);
      if (token !== asked) return;
      const list = j.reachable || [];
      box.replaceChildren(
        el('p', {}, list.length ? `${list.length} ${plural(list.length, 'role', 'roles')} within reach of ${label(q.from)}, each by its best route:` : 'No role is within reach under these limits.'),
        list.length ? sweepTable(list, (r) => r.role, 'Role') : '',
      );
      if (list.length) drawButton(box, 'reach', pairs, token);
    },
    async into(q, box, token) {
      const pairs = [['to', q.to], ['by', q.by === 'tradeoff' ? 'months' : q.by], ...conditions(q)];
      const j = await api('into', pairs);
      if (token !== asked) return;
      const list = j.into || [];
      box.replaceChildren(
        el('p', {}, list.length ? `${list.length} ${plural(list.length, 'role leads', 'roles lead')} into ${label(q.to)}; from each, its best route:` : `No role leads into ${label(q.to)} under these limits.`),
        list.length ? sweepTable(list, (r) => r.roles[0], 'From') : '',
      );
      if (list.length) drawButton(box, 'into', pairs, token);
    },
    async whatif(q, box, token) {
      const by = q.by === 'tradeoff' ? 'months' : q.by;
      const j = await api('whatif', [['from', q.from], ['to', q.to], ['by', by], ...conditions(q)]);
      if (token !== asked) return;
      const list = j.credentials || [];
      for (const c of list) credentials.add(c.credential);
      const rows = list.map((c) => {
        const hold = el('button', { type: 'button', class: 'link' }, 'I hold this');
        hold.addEventListener('click', () => {
          tokens.have.add(c.credential);
          $('more').open = true;
          submit();
        });
        return el(
          'tr',
          {},
          cell('Credential', null, c.credential),
          cell('Saves', 'n', c.opens_a_route ? 'opens a route' : figure(by, c.saves)),
          cell('Best route then', null, c.route ? totalsText(c.route) : 'none'),
          cell('', null, hold),
        );
      });
      const head = ['Credential', 'Saves', 'Best route then', ''].map((h, i) => el('th', { scope: 'col', class: i === 1 ? 'n' : null }, h));
      box.replaceChildren(
        el('p', {}, j.now ? `Now: ${totalsText(j.now)}. If you held one more credential:` : 'There is no route now. If you held one more credential:'),
        el('div', { class: 'table-wrap' }, el('table', { class: 'routes' }, el('thead', {}, el('tr', {}, head)), el('tbody', {}, rows))),
      );
    },
  };

  function askExtra(name) {
    const box = $(name).querySelector('.extra-body');
    if (!current || !$(name).open || box.dataset.asked === String(asked)) return;
    box.dataset.asked = String(asked);
    const token = asked;
    box.replaceChildren(el('p', { class: 'loading' }, 'Asking\u2026'));
    extras[name](current, box, token).catch((e) => {
      if (token === asked) box.replaceChildren(el('p', { class: 'status error' }, e.message));
    });
  }

  // ---- asking ----

  function resetAnswer() {
    for (const id of ['route', 'alternatives', 'tradeoff', 'compare']) $(id).hidden = true;
    $('drawing').replaceChildren();
    for (const name of Object.keys(extras)) delete $(name).querySelector('.extra-body').dataset.asked;
  }

  function markInvalid(message) {
    for (const id of ['from', 'to']) {
      const v = pickedValue($(id));
      if (v && message.includes(`'${v}'`)) $(id).setAttribute('aria-invalid', 'true');
    }
  }

  async function ask(q) {
    const token = ++asked;
    current = q;
    $('answer').hidden = false;
    resetAnswer();
    $('answer-title').textContent = `${label(q.from)} to ${label(q.to)}`;
    setStatus('Finding routes\u2026');
    try {
      if (q.by === 'tradeoff') await askTradeoff(q, token);
      else await askRoutes(q, token);
    } catch (e) {
      if (token !== asked) return;
      setStatus(e.message, true);
      markInvalid(e.message);
      return;
    }
    if (token !== asked) return;
    for (const name of Object.keys(extras)) askExtra(name);
  }

  function submit() {
    const q = readForm();
    const missing = !q.from ? 'from' : !q.to ? 'to' : null;
    $('form-error').textContent = missing ? `Choose ${missing === 'from' ? 'where you are now' : 'the role you want'} first.` : '';
    if (missing) {
      $(missing).setAttribute('aria-invalid', 'true');
      $(missing).focus();
      return;
    }
    const search = '?' + pageQuery(q);
    if (search !== location.search) history.pushState(null, '', search);
    ask(q).then(() => $('answer').focus({ preventScroll: false }));
  }

  // ---- printing: the handout the command line makes for the same question ----

  function handoutUrl(q) {
    return apiUrl('route', [...routeQuestion(q, q.by === 'tradeoff' ? 'months' : q.by, Number(q.k)), ['format', 'html']]);
  }

  async function printHandout() {
    let url = handoutUrl(current);
    // A handout of one route where the command line draws only one (--k is for text and JSON).
    const head = await fetch(url, { method: 'HEAD' });
    if (head.status === 400) url = apiUrl('route', [...routeQuestion(current, current.by === 'tradeoff' ? 'months' : current.by, 1), ['format', 'html']]);
    let frame = $('print-frame');
    if (frame) frame.remove();
    frame = el('iframe', { id: 'print-frame', class: 'print-frame', title: 'The handout, for printing', tabindex: '-1', 'aria-hidden': 'true' });
    frame.addEventListener('load', () => {
      frame.contentWindow.focus();
      frame.contentWindow.print();
    });
    frame.src = url;
    document.body.append(frame);
  }

  // ---- start ----

  function indexRoles(list) {
    roles.list = list.map((r) => {
      const aliases = Array.isArray(r.aliases) ? r.aliases : [];
      const keys = [r.label, r.id, ...aliases].map(normalise);
      // "Chief Nursing Information Officer (CNIO)": the words in parentheses on their own too.
      const paren = /\(([^)]+)\)/.exec(r.label);
      if (paren) keys.push(normalise(paren[1]));
      return { ...r, keys };
    });
    for (const r of roles.list) {
      roles.byId.set(r.id, r);
      for (const k of r.keys) if (!roles.byKey.has(k)) roles.byKey.set(k, r);
    }
    const domains = [...new Set(roles.list.map((r) => r.domain).filter(Boolean))].sort();
    $('domain-choices').replaceChildren(...domains.map((d) => el('label', {}, el('input', { type: 'checkbox', value: d }), ' ', d)));
    $('domains').hidden = domains.length === 0;
  }

  async function start() {
    roleField($('from'));
    roleField($('to'));
    tokens.have = tokenField('have', credentialMatches, (v) => v);
    tokens.avoid = tokenField('avoid', roleMatches, label);
    $('question').addEventListener('submit', (e) => {
      e.preventDefault();
      submit();
    });
    $('swap').addEventListener('click', () => {
      const a = pickedValue($('from')), b = pickedValue($('to'));
      setPicked($('from'), b);
      setPicked($('to'), a);
    });
    for (const radio of $('question').elements.by) radio.addEventListener('change', showChoices);
    $('print').addEventListener('click', () => printHandout().catch((e) => setStatus(e.message, true)));
    for (const name of Object.keys(extras)) $(name).addEventListener('toggle', () => askExtra(name));
    window.addEventListener('popstate', () => {
      const q = fromAddress(location.search);
      fillForm(q);
      if (q.from && q.to) ask(q);
      else $('answer').hidden = true;
    });
    api('validate', [])
      .then((v) => {
        const name = String(v.graph);
        $('graph-name').textContent =
          `${name.charAt(0).toUpperCase()}${name.slice(1)}: ${v.roles} roles and ${v.transitions} moves between them. ` +
          'Where you are now, where you want to be, and the routes between.';
      })
      .catch(() => {});
    try {
      indexRoles(await api('roles', []));
    } catch (e) {
      setStatus(`The roles could not be read: ${e.message}`, true);
    }
    const q = fromAddress(location.search);
    fillForm(q);
    if (q.from && q.to) ask(q);
    document.documentElement.dataset.ready = 'true';
  }

  start();
})();
