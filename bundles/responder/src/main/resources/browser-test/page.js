// The connection test a user's browser runs against the PBX's media ports (docs/browser-test.md).
// One RTCPeerConnection per port, each with a data channel only: no microphone, no camera, no ICE
// servers. The offer goes to the responder, which answers with an ICE agent on that port; the
// browser's ICE then sends its connectivity checks there. Every reportEveryMillis the page reads
// getStats() and reports its counts; the responder judges each port with what arrived on its side
// and says when the run is decided. Text goes into the page with textContent only.
(function () {
  'use strict';

  var WORDS = {
    TOKEN_UNKNOWN: 'This link does not work: it is not one this phone system made. Open the whole link from your administrator\u2019s message, or ask them for a new one.',
    TOKEN_EXPIRED: 'This link has expired. Ask your administrator for a new one.',
    TOKEN_USED: 'This link has been used already. Ask your administrator for a new one to test again.',
    RUN_UNKNOWN: 'The phone system no longer knows this test (it may have restarted). Ask your administrator for a new link.',
    BUSY: 'The phone system is busy with other tests right now. Wait a minute, then reload this page.',
    NO_WEBRTC: 'This browser cannot run the test: it has no WebRTC, or it is turned off. Open the link in a current Chrome, Edge or Firefox.',
    NETWORK: 'The phone system stopped answering this page. Check that you are still connected, then reload this page.',
    BAD_LINK: 'This page was opened without a valid link. Open the whole link from your administrator\u2019s message.'
  };
  var PORT_WORDS = {
    CONNECTED: 'reached, sound would flow',
    ONE_WAY: 'the phone system heard this computer, but its answers did not come back',
    SILENT: 'this computer\u2019s checks did not arrive',
    NO_CHECKS: 'this browser sent no checks',
    NOT_TRIED: 'not tested (in use on the phone system)',
    PENDING: 'testing\u2026'
  };
  var MAX_COUNT = 1000000;
  var PAIR_RANK = { succeeded: 5, 'in-progress': 4, waiting: 3, frozen: 2, failed: 1 };
  var REPORT_FAILURES_TOLERATED = 3;

  var run = null;          // the start's answer
  var peers = {};          // port -> RTCPeerConnection
  var snapshots = {};      // port -> the last pair report (Chrome drops a failed pair from its stats)
  var startedAt = 0;
  var timer = null;
  var reporting = false;
  var finished = false;
  var reportFailures = 0;

  function el(id) { return document.getElementById(id); }

  function setState(state) { el('bt').setAttribute('data-state', state); }

  function status(text) { el('bt-status').textContent = text; }

  function progress(fraction) {
    el('bt-progress').value = Math.max(0, Math.min(100, Math.round(fraction * 100)));
  }

  /** The API's base (what comes before /t/TOKEN) and the token, taken from the path as they are. */
  function linkParts() {
    var path = window.location.pathname;
    var at = path.lastIndexOf('/t/');
    if (at < 0) { return null; }
    var token = path.substring(at + 3);
    if (!/^[A-Za-z0-9_-]{1,128}$/.test(token)) { return null; }
    return { base: path.substring(0, at), token: token };
  }

  function Refusal(code, message, status) {
    this.code = code || 'NETWORK';
    this.message = message || '';
    this.status = status || 0;
  }

  /** POSTs JSON; resolves with the answer's JSON, rejects with a Refusal. */
  function post(url, body) {
    return fetch(url, {
      method: 'POST',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
      redirect: 'error'
    }).then(function (response) {
      return response.json().catch(function () { return {}; }).then(function (json) {
        if (!response.ok) {
          throw new Refusal(typeof json.error === 'string' ? json.error : 'NETWORK',
            typeof json.message === 'string' ? json.message : '', response.status);
        }
        return json;
      });
    }, function () {
      throw new Refusal('NETWORK', '', 0);
    });
  }

  function fail(refusal) {
    if (finished) { return; }
    finished = true;
    stop();
    var words = WORDS[refusal.code] || refusal.message || WORDS.NETWORK;
    el('bt-running').hidden = true;
    el('bt-error-text').textContent = words;
    el('bt-error').hidden = false;
    el('bt').setAttribute('data-error', refusal.code);
    setState('error');
  }

  function finish(summary, ports) {
    if (finished) { return; }
    finished = true;
    stop();
    showPorts(ports);
    progress(1);
    el('bt-running').hidden = true;
    el('bt-summary').textContent = summary || '';
    el('bt-done').hidden = false;
    setState('done');
  }

  function stop() {
    if (timer !== null) {
      clearInterval(timer);
      timer = null;
    }
    Object.keys(peers).forEach(function (port) {
      try { peers[port].close(); } catch (ignored) { /* already closed */ }
    });
  }

  function showPorts(ports) {
    if (!ports) { return; }
    var list = el('bt-ports');
    while (list.firstChild) { list.removeChild(list.firstChild); }
    Object.keys(ports).sort(function (a, b) { return a - b; }).forEach(function (port) {
      var li = document.createElement('li');
      var state = String(ports[port]);
      li.setAttribute('data-port', port);
      li.setAttribute('data-state', state);
      li.textContent = 'Port ' + port + ': ' + (PORT_WORDS[state] || state);
      list.appendChild(li);
    });
    el('bt-details').hidden = false;
  }

  // ---- the connections --------------------------------------------------------------------------

  function connect(port) {
    var pc = new RTCPeerConnection({ iceServers: [] });
    peers[port] = pc;
    pc.createDataChannel('mediapath');
    return pc.createOffer().then(function (offer) {
      return pc.setLocalDescription(offer).then(function () { return offer; });
    }).then(function (offer) {
      return post(run.base + '/api/runs/' + encodeURIComponent(run.run) + '/offer',
        { key: run.key, port: port, sdp: offer.sdp });
    }).then(function (answer) {
      if (finished) { return undefined; }
      return pc.setRemoteDescription({ type: 'answer', sdp: String(answer.sdp) });
    });
  }

  /** connectionState where the browser has it, else the ICE state in its words. */
  function connectionState(pc) {
    if (typeof pc.connectionState === 'string') { return pc.connectionState; }
    var ice = pc.iceConnectionState;
    var mapped = { checking: 'connecting', completed: 'connected' }[ice];
    return mapped || (['new', 'connected', 'disconnected', 'failed', 'closed'].indexOf(ice) >= 0 ? ice : '');
  }

  function count(n) {
    return typeof n === 'number' && isFinite(n) && n > 0 ? Math.min(MAX_COUNT, Math.floor(n)) : 0;
  }

  /** One port's pair report from its stats, kept against the last one: counts never go back. */
  function pairReport(port, stats) {
    var pc = peers[port];
    var locals = {};
    var pairs = [];
    stats.forEach(function (s) {
      if (s.type === 'local-candidate') { locals[s.id] = s.candidateType; }
      if (s.type === 'candidate-pair') { pairs.push(s); }
    });
    var now = { port: port, pairState: '', requestsSent: 0, responsesReceived: 0, requestsReceived: 0,
      roundTripSeconds: null, localCandidateType: '', connectionState: connectionState(pc) };
    var best = null;
    pairs.forEach(function (p) {
      now.requestsSent += count(p.requestsSent);
      now.responsesReceived += count(p.responsesReceived);
      now.requestsReceived += count(p.requestsReceived);
      if (best === null || (PAIR_RANK[p.state] || 0) > (PAIR_RANK[best.state] || 0)) { best = p; }
    });
    if (best !== null) {
      now.pairState = PAIR_RANK[best.state] ? best.state : '';
      var rtt = best.currentRoundTripTime;
      now.roundTripSeconds = typeof rtt === 'number' && isFinite(rtt) && rtt >= 0 && rtt <= 60 ? rtt : null;
      var type = locals[best.localCandidateId];
      now.localCandidateType = ['host', 'srflx', 'prflx', 'relay'].indexOf(type) >= 0 ? type : '';
    }
    var last = snapshots[port];
    if (last) {
      if (pairs.length === 0) {
        // the pair vanished (Chrome, after its own failure): its last counts stand
        now.pairState = last.pairState;
        now.roundTripSeconds = last.roundTripSeconds;
        now.localCandidateType = last.localCandidateType;
      }
      now.requestsSent = Math.max(now.requestsSent, last.requestsSent);
      now.responsesReceived = Math.max(now.responsesReceived, last.responsesReceived);
      now.requestsReceived = Math.max(now.requestsReceived, last.requestsReceived);
    }
    now.requestsSent = Math.min(MAX_COUNT, now.requestsSent);
    now.responsesReceived = Math.min(MAX_COUNT, now.responsesReceived);
    now.requestsReceived = Math.min(MAX_COUNT, now.requestsReceived);
    snapshots[port] = now;
    return now;
  }

  function readStats() {
    return Promise.all(run.ports.map(function (port) {
      var pc = peers[port];
      if (!pc) { return Promise.resolve(snapshots[port] || emptyReport(port, '')); }
      return pc.getStats().then(function (stats) { return pairReport(port, stats); },
        function () { return snapshots[port] || emptyReport(port, connectionState(pc)); });
    }));
  }

  function emptyReport(port, state) {
    return { port: port, pairState: '', requestsSent: 0, responsesReceived: 0, requestsReceived: 0,
      roundTripSeconds: null, localCandidateType: '', connectionState: state };
  }

  function reportBody(pairs, last) {
    return { key: run.key, elapsedMillis: Math.max(0, Math.round(performance.now() - startedAt)), last: last, pairs: pairs };
  }

  function reportUrl() {
    return run.base + '/api/runs/' + encodeURIComponent(run.run) + '/report';
  }

  function tick() {
    if (finished || reporting) { return; }
    reporting = true;
    var elapsed = performance.now() - startedAt;
    var last = elapsed >= run.deadlineMillis;
    readStats().then(function (pairs) {
      return post(reportUrl(), reportBody(pairs, last));
    }).then(function (answer) {
      reportFailures = 0;
      var ports = answer.ports || {};
      showPorts(ports);
      var decided = Object.keys(ports).filter(function (p) { return ports[p] !== 'PENDING'; }).length;
      progress(Math.max(decided / Math.max(1, run.ports.length), elapsed / run.deadlineMillis) * 0.95);
      if (answer.done === true || last) {
        finish(typeof answer.summary === 'string' ? answer.summary : '', ports);
      } else {
        status('Testing ' + run.ports.length + (run.ports.length === 1 ? ' port' : ' ports') +
          ' of the phone system at ' + run.mediaAddress + '\u2026 ' + decided + ' of ' + run.ports.length + ' decided.');
      }
    }).catch(function (refusal) {
      if (!(refusal instanceof Refusal)) { refusal = new Refusal('NETWORK', '', 0); }
      if (refusal.code === 'RUN_OVER') {
        finish('', null); // the responder ended the run (its own deadline): it has the result
      } else if (refusal.status === 429) {
        // too fast for the responder's limits: the next tick tries again
      } else if (refusal.code === 'NETWORK' && ++reportFailures < REPORT_FAILURES_TOLERATED && !last) {
        // one lost report is no reason to stop
      } else {
        fail(refusal);
      }
    }).then(function () { reporting = false; });
  }

  /** When the page is closed mid-run, the last snapshot goes out as the last report. */
  function lastWords() {
    if (finished || run === null || !navigator.sendBeacon) { return; }
    var pairs = run.ports.map(function (port) { return snapshots[port] || emptyReport(port, ''); });
    try {
      navigator.sendBeacon(reportUrl(), new Blob([JSON.stringify(reportBody(pairs, true))], { type: 'application/json' }));
    } catch (refused) {
      // a browser that allows only form types in a beacon: the responder's deadline ends the run instead
    }
  }

  function start() {
    var link = linkParts();
    if (link === null) { fail(new Refusal('BAD_LINK')); return; }
    if (typeof window.RTCPeerConnection !== 'function' || typeof window.fetch !== 'function') {
      fail(new Refusal('NO_WEBRTC'));
      return;
    }
    setState('running');
    post(link.base + '/api/runs', { token: link.token }).then(function (answer) {
      if (typeof answer.run !== 'string' || typeof answer.key !== 'string' || !Array.isArray(answer.ports)) {
        throw new Refusal('NETWORK');
      }
      run = {
        base: link.base, run: answer.run, key: answer.key, mediaAddress: String(answer.mediaAddress || ''),
        ports: answer.ports.filter(function (p) { return Number.isInteger(p) && p > 0 && p < 65536; }),
        reportEveryMillis: Math.max(100, Number(answer.reportEveryMillis) || 500),
        deadlineMillis: Math.max(1000, Number(answer.deadlineMillis) || 10000)
      };
      startedAt = performance.now();
      status('Testing ' + run.ports.length + (run.ports.length === 1 ? ' port' : ' ports') +
        ' of the phone system at ' + run.mediaAddress + '\u2026');
      window.addEventListener('pagehide', lastWords);
      var offers;
      try {
        offers = run.ports.map(function (port) {
          return connect(port).catch(function (refusal) {
            // one port's offer refused: the others still run, and this one reports no checks;
            // the console says why, for whoever looks (never the page: the user cannot act on it)
            console.warn('mediapath: port ' + port + ': ' + (refusal instanceof Refusal
              ? refusal.code + ' ' + refusal.message : String(refusal)));
            if (refusal instanceof Refusal && (refusal.code === 'RUN_OVER' || refusal.code === 'RUN_UNKNOWN')) {
              throw refusal;
            }
            return undefined;
          });
        });
      } catch (noWebRtc) {
        throw new Refusal('NO_WEBRTC'); // the constructor itself refused (a policy or an extension)
      }
      timer = setInterval(tick, run.reportEveryMillis);
      return Promise.all(offers);
    }).catch(function (refusal) {
      fail(refusal instanceof Refusal ? refusal : new Refusal('NETWORK'));
    });
  }

  if (document.readyState === 'loading') {
    document.addEventListener('DOMContentLoaded', start);
  } else {
    start();
  }
}());
