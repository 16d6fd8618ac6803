/* runstrong charts: draws every element with data-chart="<json script id>" using the
   vendored uPlot. Data: {labels: [iso date | number], x: "time"|"number",
   series: [{name, values, axis: "left"|"right", color}], needs: text when there is too
   little data (shown instead of an empty grid), x_range: [first, last] ISO dates of the
   time axis, y_min: fixed lower end of the value axis (0 for bars), marks: [{date, label}]
   the plan's dates, drawn as dashed vertical lines where they fall inside the axis}.
   After drawing, the element carries the axis ranges uPlot used as data-x-min/max
   (ISO dates for time axes) and data-y-min/max, for the browser tests. */
(function () {
  "use strict";
  var palette = ["#0b6e4f", "#d1495b", "#3d5a80", "#e09f3e", "#8e7dbe", "#4c9f70"];

  function toX(labels, mode) {
    if (mode === "number") { return labels.map(Number); }
    return labels.map(function (d) { return Date.parse(d + (d.length === 10 ? "T00:00:00Z" : "")) / 1000; });
  }

  function draw(el) {
    var source = document.getElementById(el.getAttribute("data-chart"));
    if (!source || typeof uPlot === "undefined") { return; }
    var data = JSON.parse(source.textContent);
    if (data.needs || !data.labels || data.labels.length === 0) {
      el.textContent = data.needs || "No data yet.";
      el.className += " chart-needs";
      el.setAttribute("data-needs", "true");
      return;
    }
    var bars = el.getAttribute("data-kind") === "bars";
    var xs = toX(data.labels, data.x);
    var hasRight = data.series.some(function (s) { return s.axis === "right"; });
    var series = [{ label: data.x_label || (data.x === "number" ? "Value" : "Date") }];
    function mmss(v) { if (v == null) { return "--"; } var t = Math.round(v); return Math.floor(t / 60) + ":" + ("0" + (t % 60)).slice(-2); }
    var columns = [xs];
    data.series.forEach(function (s, i) {
      var color = s.color || palette[i % palette.length];
      var spec = { label: s.name, stroke: color, width: 2, scale: s.axis === "right" ? "r" : "y",
        spanGaps: true, points: { show: s.points === true } };
      if (bars && i === 0) {
        spec.fill = color + "55";
        spec.paths = uPlot.paths.bars({ size: [0.7, 40] });
      }
      if (s.format === "pace") { spec.value = function (u, v) { return mmss(v); }; }
      series.push(spec);
      columns.push(s.values);
    });
    var first = data.series[0];
    var yAxis = { scale: "y", label: first.name };
    if (first.format === "pace") { yAxis.values = function (u, vals) { return vals.map(mmss); }; }
    var axes = [{}, yAxis];
    if (hasRight) {
      var right = data.series.filter(function (s) { return s.axis === "right"; })[0];
      axes.push({ scale: "r", side: 1, grid: { show: false }, label: right.name });
    }
    var scales = { x: { time: data.x !== "number" }, y: { dir: first.invert ? -1 : 1 } };
    if (data.x_range) {
      var span = toX(data.x_range, data.x);
      scales.x.range = function () { return span; };
    }
    if (data.y_min != null) {
      var fixed = data.y_min;
      scales.y.range = function (u, lo, hi) { return [fixed, hi > fixed ? hi * 1.05 : fixed + 1]; };
      if (hasRight) { scales.r = { range: function (u, lo, hi) { return [fixed, hi > fixed ? hi * 1.05 : fixed + 1]; } }; }
    }
    function iso(v) { return data.x === "number" ? String(v) : new Date(v * 1000).toISOString().slice(0, 10); }
    function expose(u) {  // the ranges drawn, once uPlot has set its scales
      el.setAttribute("data-x-min", iso(u.scales.x.min));
      el.setAttribute("data-x-max", iso(u.scales.x.max));
      el.setAttribute("data-y-min", String(u.scales.y.min));
      el.setAttribute("data-y-max", String(u.scales.y.max));
      el.setAttribute("data-rendered", "true");
    }
    var marks = (data.marks || []).map(function (m) { return { x: toX([m.date], data.x)[0], label: m.label }; });
    function drawMarks(u) {  // the plan's dates: season start, phase starts, race day
      var ctx = u.ctx, top = u.bbox.top, bottom = u.bbox.top + u.bbox.height, shown = 0;
      ctx.save();
      ctx.strokeStyle = "#7a4fa3"; ctx.fillStyle = "#7a4fa3"; ctx.lineWidth = 1;
      ctx.setLineDash([4, 3]); ctx.font = "11px system-ui, sans-serif"; ctx.textBaseline = "top";
      marks.forEach(function (m) {
        if (m.x < u.scales.x.min || m.x > u.scales.x.max) { return; }
        var x = Math.round(u.valToPos(m.x, "x", true)) + 0.5;
        ctx.beginPath(); ctx.moveTo(x, top); ctx.lineTo(x, bottom); ctx.stroke();
        ctx.fillText(m.label, x + 3, top + 2 + 12 * (shown % 2));
        shown += 1;
      });
      ctx.restore();
      el.setAttribute("data-marks-drawn", String(shown));
    }
    var opts = {
      hooks: { draw: [expose, drawMarks] },
      width: Math.max(280, el.clientWidth || 600),
      height: 240,
      series: series,
      axes: axes,
      scales: scales,
      legend: { live: true }
    };
    el.innerHTML = "";
    var chart = new uPlot(opts, columns, el);
    window.addEventListener("resize", function () {
      chart.setSize({ width: Math.max(280, el.clientWidth || 600), height: 240 });
    });
  }

  function drawAll() {
    var nodes = document.querySelectorAll("[data-chart]");
    for (var i = 0; i < nodes.length; i++) {
      try { draw(nodes[i]); } catch (err) { nodes[i].textContent = "Chart could not be drawn."; }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", drawAll);
  } else {
    drawAll();
  }
})();
