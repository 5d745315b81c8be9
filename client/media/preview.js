// The studyspec preview webview. Content arrives by message; nothing here loads remote content.
(function () {
  'use strict';
  const vscode = acquireVsCodeApi();
  const tabsEl = document.getElementById('tabs');
  const contentEl = document.getElementById('content');
  // picked: which document each per-group tab (guides...) shows
  const state = Object.assign({ tab: 'protocol', picked: {}, scroll: {} }, vscode.getState() || {});
  if (!state.picked) state.picked = {};
  let documents = [];
  let version = 0;
  let file = '';
  // the preview tabs of the server's registry of document kinds: { id, label, documentKind, none? }
  let tabs = [];

  function save() {
    vscode.setState(state);
  }

  function byKind(kind) {
    return documents.filter((d) => d.kind === kind);
  }

  function currentTab() {
    return tabs.find((tab) => tab.id === state.tab);
  }

  function scrollKey() {
    const tab = currentTab();
    return tab && tab.none !== undefined ? state.tab + ':' + (state.picked[state.tab] || 0) : state.tab;
  }

  function button(label, selected, onClick, role) {
    const b = document.createElement('button');
    b.type = 'button';
    b.textContent = label;
    b.setAttribute('role', role || 'tab');
    b.setAttribute('aria-selected', selected ? 'true' : 'false');
    if (selected) b.classList.add('selected');
    b.addEventListener('click', onClick);
    return b;
  }

  function renderTabs() {
    tabsEl.textContent = '';
    for (const tab of tabs) {
      tabsEl.appendChild(
        button(tab.label, state.tab === tab.id, () => {
          state.scroll[scrollKey()] = window.scrollY;
          state.tab = tab.id;
          save();
          vscode.postMessage({ type: 'tab', tab: tab.id });
          // the extension sends the tab's documents (only the tab on show is generated); until then the last page stays
          if (byKind(tab.documentKind).length > 0) render();
          else renderTabs();
        }),
      );
    }
  }

  function renderPicker(tabId, docs) {
    const bar = document.createElement('div');
    bar.className = 'guide-picker';
    bar.setAttribute('role', 'tablist');
    docs.forEach((doc, index) => {
      bar.appendChild(
        button(doc.title, index === state.picked[tabId], () => {
          state.scroll[scrollKey()] = window.scrollY;
          state.picked[tabId] = index;
          save();
          render();
        }),
      );
    });
    return bar;
  }

  function section(html, className) {
    const div = document.createElement('div');
    div.className = 'document ' + (className || '');
    div.innerHTML = html; // generator output: every piece of user text is already escaped
    return div;
  }

  function render() {
    renderTabs();
    contentEl.textContent = '';
    let rendered = null;
    const tab = currentTab();
    const docs = tab ? byKind(tab.documentKind) : [];
    if (tab && tab.none !== undefined) {
      // one document per method or group: a picker above the one shown
      if (docs.length > 0) {
        if (!(state.picked[tab.id] < docs.length)) state.picked[tab.id] = 0;
        contentEl.appendChild(renderPicker(tab.id, docs));
        rendered = section(docs[state.picked[tab.id]].html || '', tab.documentKind);
      } else {
        rendered = section('<p class="placeholder"></p>');
        rendered.firstChild.textContent = tab.none;
      }
    } else if (docs[0]) {
      rendered = section(docs[0].svg || docs[0].html || '', tab.documentKind);
    }
    if (!rendered) rendered = section('<p class="placeholder">Nothing to show yet: is this file a study?</p>');
    contentEl.appendChild(rendered);
    window.scrollTo(0, state.scroll[scrollKey()] || 0);
    vscode.postMessage({ type: 'rendered', tab: state.tab, documents: documents.length, version: version });
  }

  // click on a touchpoint, question or construct: reveal its declaration
  contentEl.addEventListener('click', (event) => {
    const target = event.target instanceof Element ? event.target.closest('[data-kind]') : null;
    if (!target) return;
    const line = target.getAttribute('data-line');
    vscode.postMessage({
      type: 'reveal',
      kind: target.getAttribute('data-kind') || undefined,
      name: target.getAttribute('data-name') || undefined,
      file: target.getAttribute('data-file') || undefined,
      line: line === null ? undefined : Number(line),
    });
  });

  let scrollTimer = null;
  window.addEventListener('scroll', () => {
    if (scrollTimer) return;
    scrollTimer = setTimeout(() => {
      scrollTimer = null;
      state.scroll[scrollKey()] = window.scrollY;
      save();
    }, 100);
  });

  function scrollToLine(line, sourceFile) {
    let best = null;
    let bestLine = -1;
    for (const el of contentEl.querySelectorAll('[data-line]')) {
      const elFile = el.getAttribute('data-file');
      if (elFile && sourceFile && elFile !== sourceFile) continue;
      const l = Number(el.getAttribute('data-line'));
      if (l <= line && l > bestLine) {
        best = el;
        bestLine = l;
      }
    }
    if (!best) return;
    best.scrollIntoView({ block: 'start', behavior: 'smooth' });
    for (const el of contentEl.querySelectorAll('.sync-highlight')) el.classList.remove('sync-highlight');
    best.classList.add('sync-highlight');
  }

  window.addEventListener('message', (event) => {
    const message = event.data;
    if (message.type === 'update') {
      documents = message.documents || [];
      tabs = message.tabs || [];
      version = message.version;
      file = message.file || '';
      if (message.tab && message.tab !== state.tab && !message.keepTab) {
        state.scroll[scrollKey()] = window.scrollY;
        state.tab = message.tab;
      }
      save();
      if (message.error) contentEl.textContent = 'The preview could not be generated: ' + message.error;
      else render();
    } else if (message.type === 'scrollToLine') {
      scrollToLine(message.line, message.file || file);
    }
  });

  vscode.postMessage({ type: 'ready' });
})();
