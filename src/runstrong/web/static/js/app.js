/* runstrong: light progressive enhancement. Pages work without it. */
(function () {
  "use strict";
  var meta = document.querySelector('meta[name="csrf-token"]');
  var csrf = meta ? meta.getAttribute("content") : "";

  /* Upload with live progress: forms with data-upload post via fetch, then poll the job. */
  function pollJob(url, bar, label, resultBox) {
    fetch(url, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
      .then(function (r) { return r.json(); })
      .then(function (job) {
        var pct = job.total ? Math.round(100 * job.progress / job.total) : (job.status === "done" ? 100 : 5);
        bar.style.width = pct + "%";
        label.textContent = job.status + (job.total ? " · " + job.progress + " / " + job.total + " files" : "");
        if (job.status === "done" || job.status === "failed") {
          if (job.result_html_url) { window.location.href = job.result_html_url; }
          else if (job.error) { resultBox.textContent = job.error; }
          return;
        }
        setTimeout(function () { pollJob(url, bar, label, resultBox); }, 700);
      })
      .catch(function () { label.textContent = "Lost contact with the server; reload the page."; });
  }

  var uploads = document.querySelectorAll("form[data-upload]");
  Array.prototype.forEach.call(uploads, function (form) {
    form.addEventListener("submit", function (ev) {
      ev.preventDefault();
      var box = form.querySelector("[data-progress]");
      var bar = box.querySelector("span");
      var label = form.querySelector("[data-progress-label]");
      var resultBox = form.querySelector("[data-progress-result]");
      box.hidden = false;
      label.textContent = "uploading…";
      var xhr = new XMLHttpRequest();
      xhr.open("POST", form.getAttribute("data-upload"));
      xhr.setRequestHeader("X-CSRF-Token", csrf);
      xhr.setRequestHeader("Accept", "application/json");
      xhr.upload.onprogress = function (e) {
        if (e.lengthComputable) { bar.style.width = Math.round(50 * e.loaded / e.total) + "%"; }
      };
      xhr.onload = function () {
        var body = {};
        try { body = JSON.parse(xhr.responseText); } catch (err) { body = {}; }
        if (xhr.status >= 400) { label.textContent = body.detail || "Upload failed."; return; }
        pollJob(body.status_url, bar, label, resultBox);
      };
      xhr.onerror = function () { label.textContent = "Upload failed: the connection dropped."; };
      xhr.send(new FormData(form));
    });
  });

  /* Plan week and calendar: drag a session to another day. The server moves it as
     `runstrong plan move` does (same-kind swap, re-placed in the day's windows) or
     refuses with the reason; the page then shows each session where the plan has it. */
  var week = document.querySelector(".week[data-athlete]");
  if (week) {
    var hint = document.querySelector("[data-drag-hint]");
    var result = document.querySelector("[data-move-result]");
    if (hint) { hint.hidden = false; }
    var dragged = null;
    var say = function (text, isError) {
      result.textContent = text;
      result.hidden = !text;
      result.classList.toggle("form-error", !!isError);
    };
    week.addEventListener("dragstart", function (ev) {
      var item = ev.target.closest && ev.target.closest("[data-session]");
      if (!item) { return; }
      dragged = item;
      ev.dataTransfer.setData("text/plain", item.getAttribute("data-session"));
    });
    week.addEventListener("dragover", function (ev) {
      if (dragged && ev.target.closest(".day")) { ev.preventDefault(); }
    });
    week.addEventListener("drop", function (ev) {
      var day = ev.target.closest(".day");
      if (!dragged || !day) { return; }
      ev.preventDefault();
      var moving = dragged;
      dragged = null;
      if (moving.closest(".day") === day) { return; }
      var url = "/api/v1/athletes/" + week.getAttribute("data-athlete") + "/plan/sessions/" +
        encodeURIComponent(moving.getAttribute("data-session")) + "/move";
      fetch(url, {
        method: "POST",
        credentials: "same-origin",
        headers: { "Content-Type": "application/json", "X-CSRF-Token": csrf, "Accept": "application/json" },
        body: JSON.stringify({ date: day.getAttribute("data-date") })
      }).then(function (r) { return r.json().then(function (body) { return [r.status, body]; }); })
        .then(function (pair) {
          var status = pair[0], body = pair[1];
          if (status >= 400) { say(body.detail || "The session could not be moved.", true); return; }
          var homes = [];
          body.week.forEach(function (s) {
            var item = week.querySelector("[data-session='" + s.id + "']");
            var home = week.querySelector(".day[data-date='" + s.date + "']");
            var start = s.start.slice(0, 5);  /* HH:MM, as the page writes it */
            if (!item || !home) { return; }
            if (item.closest(".day") !== home) { home.appendChild(item); }
            if (homes.indexOf(home) < 0) { homes.push(home); }
            if (item.getAttribute("data-start") !== start) {
              var small = item.querySelector("small");
              if (small) { small.textContent = small.textContent.replace(item.getAttribute("data-start"), start); }
              item.setAttribute("data-start", start);
            }
          });
          homes.forEach(function (home) {  /* planned sessions in time order, logged ones after */
            var items = Array.prototype.slice.call(home.querySelectorAll(".item[data-session]"));
            items.sort(function (a, b) { return a.getAttribute("data-start").localeCompare(b.getAttribute("data-start")); });
            items.forEach(function (el) { home.insertBefore(el, home.querySelector(".item.logged")); });
          });
          var lines = body.changes.slice();
          body.new_breaks.forEach(function (b) { lines.push(b.rule_id + " (" + b.severity + "): " + b.message); });
          say(lines.join(" · "), false);
        })
        .catch(function () { say("Lost contact with the server.", true); });
    });
  }

  /* Activity map: draw the GPS track on a canvas (equirectangular, no tiles). */
  var maps = document.querySelectorAll("canvas[data-track]");
  Array.prototype.forEach.call(maps, function (canvas) {
    var source = document.getElementById(canvas.getAttribute("data-track"));
    if (!source) { return; }
    var pts = JSON.parse(source.textContent);
    if (pts.length < 2) { return; }
    var ratio = window.devicePixelRatio || 1;
    var w = canvas.clientWidth, h = canvas.clientHeight;
    canvas.width = w * ratio; canvas.height = h * ratio;
    var ctx = canvas.getContext("2d");
    ctx.scale(ratio, ratio);
    var lat0 = pts[0][0] * Math.PI / 180, k = Math.cos(lat0);
    var xs = pts.map(function (p) { return p[1] * k; }), ys = pts.map(function (p) { return p[0]; });
    var minX = Math.min.apply(null, xs), maxX = Math.max.apply(null, xs);
    var minY = Math.min.apply(null, ys), maxY = Math.max.apply(null, ys);
    var span = Math.max(maxX - minX, maxY - minY) || 1e-6, pad = 16;
    var s = Math.min((w - 2 * pad) / (maxX - minX || span), (h - 2 * pad) / (maxY - minY || span));
    var ox = (w - s * (maxX - minX)) / 2, oy = (h - s * (maxY - minY)) / 2;
    function px(i) { return [ox + s * (xs[i] - minX), h - (oy + s * (ys[i] - minY))]; }
    ctx.lineWidth = 3; ctx.strokeStyle = "#0b6e4f"; ctx.lineJoin = "round";
    ctx.beginPath();
    for (var i = 0; i < pts.length; i++) { var p = px(i); if (i === 0) { ctx.moveTo(p[0], p[1]); } else { ctx.lineTo(p[0], p[1]); } }
    ctx.stroke();
    var a = px(0), b = px(pts.length - 1);
    ctx.fillStyle = "#1e7d32"; ctx.beginPath(); ctx.arc(a[0], a[1], 5, 0, 7); ctx.fill();
    ctx.fillStyle = "#b3261e"; ctx.beginPath(); ctx.arc(b[0], b[1], 5, 0, 7); ctx.fill();
    canvas.setAttribute("data-rendered", "true");
  });
})();
