/*
 * Copyright (c) 2026 qslice authors. All rights reserved.
 *
 * This program and the accompanying materials are made available under the
 * terms of the Eclipse Public License v1.0 which accompanies this distribution,
 * and is available at http://www.eclipse.org/legal/epl-v10.html
 */
// qslice web view. Everything comes from RESTCONF (RFC 8040) on this origin, as any client would read it:
//   GET  /rests/data/ietf-network:networks/network=qslice   sites, links, security levels, DWDM channels
//   GET  /rests/data/qslice-slice:slices                    slices, their paths and reservations
//   GET  /rests/data/qslice-slice:provisioning              provisioning records with per-step timings
//   GET  /rests/data/qslice-kms:kms/channels                channels and their current key id (never key bytes)
//   POST /rests/operations/qslice-kms:get-pool-statistics   pool fill levels and rates
//   POST /rests/operations/qslice-slice:compute-slice       the dry run of the form
// polled every POLL_MS. The page itself was authenticated by AAA; the browser reuses those credentials for /rests.
(function () {
  'use strict';

  const REST = '/rests';
  const POLL_MS = 1000;
  const NETWORK = 'qslice';
  const LEVELS = ['none', 'dh-aes', 'qra-aes', 'qkd-aes', 'hybrid-qkd-qra-aes'];
  const LEVEL_COLORS = {
    'none': '#9aa0a6',
    'dh-aes': '#e8a33d',
    'qra-aes': '#3b7dd8',
    'qkd-aes': '#2e9e4f',
    'hybrid-qkd-qra-aes': '#8e44ad'
  };
  const ROLES = ['cell', 'aggregation', 'metro', 'core'];

  const view = {
    cy: null,
    topologyKey: null,
    sites: new Map(),     // node-id -> {id, role, compute, devices}
    links: new Map(),     // link-id -> {id, source, target, attrs}
    slices: [],
    provisioning: new Map(),
    selected: null,       // selected slice id
    selectedElement: null,
    blocked: [],          // link ids named by the last infeasible dry run
    dryRunPaths: [],      // link ids of a feasible dry run
    stepsOpen: false,     // the provisioning steps unfolded
    updates: 0,
    lastError: null
  };

  // ---- RESTCONF access -------------------------------------------------------------------------------------
  function authHeader() {
    const stored = window.sessionStorage.getItem('qslice-auth');
    return stored ? { 'Authorization': stored } : {};
  }

  async function restconf(method, path, body) {
    const headers = Object.assign({ 'Accept': 'application/yang-data+json' }, authHeader());
    const init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/yang-data+json';
      init.body = JSON.stringify(body);
    }
    // absolute, from the origin: a page opened as http://user:password@host/... has a base URL with credentials,
    // which fetch refuses to resolve against
    const response = await fetch(window.location.origin + REST + path, init);
    if (response.status === 401) {
      document.getElementById('login').hidden = false;
      throw new Error('401: not authorised');
    }
    const text = await response.text();
    const json = text ? JSON.parse(text) : {};
    return { status: response.status, json: json };
  }

  // a GET whose target may not exist yet (RESTCONF answers 404/409 data-missing): empty then
  async function read(path) {
    const answer = await restconf('GET', path);
    if (answer.status === 404 || answer.status === 409) {
      return null;
    }
    if (answer.status !== 200) {
      throw new Error('GET ' + path + ': ' + answer.status + ' ' + errorText(answer.json));
    }
    return answer.json;
  }

  function errorText(json) {
    const errors = json && json['ietf-restconf:errors'] && json['ietf-restconf:errors'].error;
    return errors ? errors.map(e => e['error-message'] || e['error-tag']).join('; ') : '';
  }

  // ---- small DOM helpers (text only: nothing from the controller is ever parsed as HTML) -------------------
  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [key, value] of Object.entries(attrs || {})) {
      if (key === 'class') {
        node.className = value;
      } else if (key === 'style') {
        Object.assign(node.style, value);
      } else if (key.startsWith('on')) {
        node.addEventListener(key.substring(2), value);
      } else {
        node.setAttribute(key, value);
      }
    }
    for (const child of children) {
      if (child !== null && child !== undefined) {
        node.append(child instanceof Node ? child : String(child));
      }
    }
    return node;
  }

  // replaces a node's children; null and undefined stand for "nothing here"
  function show(node, ...children) {
    node.replaceChildren(...children.filter(child => child !== null && child !== undefined));
  }

  function levelBadge(level) {
    return el('span', { class: 'level', style: { background: LEVEL_COLORS[level] || '#555' } }, level || '?');
  }

  function stateBadge(state) {
    return el('span', { class: 'state state-' + state }, state || '?');
  }

  function replaceBody(table, rows) {
    const body = table.tBodies[0];
    show(body, ...rows);
  }

  function micros(us) {
    if (us === undefined || us === null) {
      return '';
    }
    const n = Number(us);
    return n >= 1000 ? (n / 1000).toFixed(1) + ' ms' : n + ' \u00b5s';
  }

  function ago(timestamp) {
    if (!timestamp) {
      return '';
    }
    const seconds = (Date.now() - Date.parse(timestamp)) / 1000;
    return Number.isFinite(seconds) ? Math.max(0, seconds).toFixed(1) + ' s ago' : timestamp;
  }

  // ---- the model read from RESTCONF ------------------------------------------------------------------------
  function parseTopology(json) {
    const sites = new Map();
    const links = new Map();
    const network = json && json['ietf-network:network'] && json['ietf-network:network'][0];
    if (!network) {
      return { sites: sites, links: links };
    }
    for (const node of network.node || []) {
      const site = node['qslice-topology:site'] || {};
      sites.set(node['node-id'], {
        id: node['node-id'], role: site.role || 'unknown', compute: site.compute || null, devices: site.device || []
      });
    }
    for (const link of network['ietf-network-topology:link'] || []) {
      const attrs = link['qslice-topology:link-attributes'];
      if (!attrs) {
        continue;
      }
      links.set(link['link-id'], {
        id: link['link-id'], source: link.source['source-node'], target: link.destination['dest-node'], attrs: attrs
      });
    }
    return { sites: sites, links: links };
  }

  // what every slice holds on each link (bandwidth, client ports) and at each site (compute)
  function usage() {
    const links = new Map();
    const sites = new Map();
    for (const slice of view.slices) {
      for (const connection of (slice.status && slice.status.connection) || []) {
        for (const reservation of connection['link-reservation'] || []) {
          const held = links.get(reservation['link-id']) || { bandwidth: 0, ports: new Map() };
          held.bandwidth += Number(reservation['bandwidth-gbps'] || 0);
          for (const port of reservation['client-port'] || []) {
            held.ports.set(Number(port), slice['slice-id'] + '/' + connection.name);
          }
          links.set(reservation['link-id'], held);
        }
        for (const compute of connection['compute-reservation'] || []) {
          const held = sites.get(compute.site) || { cores: 0, memory: 0 };
          held.cores += Number(compute['cpu-cores'] || 0);
          held.memory += Number(compute['memory-gb'] || 0);
          sites.set(compute.site, held);
        }
      }
    }
    return { links: links, sites: sites };
  }

  function channelPorts(link, held) {
    const channel = link.attrs['dwdm-channel'];
    if (!channel) {
      return null;
    }
    const total = Number(channel['client-ports'] || 10);
    const external = new Set((channel['client-port-in-use'] || []).map(Number));
    const ports = [];
    for (let port = 1; port <= total; port++) {
      const owner = held ? held.ports.get(port) : undefined;
      ports.push({ port: port, state: external.has(port) ? 'external' : owner ? 'used' : 'free', owner: owner });
    }
    return { channel: channel.channel, total: total, used: ports.filter(p => p.state !== 'free').length, ports: ports };
  }

  // ---- the graph -------------------------------------------------------------------------------------------
  function graphStyle() {
    return [
      { selector: 'node', style: {
        'shape': 'round-rectangle', 'width': 170, 'height': 58, 'background-color': '#f6f8fa',
        'border-width': 2, 'border-color': '#57606a', 'label': 'data(label)', 'text-wrap': 'wrap',
        'text-max-width': 164, 'text-valign': 'center', 'font-size': 12, 'color': '#1d2329' } },
      { selector: 'node[role = "cell"]', style: { 'border-color': '#0969da' } },
      { selector: 'node[role = "aggregation"]', style: { 'border-color': '#8250df' } },
      { selector: 'node[role = "metro"]', style: { 'border-color': '#bf8700' } },
      { selector: 'node[role = "core"]', style: { 'border-color': '#cf222e' } },
      { selector: 'edge', style: {
        'curve-style': 'bezier', 'control-point-step-size': 30, 'width': 3, 'line-color': 'data(color)',
        'label': 'data(label)', 'font-size': 10, 'color': '#3d444d', 'text-background-color': '#ffffff',
        'text-background-opacity': 0.85, 'text-background-padding': 1, 'text-rotation': 'autorotate' } },
      { selector: 'edge.path', style: {
        'width': 7, 'underlay-color': '#ffd400', 'underlay-opacity': 0.9, 'underlay-padding': 4,
        'label': 'data(pathLabel)', 'text-wrap': 'wrap', 'font-size': 10, 'font-weight': 'bold', 'z-index': 10 } },
      { selector: 'edge.candidate', style: {
        'width': 6, 'underlay-color': '#7ee787', 'underlay-opacity': 0.8, 'underlay-padding': 4, 'z-index': 9 } },
      { selector: 'edge.blocked', style: {
        'width': 7, 'line-style': 'dashed', 'underlay-color': '#d62728', 'underlay-opacity': 0.8,
        'underlay-padding': 4, 'z-index': 11 } },
      { selector: 'node.endpoint', style: { 'border-width': 4, 'background-color': '#fff8c5' } },
      { selector: ':selected', style: { 'overlay-color': '#0969da', 'overlay-opacity': 0.15 } }
    ];
  }

  function positions(sites) {
    const columns = new Map();
    for (const site of sites.values()) {
      const index = ROLES.indexOf(site.role);
      const column = index < 0 ? ROLES.length : index;
      if (!columns.has(column)) {
        columns.set(column, []);
      }
      columns.get(column).push(site.id);
    }
    const result = {};
    for (const [column, ids] of columns) {
      ids.sort();
      ids.forEach((id, i) => {
        result[id] = { x: column * 340, y: (i - (ids.length - 1) / 2) * 260 };
      });
    }
    return result;
  }

  function siteLabel(site, used) {
    let text = site.id + '\n' + site.role;
    if (site.compute) {
      const cores = Number(site.compute['cpu-cores'] || 0);
      const memory = Number(site.compute['memory-gb'] || 0);
      const held = used || { cores: 0, memory: 0 };
      text += '\n' + (cores - held.cores) + '/' + cores + ' cores, ' + (memory - held.memory) + '/' + memory
        + ' GB free';
    }
    return text;
  }

  function linkLabel(link, held) {
    const ports = channelPorts(link, held);
    const level = link.attrs['security-level'];
    return ports ? 'ch' + ports.channel + ' ' + level + ' ' + ports.used + '/' + ports.total : level;
  }

  function rebuildGraph(topology) {
    const placed = positions(topology.sites);
    const elements = [];
    for (const site of topology.sites.values()) {
      elements.push({ group: 'nodes', data: { id: 'site:' + site.id, site: site.id, role: site.role, label: site.id },
        position: placed[site.id] });
    }
    for (const link of topology.links.values()) {
      if (!topology.sites.has(link.source) || !topology.sites.has(link.target)) {
        continue;
      }
      elements.push({ group: 'edges', data: {
        id: 'link:' + link.id, link: link.id, source: 'site:' + link.source, target: 'site:' + link.target,
        color: LEVEL_COLORS[link.attrs['security-level']] || '#555', label: '', pathLabel: '' } });
    }
    if (!view.cy) {
      view.cy = window.cytoscape({
        container: document.getElementById('graph'), elements: elements, style: graphStyle(),
        layout: { name: 'preset', padding: 40 }, wheelSensitivity: 0.3, boxSelectionEnabled: false
      });
      view.cy.on('tap', 'edge', event => { view.selectedElement = event.target.id(); renderSelection(); });
      view.cy.on('tap', 'node', event => { view.selectedElement = event.target.id(); renderSelection(); });
      view.cy.on('tap', event => {
        if (event.target === view.cy) {
          view.selectedElement = null;
          renderSelection();
        }
      });
    } else {
      view.cy.elements().remove();
      view.cy.add(elements);
    }
    view.cy.fit(undefined, 40);
  }

  function decorateGraph() {
    if (!view.cy) {
      return;
    }
    const used = usage();
    view.cy.batch(() => {
      view.cy.nodes().forEach(node => {
        const site = view.sites.get(node.data('site'));
        if (site) {
          node.data('label', siteLabel(site, used.sites.get(site.id)));
        }
      });
      view.cy.edges().forEach(edge => {
        const link = view.links.get(edge.data('link'));
        if (link) {
          edge.data('label', linkLabel(link, used.links.get(link.id)));
        }
      });
      view.cy.elements().removeClass('path candidate blocked endpoint');
      view.cy.edges().data('pathLabel', '');
      const slice = view.slices.find(s => s['slice-id'] === view.selected);
      if (slice) {
        const labels = new Map();
        for (const connection of (slice.status && slice.status.connection) || []) {
          for (const hop of connection.hop || []) {
            const lines = labels.get(hop['link-id']) || [];
            lines.push(connection.name + ': ' + (connection['security-level'] || hop['security-level']) + ', '
              + micros(connection['total-latency-us']));
            labels.set(hop['link-id'], lines);
          }
          for (const end of [connection['a-site'], connection['z-site']]) {
            view.cy.getElementById('site:' + end).addClass('endpoint');
          }
        }
        for (const [linkId, lines] of labels) {
          const edge = view.cy.getElementById('link:' + linkId);
          edge.addClass('path');
          edge.data('pathLabel', edge.data('label') + '\n' + lines.join('\n'));
        }
      }
      for (const linkId of view.dryRunPaths) {
        view.cy.getElementById('link:' + linkId).addClass('candidate');
      }
      for (const linkId of view.blocked) {
        view.cy.getElementById('link:' + linkId).addClass('blocked');
      }
    });
  }

  function renderLegend() {
    const legend = document.getElementById('legend');
    show(legend, ...LEVELS.map(level => el('span', {},
      el('i', { style: { background: LEVEL_COLORS[level] } }), level)),
    el('span', {}, el('i', { style: { background: '#ffd400', height: '8px' } }), 'selected slice'),
    el('span', {}, el('i', { style: { background: '#d62728', height: '8px' } }), 'blocking link'));
  }

  function renderSelection() {
    const box = document.getElementById('selection');
    const id = view.selectedElement;
    if (!id) {
      show(box, el('span', { class: 'hint' }, 'select a link or a site for its details'));
      return;
    }
    const used = usage();
    if (id.startsWith('link:')) {
      const link = view.links.get(id.substring(5));
      if (!link) {
        show(box);
        return;
      }
      const held = used.links.get(link.id);
      const ports = channelPorts(link, held);
      const encryptor = link.attrs.encryptor;
      show(box,
        el('b', {}, link.id), ' ', levelBadge(link.attrs['security-level']),
        ' key exchange ', link.attrs['key-exchange'] || '(by level)', ', ', link.attrs['latency-us'], ' \u00b5s, ',
        (held ? held.bandwidth.toFixed(3) : '0') + ' of ' + link.attrs['capacity-gbps'] + ' Gb/s reserved',
        encryptor ? ', encryptor ' + (encryptor['card-model'] || '') : '',
        ports ? el('div', {}, 'DWDM channel ' + ports.channel + ': client ports (' + ports.used + ' of ' + ports.total
          + ' in use)', el('div', { class: 'ports', id: 'ports' }, ...ports.ports.map(p => el('b', {
          class: p.state, title: p.state === 'used' ? p.owner : p.state === 'external' ? 'used outside qslice' : 'free'
        }, p.port)))) : null);
    } else {
      const site = view.sites.get(id.substring(5));
      if (!site) {
        show(box);
        return;
      }
      show(box, el('b', {}, site.id), ' (' + site.role + ') ',
        siteLabel(site, used.sites.get(site.id)).split('\n').slice(2).join(' '),
        el('div', {}, 'devices: ' + site.devices.map(d => d.name + ' (' + d.kind + ')').join(', ')));
    }
  }

  // ---- slices ----------------------------------------------------------------------------------------------
  function renderSlices() {
    const table = document.getElementById('slices');
    const rows = view.slices.map(slice => {
      const id = slice['slice-id'];
      const status = slice.status || {};
      return el('tr', { class: id === view.selected ? 'selected' : '', 'data-slice': id,
        onclick: () => selectSlice(id === view.selected ? null : id) },
      el('td', {}, id), el('td', {}, stateBadge(status.state)), el('td', {}, (slice.connection || []).length),
      el('td', {}, status.updated ? new Date(status.updated).toLocaleTimeString() : ''));
    });
    if (rows.length === 0) {
      rows.push(el('tr', {}, el('td', { colspan: 4, class: 'hint' }, 'no slices')));
    }
    replaceBody(table, rows);
    renderSliceDetail();
  }

  function selectSlice(id) {
    view.selected = id;
    renderSlices();
    decorateGraph();
  }

  function renderSliceDetail() {
    const box = document.getElementById('slice-detail');
    const slice = view.slices.find(s => s['slice-id'] === view.selected);
    if (!slice) {
      show(box, el('span', { class: 'hint' }, 'select a slice to highlight its paths'));
      return;
    }
    const status = slice.status || {};
    const connections = (status.connection || []).map(c => el('tr', {},
      el('td', {}, c.name), el('td', {}, (c['a-site'] || '') + ' \u2192 ' + (c['z-site'] || '')),
      el('td', {}, levelBadge(c['security-level'])), el('td', {}, micros(c['total-latency-us'])),
      el('td', { class: 'mono' }, (c.hop || []).map(h => h['link-id']).join(' \u2192 '))));
    const parts = [
      el('div', {}, el('b', {}, slice['slice-id']), ' ', stateBadge(status.state), ' ', slice.description || ''),
      status['last-error'] ? el('div', { class: 'infeasible' }, status['last-error']) : null,
      el('table', { class: 'grid' },
        el('thead', {}, el('tr', {}, el('th', {}, 'connection'), el('th', {}, 'ends'), el('th', {}, 'level'),
          el('th', {}, 'latency'), el('th', {}, 'path'))),
        el('tbody', {}, ...connections))
    ];
    const record = view.provisioning.get(slice['slice-id']);
    if (record) {
      parts.push(el('div', {}, 'provisioning: ', el('b', {}, record.operation || ''), ' ', stateBadge(record.state),
        ' total ' + micros(record['total-us']) + ', devices ' + micros(record['device-us']) + ', lock wait '
        + micros(record['lock-wait-us']) + ', journal ' + micros(record['journal-us']),
        record.error ? el('div', { class: 'infeasible' }, record.error) : null));
      const steps = (record.step || []).map(s => el('tr', {},
        el('td', {}, s.index), el('td', {}, s.action || ''), el('td', {}, s.device || ''),
        el('td', {}, s.description || ''), el('td', {}, s.result || ''), el('td', {}, micros(s['duration-us']))));
      // the steps fold away (their open state survives the next poll's redraw)
      const folded = el('details', { id: 'steps-details', ontoggle: event => {
        view.stepsOpen = event.target.open;
      } }, el('summary', {}, (record.step || []).length + ' steps on the devices, with their timings'),
      el('table', { class: 'grid', id: 'steps' },
        el('thead', {}, el('tr', {}, el('th', {}, '#'), el('th', {}, 'action'), el('th', {}, 'device'),
          el('th', {}, 'step'), el('th', {}, 'result'), el('th', {}, 'time'))),
        el('tbody', {}, ...steps)));
      folded.open = view.stepsOpen;
      parts.push(folded);
    }
    show(box, ...parts);
  }

  // ---- dry run ---------------------------------------------------------------------------------------------
  function fillSiteChoices() {
    const ids = [...view.sites.keys()].sort();
    for (const [selectId, fallback] of [['dry-a', 0], ['dry-z', ids.length - 1]]) {
      const select = document.getElementById(selectId);
      const current = select.value;
      show(select, ...ids.map(id => el('option', { value: id }, id)));
      select.value = ids.includes(current) ? current : ids[Math.max(0, fallback)] || '';
    }
  }

  function dryRunRequest() {
    const pasted = document.getElementById('dry-json').value.trim();
    if (pasted) {
      const parsed = JSON.parse(pasted);
      return parsed.input ? parsed : { input: parsed };
    }
    return { input: {
      'slice-id': 'ui-dry-run',
      'connection': [{
        'name': 'dry-run',
        'a-end': { 'site': document.getElementById('dry-a').value },
        'z-end': { 'site': document.getElementById('dry-z').value },
        'min-security-level': document.getElementById('dry-level').value,
        'bandwidth-gbps': document.getElementById('dry-bandwidth').value,
        'max-latency-us': Number(document.getElementById('dry-latency').value)
      }]
    } };
  }

  // the links a blocking reason names (the controller names the link and the reason in plain text)
  function linksNamedIn(text) {
    const ids = [...view.links.keys()].sort((a, b) => b.length - a.length);
    const found = [];
    let rest = text || '';
    for (const id of ids) {
      if (rest.includes(id)) {
        found.push(id);
        rest = rest.split(id).join(' ');
      }
    }
    return found;
  }

  async function runDryRun(event) {
    event.preventDefault();
    const box = document.getElementById('dry-run-result');
    let request;
    try {
      request = dryRunRequest();
    } catch (e) {
      show(box, el('div', { class: 'infeasible' }, 'not JSON: ' + e.message));
      return;
    }
    show(box, el('span', { class: 'hint' }, 'computing...'));
    try {
      const answer = await restconf('POST', '/operations/qslice-slice:compute-slice', request);
      if (answer.status !== 200) {
        view.blocked = [];
        view.dryRunPaths = [];
        show(box, el('div', { class: 'infeasible', id: 'dry-run-error' },
          answer.status + ': ' + errorText(answer.json)));
        decorateGraph();
        return;
      }
      const output = answer.json['qslice-slice:output'] || {};
      const connections = output.connection || [];
      const reasons = [output.reason, ...connections.map(c => c.reason)].filter(Boolean);
      view.blocked = output.feasible ? [] : [...new Set(reasons.flatMap(linksNamedIn))];
      view.dryRunPaths = output.feasible ? connections.flatMap(c => (c.hop || []).map(h => h['link-id'])) : [];
      show(box,
        el('div', { class: output.feasible ? 'feasible' : 'infeasible', id: 'dry-run-verdict' },
          output.feasible ? 'feasible' : 'infeasible'),
        output.reason ? el('div', { id: 'dry-run-reason' }, output.reason) : null,
        view.blocked.length ? el('div', {}, 'blocking: ', el('span', { class: 'mono', id: 'dry-run-blocking' },
          view.blocked.join(', '))) : null,
        ...connections.filter(c => c.feasible).map(c => el('div', {}, c.name + ': ', levelBadge(c['security-level']),
          ' ' + micros(c['total-latency-us']) + ' via ', el('span', { class: 'mono' },
            (c.hop || []).map(h => h['link-id']).join(' \u2192 ')))));
      decorateGraph();
    } catch (e) {
      show(box, el('div', { class: 'infeasible' }, e.message));
    }
  }

  function clearDryRun() {
    view.blocked = [];
    view.dryRunPaths = [];
    show(document.getElementById('dry-run-result'));
    decorateGraph();
  }

  // ---- KMS -------------------------------------------------------------------------------------------------
  function renderKms(pools, channels) {
    const poolRows = pools.map(p => {
      const size = Number(p['pool-size'] || 0);
      const stored = Number(p['stored-count'] || 0);
      const low = Number(p['low-water'] || 0);
      const percent = size ? Math.min(100, Math.round(100 * stored / size)) : 0;
      return el('tr', { 'data-pool': p['channel-id'] + '/' + p['key-type'] },
        el('td', { class: 'mono' }, p['channel-id']), el('td', {}, p['key-type']),
        el('td', {}, el('span', { class: stored <= low ? 'fill low' : 'fill', title: stored + ' of ' + size },
          el('i', { style: { width: percent + '%' } })), ' ' + stored + '/' + size),
        el('td', {}, Number(p['generation-rate'] || 0).toFixed(1)),
        el('td', {}, Number(p['consumption-rate'] || 0).toFixed(1)),
        el('td', {}, p['engine-present'] === false ? 'not in engine' : p.starving ? 'starving' : 'ok'));
    });
    if (poolRows.length === 0) {
      poolRows.push(el('tr', {}, el('td', { colspan: 6, class: 'hint' }, 'no pools')));
    }
    replaceBody(document.getElementById('kms-pools'), poolRows);
    const channelRows = channels.map(c => {
      const state = c.state || {};
      return el('tr', { 'data-channel': c['channel-id'] },
        el('td', { class: 'mono' }, c['channel-id']), el('td', {}, c['key-type'] || ''),
        el('td', { class: 'mono key-id' }, state['current-key-id'] || ''), el('td', {}, ago(state['last-rotation'])),
        el('td', {}, state.rotations || 0), el('td', {}, state['failed-rotations'] || 0));
    });
    if (channelRows.length === 0) {
      channelRows.push(el('tr', {}, el('td', { colspan: 6, class: 'hint' }, 'no channels')));
    }
    replaceBody(document.getElementById('kms-channels'), channelRows);
  }

  // ---- polling ---------------------------------------------------------------------------------------------
  async function refresh() {
    const [topologyJson, slicesJson, provisioningJson, channelsJson, poolsAnswer] = await Promise.all([
      read('/data/ietf-network:networks/network=' + NETWORK),
      read('/data/qslice-slice:slices'),
      read('/data/qslice-slice:provisioning'),
      read('/data/qslice-kms:kms/channels').catch(() => null),
      restconf('POST', '/operations/qslice-kms:get-pool-statistics', { input: {} }).catch(() => null)
    ]);
    const topologyKey = JSON.stringify(topologyJson);
    if (topologyKey !== view.topologyKey) {
      const topology = parseTopology(topologyJson);
      view.sites = topology.sites;
      view.links = topology.links;
      view.topologyKey = topologyKey;
      rebuildGraph(topology);
      fillSiteChoices();
    }
    view.slices = ((slicesJson && slicesJson['qslice-slice:slices'] && slicesJson['qslice-slice:slices'].slice) || [])
      .slice().sort((a, b) => a['slice-id'].localeCompare(b['slice-id']));
    view.provisioning = new Map(((provisioningJson && provisioningJson['qslice-slice:provisioning']
      && provisioningJson['qslice-slice:provisioning'].slice) || []).map(r => [r['slice-id'], r]));
    if (view.selected && !view.slices.some(s => s['slice-id'] === view.selected)) {
      view.selected = null;
    }
    renderSlices();
    decorateGraph();
    renderSelection();
    const channels = (channelsJson && channelsJson['qslice-kms:channels'] && channelsJson['qslice-kms:channels'].channel)
      || [];
    const pools = (poolsAnswer && poolsAnswer.status === 200 && poolsAnswer.json['qslice-kms:output']
      && poolsAnswer.json['qslice-kms:output'].pool) || [];
    renderKms(pools, channels);
    view.updates++;
  }

  async function poll() {
    const status = document.getElementById('status');
    try {
      await refresh();
      view.lastError = null;
      status.className = 'status';
      status.textContent = view.sites.size + ' sites, ' + view.links.size + ' links, ' + view.slices.length
        + ' slices \u00b7 updated ' + new Date().toLocaleTimeString();
    } catch (e) {
      view.lastError = e.message;
      status.className = 'status error';
      status.textContent = 'RESTCONF: ' + e.message;
    }
    window.setTimeout(poll, POLL_MS);
  }

  function signIn() {
    const user = document.getElementById('login-user').value;
    const password = document.getElementById('login-password').value;
    const bytes = new TextEncoder().encode(user + ':' + password);
    window.sessionStorage.setItem('qslice-auth', 'Basic ' + btoa(String.fromCharCode(...bytes)));
    document.getElementById('login-password').value = '';
    document.getElementById('login').hidden = true;
  }

  // What the page shows, for a test or a script: the same element classes the drawing uses.
  window.qsliceView = {
    state: function () {
      const ids = selector => view.cy ? view.cy.elements(selector).map(e => e.data('link') || e.data('site')) : [];
      return {
        updates: view.updates,
        error: view.lastError,
        sites: ids('node'),
        links: ids('edge'),
        highlighted: ids('edge.path'),
        blocked: ids('edge.blocked'),
        candidate: ids('edge.candidate'),
        selected: view.selected,
        colors: view.cy ? Object.fromEntries(view.cy.edges().map(e => [e.data('link'), e.data('color')])) : {}
      };
    },
    select: selectSlice
  };

  document.addEventListener('DOMContentLoaded', () => {
    renderLegend();
    document.getElementById('dry-run').addEventListener('submit', runDryRun);
    document.getElementById('dry-run-clear').addEventListener('click', clearDryRun);
    document.getElementById('login-button').addEventListener('click', signIn);
    poll();
  });
}());
