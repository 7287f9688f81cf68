/*
 * mediapath console page: live progress, form errors beside fields, port maps, ICE timelines,
 * route paths, the pasted-route analysis. Vanilla JavaScript, no library, works offline.
 * Every value from the server is placed with textContent or setAttribute, never innerHTML.
 */
(function () {
	'use strict';
	var SVG = 'http://www.w3.org/2000/svg';
	var root = document.getElementById('mediapath');
	if (!root) { return; }

	function json(id) {
		var e = document.getElementById(id);
		try { return e ? JSON.parse(e.textContent) : {}; } catch (x) { return {}; }
	}
	var T = json('mp-i18n');
	var data = json('mp-data');
	function t(key) {
		var s = T[key] || key;
		for (var i = 1; i < arguments.length; i++) {
			if (arguments[i] !== undefined) { s = s.split('{' + (i - 1) + '}').join(String(arguments[i])); }
		}
		return s;
	}
	function el(tag, attrs, text) {
		var e = document.createElement(tag);
		for (var k in (attrs || {})) { e.setAttribute(k, attrs[k]); }
		if (text !== undefined && text !== null) { e.textContent = String(text); }
		return e;
	}
	function svg(tag, attrs, text) {
		var e = document.createElementNS(SVG, tag);
		for (var k in (attrs || {})) { e.setAttribute(k, attrs[k]); }
		if (text !== undefined && text !== null) { e.textContent = String(text); }
		return e;
	}
	function clear(e) { while (e.firstChild) { e.removeChild(e.firstChild); } }
	function safeId(s) { return String(s).replace(/[^A-Za-z0-9_-]/g, '_'); }
	function token() {
		var e = document.getElementById('mp-csrf');
		return e ? e.value : '';
	}
	function post(url, form) {
		var body = new URLSearchParams(new FormData(form));
		return fetch(url, {
			method: 'POST', credentials: 'same-origin', body: body,
			headers: { 'Accept': 'application/json', 'X-Mediapath-CSRF': token() }
		}).then(function (r) {
			return r.json().catch(function () { return {}; }).then(function (b) { return { status: r.status, body: b }; });
		});
	}

	/* ---------- form: errors next to the fields, then live progress ---------- */
	var form = document.getElementById('mp-form');
	function showErrors(errors, general) {
		var fields = form.querySelectorAll('.mp-field');
		for (var i = 0; i < fields.length; i++) { fields[i].classList.remove('mp-invalid'); }
		var spans = form.querySelectorAll('span.mp-error');
		for (var j = 0; j < spans.length; j++) { spans[j].textContent = ''; }
		var inputs = form.querySelectorAll('input[aria-invalid]');
		for (var k = 0; k < inputs.length; k++) { inputs[k].removeAttribute('aria-invalid'); }
		var first = null;
		Object.keys(errors || {}).forEach(function (field) {
			var span = document.getElementById('mp-error-' + safeId(field));
			var input = document.getElementById('mp-' + safeId(field));
			if (span) { span.textContent = errors[field]; }
			if (input) {
				input.setAttribute('aria-invalid', 'true');
				input.parentNode.classList.add('mp-invalid');
				first = first || input;
			}
		});
		var box = document.getElementById('mp-form-error');
		box.textContent = general || '';
		box.hidden = !general;
		if (first) { first.focus(); }
	}
	var pick = document.getElementById('mp-pbx');
	if (pick) {
		// "a server by hand" opens its fields; a PBX kept by name needs none of them
		pick.addEventListener('change', function () {
			var byHand = document.getElementById('mp-byhand');
			if (byHand) { byHand.open = pick.value === ''; }
		});
	}
	if (form) {
		form.addEventListener('submit', function (ev) {
			ev.preventDefault();
			post(form.getAttribute('action'), form).then(function (r) {
				if (r.status === 202) {
					showErrors({}, '');
					if (window.history && r.body.pageUrl) { window.history.replaceState(null, '', r.body.pageUrl); }
					var runField = document.getElementById('mp-cancel-run');
					if (runField) { runField.value = r.body.runId; }
					startProgress(r.body.progressUrl);
				} else if (r.status === 403) {
					showErrors({}, t('error.csrf'));
				} else {
					showErrors(r.body.errors || {}, r.body.error || t('form.invalid'));
				}
			}).catch(function (e) { showErrors({}, String(e)); });
		});
	}

	/* ---------- live progress ---------- */
	var timer = null;
	function startProgress(url) {
		var section = document.getElementById('mp-progress');
		if (!section || !url) { return; }
		section.hidden = false;
		var report = document.getElementById('mp-report');
		if (report) { report.hidden = true; }
		if (timer) { clearTimeout(timer); }
		poll(url);
	}
	/* Polling backs off after errors (2, 4, 8, 16 s) and stops with a message after the last try,
	   instead of asking a console that is gone once a second forever. */
	var MAX_POLL_FAILURES = 5;
	var pollFailures = 0;
	function poll(url) {
		fetch(url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
			.then(function (r) {
				if (r.status !== 200 && r.status !== 404) { throw new Error('HTTP ' + r.status); }
				return r.json();
			})
			.then(function (p) {
				pollFailures = 0;
				renderProgress(p);
				if (p.done || p.error) { return; }
				timer = setTimeout(function () { poll(url); }, 1000);
			})
			.catch(function () {
				pollFailures++;
				if (pollFailures >= MAX_POLL_FAILURES) {
					var status = document.getElementById('mp-progress-status');
					status.textContent = t('progress.polling.stopped', pollFailures);
					status.setAttribute('data-stopped', 'true');
					return;
				}
				timer = setTimeout(function () { poll(url); }, 1000 * Math.pow(2, pollFailures));
			});
	}
	function renderProgress(p) {
		var status = document.getElementById('mp-progress-status');
		var body = document.querySelector('#mp-progress-checks tbody');
		if (p.error) { status.textContent = p.error; return; }
		clear(body);
		(p.checks || []).forEach(function (c) {
			var tr = el('tr', { id: 'mp-progress-' + safeId(c.id), 'class': 'mp-status-' + c.state, 'data-state': c.state });
			tr.appendChild(el('td', {}, c.title + ' (' + c.id + ')'));
			var td = el('td');
			td.appendChild(el('span', { 'class': 'mp-badge mp-badge-' + c.state }, t('state.' + c.state)));
			if (c.state === 'running' && c.fraction > 0) {
				td.appendChild(el('progress', { max: '1', value: String(c.fraction) }));
			}
			tr.appendChild(td);
			tr.appendChild(el('td', {}, c.elapsedMillis));
			tr.appendChild(el('td', {}, c.message || ''));
			body.appendChild(tr);
		});
		var secs = Math.round((p.elapsedMillis || 0) / 100) / 10 + ' s';
		if (p.failure) {
			status.textContent = t('progress.failed', p.failure);
		} else if (p.done) {
			var cancel = document.getElementById('mp-cancel');
			if (cancel) { cancel.disabled = true; }
			status.textContent = t('progress.done') + ' ' + (p.verdict || '');
			var link = document.getElementById('mp-progress-open');
			var href = data.pluginRoot + '?report=' + encodeURIComponent(p.reportId);
			link.setAttribute('href', href);
			link.hidden = false;
			link.focus();
			window.location.assign(href);
		} else if (p.queuePosition) {
			status.textContent = t('progress.queued', p.queuePosition, data.maxConcurrentRuns);
			status.setAttribute('data-queue-position', String(p.queuePosition));
		} else {
			status.removeAttribute('data-queue-position');
			status.textContent = t('progress.running', secs);
		}
	}
	if (data.progressUrl) { startProgress(data.progressUrl); }
	var cancelForm = document.getElementById('mp-cancel-form');
	if (cancelForm) {
		cancelForm.addEventListener('submit', function (ev) {
			ev.preventDefault();
			post(cancelForm.getAttribute('action'), cancelForm).then(function (r) {
				var status = document.getElementById('mp-progress-status');
				status.textContent = r.status === 200 ? t('progress.cancelled') : (r.body.error || String(r.status));
				document.getElementById('mp-cancel').disabled = true;
			});
		});
	}

	/* ---------- port maps ---------- */
	var COLOURS = {
		CLIENT_TO_SERVER: { pass: '#2e7d32', blocked: '#c62828' },
		SERVER_TO_CLIENT: { pass: '#00838f', blocked: '#8e24aa' },
		other: '#f9a825', none: '#cfd8dc'
	};
	function colour(direction, outcome) {
		var d = COLOURS[direction] || COLOURS.CLIENT_TO_SERVER;
		// the probes' outcomes, and the states of a user's browser test (CONNECTED, ONE_WAY, SILENT, NOT_TRIED)
		if (outcome === 'PASS' || outcome === 'CONNECTED') { return d.pass; }
		if (outcome === 'SILENT' || outcome === 'REJECTED' || outcome === 'UNREACHABLE' || outcome === 'BLOCKED_LOCALLY'
			|| outcome === 'ONE_WAY') { return d.blocked; }
		if (outcome === 'CLOSED' || outcome === 'IN_USE' || outcome === 'NOT_TRIED') { return COLOURS.other; }
		return COLOURS.none;
	}
	function outcomeOf(map, port) {
		for (var i = 0; i < map.runs.length; i++) {
			var r = map.runs[i];
			if (port >= r.first && port <= r.last) { return r; }
		}
		return null;
	}
	function drawPortMap(container, map, index) {
		var size = map.last - map.first + 1;
		var cols = Math.min(128, size);
		var cell = Math.max(3, Math.min(24, Math.floor(512 / cols)));
		var rows = Math.ceil(size / cols);
		var fig = el('figure', { 'class': 'mp-portmap', id: 'mp-portmap-' + safeId(map.checkId) });
		fig.appendChild(el('figcaption', {}, map.title + ' \u2014 ' + t('pictures.direction.' + map.direction)
			+ ' \u2014 ' + map.first + '-' + map.last + (map.address ? ' @ ' + map.address : '')));
		var canvas = el('canvas', {
			width: String(cols * cell), height: String(rows * cell), tabindex: '0', role: 'img',
			'aria-label': map.title + ' ' + map.first + '-' + map.last
		});
		var ctx = canvas.getContext && canvas.getContext('2d');
		if (ctx) {
			for (var i = 0; i < size; i++) {
				var run = outcomeOf(map, map.first + i);
				ctx.fillStyle = colour(map.direction, run ? run.outcome : null);
				ctx.fillRect((i % cols) * cell, Math.floor(i / cols) * cell, cell - (cell > 4 ? 1 : 0), cell - (cell > 4 ? 1 : 0));
			}
		}
		var info = el('p', { 'class': 'mp-portinfo', id: 'mp-portinfo-' + index, 'aria-live': 'polite' }, '\u00a0');
		var cursor = 0;
		function describe(i) {
			var port = map.first + i;
			var run = outcomeOf(map, port);
			var text = 'UDP ' + port + ': ' + (run ? run.outcome + ' (' + run.first + '-' + run.last + ', '
				+ run.probed + ' probed)' : t('pictures.legend.unprobed')) + ' \u2014 ' + t('pictures.direction.' + map.direction);
			info.textContent = text;
			canvas.setAttribute('title', text);
		}
		canvas.addEventListener('mousemove', function (ev) {
			var rect = canvas.getBoundingClientRect();
			var scale = canvas.width / rect.width;
			var x = Math.floor((ev.clientX - rect.left) * scale / cell);
			var y = Math.floor((ev.clientY - rect.top) * scale / cell);
			var i = y * cols + x;
			if (x >= 0 && x < cols && i >= 0 && i < size) { cursor = i; describe(i); }
		});
		canvas.addEventListener('focus', function () { describe(cursor); });
		canvas.addEventListener('keydown', function (ev) {
			var step = { ArrowRight: 1, ArrowLeft: -1, ArrowDown: cols, ArrowUp: -cols, PageDown: cols * 8, PageUp: -cols * 8 }[ev.key];
			if (ev.key === 'Home') { cursor = 0; } else if (ev.key === 'End') { cursor = size - 1; }
			else if (step) { cursor = Math.max(0, Math.min(size - 1, cursor + step)); } else { return; }
			ev.preventDefault();
			describe(cursor);
		});
		fig.appendChild(canvas);
		fig.appendChild(info);
		var legend = el('ul', { 'class': 'mp-legend' });
		[['pictures.legend.pass', colour(map.direction, 'PASS')], ['pictures.legend.blocked', colour(map.direction, 'SILENT')],
			['pictures.legend.other', COLOURS.other], ['pictures.legend.unprobed', COLOURS.none]].forEach(function (l) {
			var li = el('li');
			li.appendChild(el('span', { 'class': 'mp-swatch', style: 'background:' + l[1] }));
			li.appendChild(document.createTextNode(t(l[0])));
			legend.appendChild(li);
		});
		fig.appendChild(legend);
		container.insertBefore(fig, container.querySelector('details'));
	}
	var portmaps = document.getElementById('mp-portmaps');
	(data.portMaps || []).forEach(function (m, i) { if (portmaps) { drawPortMap(portmaps, m, i); } });

	/* ---------- ICE timelines ---------- */
	function drawTimeline(container, tl) {
		var events = tl.events || [];
		var max = Math.max(1, events.reduce(function (a, e) { return Math.max(a, e.atMillis); }, 0));
		var w = 720, h = 90, left = 20, right = 20, axis = 55;
		var fig = el('figure', { 'class': 'mp-timeline', id: 'mp-ice-' + safeId(tl.checkId) });
		fig.appendChild(el('figcaption', {}, tl.title + ' (' + tl.status + ')'));
		// drawn at its natural size (the stylesheet only shrinks it to fit a narrow window)
		var s = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', 'aria-label': tl.title, width: String(w), height: String(h) });
		s.appendChild(svg('line', { x1: left, y1: axis, x2: w - right, y2: axis, stroke: '#555' }));
		var details = el('ul', { 'class': 'mp-ice-events' });
		events.forEach(function (e, i) {
			var x = left + (w - left - right) * e.atMillis / max;
			// labels at either end are anchored inwards, so they are not cut off at the picture's edge
			var anchor = x < left + 60 ? 'start' : x > w - right - 60 ? 'end' : 'middle';
			var failed = /FAIL/i.test(e.state);
			var ok = /COMPLETED|CONNECTED|SUCCEEDED/i.test(e.state);
			var g = svg('g', { tabindex: '0' });
			g.appendChild(svg('title', {}, e.state + ' @ ' + e.atMillis + ' ms' + (e.detail ? ': ' + e.detail : '')));
			g.appendChild(svg('circle', { cx: x, cy: axis, r: 6, fill: failed ? '#c62828' : ok ? '#2e7d32' : '#1565c0' }));
			g.appendChild(svg('text', { x: x, y: i % 2 ? axis + 22 : axis - 14, 'text-anchor': anchor, 'font-size': '11' }, e.state));
			g.appendChild(svg('text', { x: x, y: i % 2 ? axis + 34 : axis - 26, 'text-anchor': anchor, 'font-size': '10', fill: '#555' }, e.atMillis + ' ms'));
			s.appendChild(g);
			if (e.detail) { details.appendChild(el('li', {}, e.state + ' @ ' + e.atMillis + ' ms: ' + e.detail)); }
		});
		fig.appendChild(s);
		if (details.firstChild) { fig.appendChild(details); }
		if ((tl.pairs || []).length) {
			var ul = el('ul', { 'class': 'mp-pairs' });
			tl.pairs.forEach(function (p) { ul.appendChild(el('li', {}, p.local + ' \u2192 ' + p.remote + ': ' + p.state)); });
			fig.appendChild(ul);
		}
		container.appendChild(fig);
	}
	var ice = document.getElementById('mp-icetimelines');
	(data.iceTimelines || []).forEach(function (tl) { if (ice) { drawTimeline(ice, tl); } });

	/* ---------- route path ---------- */
	function drawRoute(container, path) {
		var nodes = path.nodes || [];
		var bw = 150, gap = 40, h = 80, w = nodes.length * bw + (nodes.length - 1) * gap + 10;
		var fig = el('figure', { 'class': 'mp-routefig' });
		var s = svg('svg', { viewBox: '0 0 ' + w + ' ' + h, role: 'img', width: String(w), height: String(h), 'aria-label':
			nodes.map(function (n) { return n.label; }).join(' \u2192 ') });
		var defs = svg('defs');
		var marker = svg('marker', { id: 'mp-arrow', markerWidth: '8', markerHeight: '8', refX: '7', refY: '4', orient: 'auto' });
		marker.appendChild(svg('path', { d: 'M0,0 L8,4 L0,8 z', fill: '#555' }));
		defs.appendChild(marker);
		s.appendChild(defs);
		nodes.forEach(function (n, i) {
			var x = 5 + i * (bw + gap);
			var fill = n.kind === 'vpn' ? '#fff3e0' : n.kind === 'server' ? '#e3f2fd' : '#f5f5f5';
			var g = svg('g', { 'data-kind': n.kind });
			g.appendChild(svg('title', {}, t('pictures.route.' + n.kind) + ': ' + n.label + (n.detail ? ' (' + n.detail + ')' : '')));
			g.appendChild(svg('rect', { x: x, y: 10, width: bw, height: 60, rx: 6, fill: fill, stroke: n.kind === 'vpn' ? '#ef6c00' : '#777' }));
			g.appendChild(svg('text', { x: x + bw / 2, y: 30, 'text-anchor': 'middle', 'font-size': '11', fill: '#555' }, t('pictures.route.' + n.kind)));
			g.appendChild(svg('text', { x: x + bw / 2, y: 48, 'text-anchor': 'middle', 'font-size': '13' }, String(n.label).slice(0, 22)));
			if (n.detail) { g.appendChild(svg('text', { x: x + bw / 2, y: 63, 'text-anchor': 'middle', 'font-size': '10' }, String(n.detail).slice(0, 26))); }
			s.appendChild(g);
			if (i < nodes.length - 1) {
				s.appendChild(svg('line', { x1: x + bw, y1: 40, x2: x + bw + gap - 2, y2: 40, stroke: '#555', 'marker-end': 'url(#mp-arrow)' }));
			}
		});
		fig.appendChild(s);
		if (path.route) { fig.appendChild(el('figcaption', {}, path.route)); }
		container.appendChild(fig);
	}
	var routeBox = document.getElementById('mp-routepath');
	if (routeBox && data.routePath) { drawRoute(routeBox, data.routePath); }

	/* ---------- pasted route table ---------- */
	var paste = document.getElementById('mp-paste-form');
	if (paste) {
		paste.addEventListener('submit', function (ev) {
			ev.preventDefault();
			var error = document.getElementById('mp-paste-error');
			var result = document.getElementById('mp-paste-result');
			error.textContent = '';
			clear(result);
			post(paste.getAttribute('action'), paste).then(function (r) {
				if (r.status !== 200) {
					error.textContent = r.status === 403 ? t('error.csrf') : (r.body.error || String(r.status));
					var bad = r.body.field === 'target' ? 'mp-paste-target' : 'mp-paste-text';
					document.getElementById(bad).focus();
					return;
				}
				var b = r.body;
				result.appendChild(el('p', { id: 'mp-paste-origin' }, b.origin + ' \u2192 ' + b.address));
				if (b.routePath) { drawRoute(result, b.routePath); }
				var ex = (b.decision && b.decision.explanation) || [];
				if (ex.length) {
					result.appendChild(el('h3', {}, t('paste.explanation')));
					var ul = el('ul', { id: 'mp-paste-explanation' });
					ex.forEach(function (line) { ul.appendChild(el('li', {}, line)); });
					result.appendChild(ul);
				}
				if ((b.warnings || []).length) {
					result.appendChild(el('h3', {}, t('paste.warnings')));
					var wl = el('ul', { id: 'mp-paste-warnings' });
					b.warnings.forEach(function (line) { wl.appendChild(el('li', {}, line)); });
					result.appendChild(wl);
				}
			}).catch(function (e) { error.textContent = String(e); });
		});
	}

	/* ---------- pasted firewall rules: port runs and the deciding rules (text only, never markup) ---------- */
	var fw = document.getElementById('mp-firewall-form');
	if (fw) {
		fw.addEventListener('submit', function (ev) {
			ev.preventDefault();
			var error = document.getElementById('mp-firewall-error');
			var result = document.getElementById('mp-firewall-result');
			error.textContent = '';
			clear(result);
			post(fw.getAttribute('action'), fw).then(function (r) {
				if (r.status !== 200) {
					error.textContent = r.status === 403 ? t('error.csrf') : (r.body.error || String(r.status));
					var field = { ports: 'mp-firewall-ports', program: 'mp-firewall-program' }[r.body.field] || 'mp-firewall-text';
					document.getElementById(field).focus();
					return;
				}
				var b = r.body;
				result.appendChild(el('p', { id: 'mp-firewall-formats' }, t('firewall.formats') + ': ' + (b.formats || []).join(', ')));
				var table = el('table', { id: 'mp-firewall-runs', 'class': 'mp-table' });
				var head = el('tr', {});
				['firewall.col.ports', 'firewall.col.verdict', 'firewall.col.rule', 'firewall.col.reason'].forEach(function (k) {
					head.appendChild(el('th', { scope: 'col' }, t(k)));
				});
				table.appendChild(head);
				(b.runs || []).forEach(function (run) {
					var row = el('tr', { 'class': 'mp-firewall-' + String(run.verdict).toLowerCase() });
					row.appendChild(el('td', {}, run.ports));
					var verdict = el('td', {});
					verdict.appendChild(el('span', { 'class': 'mp-badge mp-badge-' + (run.verdict === 'ALLOWED' ? 'pass'
						: run.verdict === 'BLOCKED' ? 'fail' : 'warn') }, run.verdict));
					row.appendChild(verdict);
					row.appendChild(el('td', {}, run.rule));
					row.appendChild(el('td', {}, run.reason));
					table.appendChild(row);
				});
				result.appendChild(table);
				if ((b.uncovered || []).length) {
					result.appendChild(el('p', { id: 'mp-firewall-uncovered' }, t('firewall.uncovered') + ': ' + b.uncovered.join(', ')));
				}
				if ((b.warnings || []).length) {
					result.appendChild(el('h3', {}, t('firewall.warnings')));
					var wl = el('ul', { id: 'mp-firewall-warnings' });
					b.warnings.forEach(function (line) { wl.appendChild(el('li', {}, line)); });
					result.appendChild(wl);
				}
			}).catch(function (e) { error.textContent = String(e); });
		});
	}

	/* ---------- test from a user's PC: the link form, copy, and the live view of its runs ---------- */
	var invite = document.getElementById('mp-invite-form');
	if (invite) {
		invite.addEventListener('submit', function (ev) {
			ev.preventDefault();
			post(invite.getAttribute('action'), invite).then(function (r) {
				if (r.status === 200 && r.body.pageUrl) {
					// the page draws the link and its QR code on the server: open it
					window.location.assign(r.body.pageUrl);
					return;
				}
				var errors = r.status === 403 ? {} : (r.body.errors || {});
				var fields = invite.querySelectorAll('.mp-field');
				for (var i = 0; i < fields.length; i++) { fields[i].classList.remove('mp-invalid'); }
				var spans = invite.querySelectorAll('span.mp-error');
				for (var j = 0; j < spans.length; j++) { spans[j].textContent = ''; }
				var marked = invite.querySelectorAll('[aria-invalid]');
				for (var k = 0; k < marked.length; k++) { marked[k].removeAttribute('aria-invalid'); }
				var first = null;
				Object.keys(errors).forEach(function (field) {
					var span = document.getElementById('mp-invite-error-' + safeId(field));
					var input = document.getElementById('mp-invite-' + safeId(field));
					if (span) { span.textContent = errors[field]; }
					if (input) {
						input.setAttribute('aria-invalid', 'true');
						input.parentNode.classList.add('mp-invalid');
						first = first || input;
					}
				});
				var box = document.getElementById('mp-invite-form-error');
				box.textContent = r.status === 403 ? t('error.csrf') : (r.body.error || t('form.invalid'));
				box.hidden = false;
				if (first) { first.focus(); }
			}).catch(function (e) {
				var box = document.getElementById('mp-invite-form-error');
				box.textContent = String(e);
				box.hidden = false;
			});
		});
	}
	var copy = document.getElementById('mp-invite-copy');
	if (copy) {
		copy.addEventListener('click', function () {
			var link = document.getElementById('mp-invite-link');
			var said = document.getElementById('mp-invite-copied');
			link.focus();
			link.select();
			var done = function () { said.textContent = t('browser.link.copied'); };
			var failed = function () { said.textContent = t('browser.link.copy.failed'); };
			if (navigator.clipboard && navigator.clipboard.writeText) {
				navigator.clipboard.writeText(link.value).then(done, failed);
			} else {
				failed();
			}
		});
	}

	/* The live view polls once a second while a run goes on. While it waits for the user it asks
	   less and less often (1 s for two minutes, then 5 s, then 15 s) and stops after 30 minutes
	   without a new run; errors back off (2, 4, 8, 16 s) and stop after the fifth. It stops for
	   good when every use of the link is spent and every run has its report. */
	var BT_MAX_FAILURES = 5;
	var BT_IDLE_LIMIT = 30 * 60 * 1000;
	var bt = { url: data.browserRunsUrl, failures: 0, lastChange: Date.now(), seen: '', timer: null, articles: {} };
	var PORT_BADGE = { CONNECTED: 'pass', ONE_WAY: 'fail', SILENT: 'fail', NO_CHECKS: 'warn', NOT_TRIED: 'skipped', PENDING: 'running' };
	var RUN_BADGE = { RUNNING: 'running', DONE: 'pass', ABANDONED: 'warn' };
	var VERDICT_BADGE = { OK: 'pass', FAILED: 'fail', INCONCLUSIVE: 'inconclusive' };
	function btStatus(text, stopped) {
		var status = document.getElementById('mp-bt-status');
		status.textContent = text;
		if (stopped) { status.setAttribute('data-stopped', stopped); } else { status.removeAttribute('data-stopped'); }
		document.getElementById('mp-bt-resume').hidden = !stopped || stopped === 'usedup';
	}
	function btRun(run) {
		var a = el('article', { 'class': 'mp-bt-run', id: 'mp-bt-run-' + safeId(run.id), 'data-run': run.id, 'data-state': run.state });
		var h = el('h4', {}, t('browser.run.title', run.id) + ' ');
		h.appendChild(el('span', { 'class': 'mp-badge mp-badge-' + (RUN_BADGE[run.state] || 'waiting') }, t('browser.state.' + run.state)));
		if (run.label) { h.appendChild(el('span', { 'class': 'mp-bt-label' }, ' ' + run.label)); }
		a.appendChild(h);
		var from = t('browser.run.from', run.browser, run.operatingSystem, run.seenAddress) + ' \u00b7 '
			+ t('browser.run.started', String(run.started).replace('T', ' ').replace(/(\.\d+)?Z$/, ' UTC')) + (run.timeToVerdictMillis !== undefined
				? ' \u00b7 ' + t('browser.run.verdict', run.timeToVerdictMillis) : '');
		a.appendChild(el('p', { 'class': 'mp-bt-from' }, from));
		if (run.summary) { a.appendChild(el('p', { 'class': 'mp-bt-summary' }, run.summary)); }
		var rp = el('p', { 'class': 'mp-bt-reportline' });
		if (run.reportId) {
			rp.appendChild(el('span', { 'class': 'mp-badge mp-badge-' + (VERDICT_BADGE[run.verdict] || 'waiting'), 'data-verdict': run.verdict }, run.verdict));
			rp.appendChild(document.createTextNode(' '));
			rp.appendChild(el('a', { id: 'mp-bt-report-' + safeId(run.id), href: run.reportUrl, 'data-report': run.reportId }, t('browser.run.report')));
		} else if (run.reportError) {
			rp.appendChild(el('span', { 'class': 'mp-error' }, run.reportError));
		} else if (run.state !== 'RUNNING') {
			rp.textContent = t('browser.run.reporting');
		}
		if (rp.firstChild) { a.appendChild(rp); }
		var table = el('table', { 'class': 'mp-table mp-bt-ports', id: 'mp-bt-ports-' + safeId(run.id) });
		table.appendChild(el('caption', {}, t('browser.run.ports', run.mediaAddress + ' (' + run.serverPorts + ')')));
		var head = el('tr');
		['browser.run.port', 'browser.run.state', 'browser.run.sent', 'browser.run.arrived', 'browser.run.answers',
			'browser.run.rtt', 'browser.run.seen'].forEach(function (k) { head.appendChild(el('th', { scope: 'col' }, t(k))); });
		table.appendChild(head);
		(run.ports || []).forEach(function (p) {
			var tr = el('tr', { 'data-port': String(p.port), 'data-state': p.state });
			tr.appendChild(el('td', {}, 'UDP ' + p.port));
			var st = el('td');
			st.appendChild(el('span', { 'class': 'mp-badge mp-badge-' + (PORT_BADGE[p.state] || 'waiting') }, t('browser.port.' + p.state)));
			tr.appendChild(st);
			tr.appendChild(el('td', {}, p.requestsSent));
			tr.appendChild(el('td', {}, p.checksArrived + ' (' + p.answersSent + ' answered)'));
			tr.appendChild(el('td', {}, p.responsesReceived));
			tr.appendChild(el('td', {}, p.roundTripMillis !== undefined ? Math.round(p.roundTripMillis * 10) / 10 + ' ms' : '\u2014'));
			tr.appendChild(el('td', {}, p.seenFrom || '\u2014'));
			table.appendChild(tr);
		});
		a.appendChild(table);
		if ((run.localCandidateTypes || []).length) {
			a.appendChild(el('p', { 'class': 'mp-help' }, t('browser.run.candidates', run.localCandidateTypes.join(', '))));
		}
		return a;
	}
	function btRender(answer) {
		var box = document.getElementById('mp-bt-runs');
		var runs = answer.runs || [];
		var keep = {};
		runs.forEach(function (run, i) {
			var sig = JSON.stringify(run);
			var old = bt.articles[run.id];
			keep[run.id] = true;
			if (old && old.sig === sig) { return; }
			var fresh = btRun(run);
			if (old) { box.replaceChild(fresh, old.node); } else { box.insertBefore(fresh, box.children[i] || null); }
			bt.articles[run.id] = { sig: sig, node: fresh };
		});
		Object.keys(bt.articles).forEach(function (id) {
			if (!keep[id]) { box.removeChild(bt.articles[id].node); delete bt.articles[id]; }
		});
	}
	function btPoll() {
		bt.timer = null;
		fetch(bt.url, { credentials: 'same-origin', headers: { 'Accept': 'application/json' } })
			.then(function (r) {
				return r.json().catch(function () { return {}; }).then(function (b) {
					if (r.status !== 200) { throw new Error(b.error || ('HTTP ' + r.status)); }
					return b;
				});
			})
			.then(function (answer) {
				bt.failures = 0;
				btRender(answer);
				var runs = answer.runs || [];
				var running = runs.filter(function (x) { return x.state === 'RUNNING'; }).length;
				var sig = JSON.stringify(runs.map(function (x) { return [x.id, x.state, x.reportId]; }));
				if (sig !== bt.seen) { bt.seen = sig; bt.lastChange = Date.now(); }
				var settled = runs.every(function (x) { return x.state !== 'RUNNING' && (x.reportId || x.reportError); });
				var uses = answer.uses || data.browserUses;
				if (running === 0 && settled && uses && runs.length >= uses) {
					btStatus(t('browser.live.usedup', runs.length), 'usedup');
					return;
				}
				if (running > 0 || !settled) {
					btStatus(t('browser.live.running', runs.length));
					bt.timer = setTimeout(btPoll, 1000);
					return;
				}
				btStatus(runs.length ? t('browser.live.finished', runs.length) + ' ' + t('browser.live.waiting') : t('browser.live.waiting'));
				var idle = Date.now() - bt.lastChange;
				if (idle > BT_IDLE_LIMIT || (data.browserExpires && Date.now() > data.browserExpires)) {
					btStatus(t('browser.live.idle', Math.round(idle / 60000)), 'idle');
					return;
				}
				bt.timer = setTimeout(btPoll, idle < 2 * 60 * 1000 ? 1000 : idle < 10 * 60 * 1000 ? 5000 : 15000);
			})
			.catch(function (e) {
				bt.failures++;
				if (bt.failures >= BT_MAX_FAILURES) {
					btStatus(t('browser.live.stopped', bt.failures) + ' ' + t('browser.live.error', e.message || String(e)), 'failed');
					return;
				}
				btStatus(t('browser.live.error', e.message || String(e)));
				bt.timer = setTimeout(btPoll, 1000 * Math.pow(2, bt.failures));
			});
	}
	if (bt.url && document.getElementById('mp-bt-runs')) {
		document.getElementById('mp-bt-resume').addEventListener('click', function () {
			bt.failures = 0;
			bt.lastChange = Date.now();
			btStatus(t('browser.live.waiting'));
			if (!bt.timer) { btPoll(); }
		});
		btPoll();
	}
}());
