(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("data").textContent);
  var byCode = {};
  data.airports.forEach(function (a) { byCode[a.airport] = a; });
  var select = document.getElementById("airport");
  var search = document.getElementById("search");
  var shown = null;

  function plural(n, word) { return n + " " + word + (n === 1 ? "" : "s"); }
  function number(v, digits) {
    if (v === null || v === undefined) { return "\u2014"; }
    return v.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
  }
  function cause(c) { return c ? c.replace(/_/g, " ") : "\u2014"; }
  function kindCell(row, kind) {
    var td = document.createElement("td");
    var span = document.createElement("span");
    span.className = "kind kind-" + kind;
    span.textContent = kind;
    td.appendChild(span);
    row.appendChild(td);
  }
  function codeFromHash() {
    var code = decodeURIComponent(location.hash.replace(/^#/, "")).trim().toUpperCase();
    return byCode[code] ? code : null;
  }

  function fillOptions() {
    var query = search.value.trim().toUpperCase();
    select.textContent = "";
    data.airports.forEach(function (a) {
      if (query && a.airport.indexOf(query) === -1) { return; }
      var option = document.createElement("option");
      option.value = a.airport;
      option.textContent = a.airport + " \u2014 " + plural(a.anomalies.length, "anomalous day");
      select.appendChild(option);
    });
    var codes = Array.prototype.map.call(select.options, function (o) { return o.value; });
    if (codes.indexOf(shown) !== -1) {
      select.value = shown;
    } else if (codes.length) {
      location.replace("#" + codes[0]);
    }
  }

  function cell(row, text, numeric) {
    var td = document.createElement("td");
    td.textContent = text;
    if (numeric) { td.className = "num"; }
    row.appendChild(td);
  }

  function show(code) {
    var a = byCode[code];
    shown = code;
    select.value = code;
    document.title = code + " \u2014 DelayWatch " + data.year;
    document.getElementById("airport-name").textContent = code + " \u2014 " + data.year;
    document.getElementById("airport-facts").textContent =
      number(a.days, 0) + " days with flights \u00b7 " + number(a.flights, 0) + " flights \u00b7 " +
      number(a.cancelled, 0) + " cancelled \u00b7 mean departure delay " + number(a.mean_dep_delay, 1) +
      " min \u00b7 " + plural(a.anomalies.length, "anomalous day");
    var flights = document.getElementById("chart-flights");
    flights.src = encodeURIComponent(code) + "/" + data.charts.daily_flights;
    flights.alt = code + " daily flights " + data.year;
    var delay = document.getElementById("chart-delay");
    delay.src = encodeURIComponent(code) + "/" + data.charts.delay_vs_expected;
    delay.alt = code + " departure delay vs expected " + data.year;
    var body = document.querySelector("#anomalies tbody");
    body.textContent = "";
    a.anomalies.forEach(function (d) {
      var row = document.createElement("tr");
      cell(row, d.flight_date, false);
      kindCell(row, d.anomaly_kind);
      cell(row, number(d.flights, 0), true);
      cell(row, number(d.cancelled, 0), true);
      cell(row, number(d.avg_dep_delay, 1), true);
      cell(row, number(d.expected_dep_delay, 1), true);
      cell(row, number(d.anomaly_score, 2), true);
      cell(row, cause(d.main_cause), false);
      body.appendChild(row);
    });
    document.getElementById("anomalies").hidden = a.anomalies.length === 0;
    document.getElementById("no-anomalies").hidden = a.anomalies.length > 0;
    Array.prototype.forEach.call(document.querySelectorAll("#ranking tbody tr"), function (tr) {
      tr.className = tr.getAttribute("data-airport") === code ? "current" : "";
    });
  }

  select.addEventListener("change", function () { location.hash = select.value; });
  search.addEventListener("input", fillOptions);
  search.addEventListener("keydown", function (e) {
    if (e.key === "Enter" && select.options.length) { location.hash = select.options[0].value; }
  });
  window.addEventListener("hashchange", function () {
    var code = codeFromHash();
    if (code) {
      show(code);
      var view = document.getElementById("airport-view");
      if (view.getBoundingClientRect().top < 0) { view.scrollIntoView(); }
    }
  });
  if (data.airports.length) { show(codeFromHash() || data.ranking[0]); }
})();
