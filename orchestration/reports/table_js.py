"""Plain-JS behaviour for the report tables: click a header to sort, type to filter, severity toggles."""

TABLE_JS = r"""
(function () {
  'use strict';
  window.addEventListener('error', function (event) {
    document.body.setAttribute('data-js-error', String(event.message || event));
  });
  function cellValue(row, index) {
    var cell = row.cells[index];
    if (!cell) { return ''; }
    var sortValue = cell.getAttribute('data-sort');
    return sortValue !== null ? sortValue : cell.textContent.trim();
  }
  function compare(a, b) {
    var x = parseFloat(a), y = parseFloat(b);
    var numeric = a !== '' && b !== '' && !isNaN(x) && !isNaN(y) && isFinite(a) && isFinite(b);
    if (numeric) { return x - y; }
    if (a === '') { return b === '' ? 0 : 1; }
    if (b === '') { return -1; }
    return a.localeCompare(b, 'zh-CN');
  }
  function sortTable(table, index, header) {
    var body = table.tBodies[0];
    var descending = header.classList.contains('sorted-asc');
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th) {
      th.classList.remove('sorted-asc', 'sorted-desc');
    });
    header.classList.add(descending ? 'sorted-desc' : 'sorted-asc');
    var rows = Array.prototype.slice.call(body.rows);
    rows.sort(function (r1, r2) {
      var result = compare(cellValue(r1, index), cellValue(r2, index));
      return descending ? -result : result;
    });
    rows.forEach(function (row) { body.appendChild(row); });
  }
  function applyFilter(table) {
    var box = document.querySelector('input[data-filter-for="' + table.id + '"]');
    var needle = box ? box.value.trim().toLowerCase() : '';
    var allowed = null;
    var toggles = document.querySelectorAll('input[data-severity-for="' + table.id + '"]');
    if (toggles.length) {
      allowed = {};
      Array.prototype.forEach.call(toggles, function (t) { allowed[t.value] = t.checked; });
    }
    var shown = 0, total = table.tBodies[0].rows.length;
    Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
      var visible = (!needle || row.textContent.toLowerCase().indexOf(needle) >= 0) &&
        (!allowed || !row.hasAttribute('data-sev') || allowed[row.getAttribute('data-sev')] !== false);
      row.style.display = visible ? '' : 'none';
      if (visible) { shown += 1; }
    });
    var counter = document.querySelector('[data-count-for="' + table.id + '"]');
    if (counter) { counter.textContent = '显示 ' + shown + ' / ' + total + ' 条'; }
  }
  Array.prototype.forEach.call(document.querySelectorAll('table.data'), function (table) {
    Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, index) {
      th.title = '点击排序';
      th.addEventListener('click', function () { sortTable(table, index, th); });
    });
    var box = document.querySelector('input[data-filter-for="' + table.id + '"]');
    if (box) { box.addEventListener('input', function () { applyFilter(table); }); }
    Array.prototype.forEach.call(document.querySelectorAll('input[data-severity-for="' + table.id + '"]'),
      function (t) { t.addEventListener('change', function () { applyFilter(table); }); });
    applyFilter(table);
  });
  // A finding's link to its form also points out the finding's cells there.
  Array.prototype.forEach.call(document.querySelectorAll('a[data-finding]'), function (link) {
    link.addEventListener('click', function () {
      var number = link.getAttribute('data-finding');
      Array.prototype.forEach.call(document.querySelectorAll('td.focus'), function (c) { c.classList.remove('focus'); });
      Array.prototype.forEach.call(document.querySelectorAll('td[data-f]'), function (cell) {
        if (cell.getAttribute('data-f').split(' ').indexOf(number) >= 0) { cell.classList.add('focus'); }
      });
    });
  });
  document.body.setAttribute('data-js-ready', '1');
}());
"""
