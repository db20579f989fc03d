// tracr4j viz report: expression details on click, cell values on hover. Inlined into the page.
(function () {
  'use strict';
  var data = JSON.parse(document.getElementById('viz-data').textContent);
  var tip = document.getElementById('tip');
  var SVG = 'http://www.w3.org/2000/svg';

  function el(tag, text, cls) {
    var e = document.createElement(tag);
    if (text !== undefined && text !== null) e.textContent = text;
    if (cls) e.className = cls;
    return e;
  }

  // --- Program graph: click an expression to see its value at every position.
  function showExpression(label) {
    var e = data.expressions[label];
    var detail = document.getElementById('detail');
    if (!e || !detail) return;
    detail.textContent = '';
    var head = el('div');
    head.appendChild(el('b', label));
    head.appendChild(document.createTextNode(' = '));
    head.appendChild(el('span', e.def, 'def'));
    head.appendChild(el('span', '  · ' + e.kind + ' · ' + e.enc + ' · ' + e.where, 'def'));
    detail.appendChild(head);
    var table = el('table');
    var header = el('tr');
    header.appendChild(el('th', 'position'));
    for (var p = 1; p < data.positions.length; p++) {
      var th = el('th', String(p - 1) + ' ');
      th.appendChild(el('span', data.positions[p], 'tok'));
      header.appendChild(th);
    }
    table.appendChild(header);
    if (e.selected) {
      var row = el('tr');
      row.appendChild(el('td', 'selects keys', 'src'));
      e.selected.forEach(function (keys) { row.appendChild(el('td', keys.length ? keys.join(',') : '(none)')); });
      table.appendChild(row);
    } else {
      [['interpreter', e.interp], ['model', e.model]].forEach(function (pair) {
        var r = el('tr');
        r.appendChild(el('td', pair[0], 'src'));
        pair[1].forEach(function (v, i) {
          r.appendChild(el('td', v, pair[0] === 'model' && !e.agree[i] ? 'bad' : ''));
        });
        table.appendChild(r);
      });
    }
    detail.appendChild(table);
    document.querySelectorAll('svg.graph .node').forEach(function (n) {
      n.classList.toggle('current', n.getAttribute('data-expr') === label);
    });
    document.querySelectorAll('svg.graph .edge').forEach(function (edge) {
      edge.classList.toggle('current', edge.getAttribute('data-to') === label);
    });
    document.querySelectorAll('table.values tr').forEach(function (r) { r.classList.remove('current'); });
    var row2 = document.querySelector('table.values tr[data-expr="' + CSS.escape(label) + '"]');
    if (row2) {
      row2.classList.add('current');
      if (row2.nextElementSibling) row2.nextElementSibling.classList.add('current');
    }
  }
  document.querySelectorAll('svg.graph .node').forEach(function (node) {
    var label = node.getAttribute('data-expr');
    node.addEventListener('click', function () { showExpression(label); });
    node.addEventListener('keydown', function (ev) { if (ev.key === 'Enter') showExpression(label); });
  });

  document.querySelectorAll('table.values tr[data-expr]').forEach(function (row) {
    row.addEventListener('click', function () { showExpression(row.getAttribute('data-expr')); });
  });

  // --- Heatmaps: the value of the cell under the pointer.
  var hovers = 0; // read-outs shown (the self-test checks one per heatmap)
  function cellAt(map, x, y) {
    function find(starts, size, v) {
      for (var i = 0; i < starts.length; i++) if (v >= starts[i] && v < starts[i] + size) return i;
      return -1;
    }
    var c = find(map.xs, map.cw, x), r = find(map.ys, map.ch, y);
    return c < 0 || r < 0 ? null : { r: r, c: c };
  }
  document.querySelectorAll('svg.heatmap').forEach(function (svg) {
    var map = data.heatmaps[svg.getAttribute('data-map')];
    if (!map) return;
    var box = document.createElementNS(SVG, 'rect');
    box.setAttribute('class', 'hover');
    box.setAttribute('width', map.cw);
    box.setAttribute('height', map.ch);
    box.style.display = 'none';
    svg.appendChild(box);
    svg.addEventListener('mousemove', function (ev) {
      var rect = svg.getBoundingClientRect();
      var cell = cellAt(map, ev.clientX - rect.left, ev.clientY - rect.top);
      if (!cell) { tip.style.display = 'none'; box.style.display = 'none'; return; }
      var col = map.cols[cell.c];
      var position = cell.c % data.positions.length;
      tip.textContent = map.rows[cell.r] + ' @ ' + (position === 0 ? 'BOS' : 'position ' + (position - 1) + ' (' + col + ')')
        + (map.blocks[cell.c] ? ' · ' + map.blocks[cell.c] : '') + '\n' + map.note + ' = ' + map.v[cell.r][cell.c];
      hovers++;
      tip.style.display = 'block';
      tip.style.left = (ev.clientX + 14) + 'px';
      tip.style.top = (ev.clientY + 12) + 'px';
      box.setAttribute('x', map.xs[cell.c]);
      box.setAttribute('y', map.ys[cell.r]);
      box.style.display = '';
    });
    svg.addEventListener('mouseleave', function () { tip.style.display = 'none'; box.style.display = 'none'; });
  });

  // --- Self-test (URL ending in #selftest): exercise every handler so that errors surface in tests.
  if (location.hash === '#selftest') {
    document.querySelectorAll('svg.graph .node').forEach(function (node) {
      node.dispatchEvent(new MouseEvent('click', { bubbles: true }));
    });
    document.querySelectorAll('svg.heatmap').forEach(function (svg) {
      var map = data.heatmaps[svg.getAttribute('data-map')];
      var rect = svg.getBoundingClientRect();
      if (!map || !map.xs.length || !map.ys.length) return;
      svg.dispatchEvent(new MouseEvent('mousemove', { bubbles: true,
        clientX: rect.left + map.xs[0] + 2, clientY: rect.top + map.ys[0] + 2 }));
      svg.dispatchEvent(new MouseEvent('mouseleave'));
    });
  }
  showExpression(data.initial);
  document.getElementById('viz-errors').textContent = window.vizErrors.join('\n');
  document.documentElement.setAttribute('data-viz-hovers', String(hovers));
  document.documentElement.setAttribute('data-viz-ready', String(window.vizErrors.length));
})();
