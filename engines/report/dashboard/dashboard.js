(function () {
  "use strict";
  var table = document.getElementById("actions");
  var filters = document.getElementById("filters");
  if (!table || !filters) { return; }
  var body = table.tBodies[0];
  var rows = Array.prototype.slice.call(body.rows);
  var texts = rows.map(function (row) { return row.textContent.toLowerCase(); });
  var field = function (name) { return document.getElementById("filter-" + name); };
  var shown = document.getElementById("shown");
  function matches(row, i) {
    var d = row.dataset;
    var team = field("team").value;
    return (!field("action").value || d.action === field("action").value) &&
      (!field("severity").value || d.severity === field("severity").value) &&
      (!field("connection").value || d.connection === field("connection").value) &&
      (!team || JSON.parse(d.teams).indexOf(team) >= 0) &&
      texts[i].indexOf(field("search").value.toLowerCase()) >= 0;
  }
  function apply() {
    var n = 0;
    rows.forEach(function (row, i) {
      row.hidden = !matches(row, i);
      if (!row.hidden) { n++; }
    });
    shown.textContent = n + " of " + rows.length + " tokens shown";
  }
  ["action", "severity", "connection", "team", "search"].forEach(function (name) {
    field(name).addEventListener("input", apply);
  });
  filters.hidden = false;
  apply();
  Array.prototype.forEach.call(table.tHead.rows[0].cells, function (th, column) {
    var button = th.querySelector("button");
    if (!button) { return; }
    var ascending = true;
    button.addEventListener("click", function () {
      var key = function (row) {
        var cell = row.cells[column];
        return cell.dataset.sort !== undefined ? cell.dataset.sort : cell.textContent;
      };
      var order = rows.map(function (row, i) { return [key(row), i, row]; });
      order.sort(function (a, b) {
        var c = a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : a[1] - b[1];
        return ascending ? c : -c;
      });
      ascending = !ascending;
      order.forEach(function (entry) { body.appendChild(entry[2]); });
    });
  });
}());
