// Doorline live dashboard: renders the event's picture and keeps it live through the server's
// event stream (server-sent events). No build step: plain browser JavaScript and Chart.js.
"use strict";

(function () {
  const main = document.getElementById("main");
  const eventId = main && main.dataset.event;
  if (!eventId) return;
  const canAct = main.dataset.canAct === "yes";
  const base = `/dashboard/events/${eventId}`;
  const palette = ["#1565c0", "#2e7d32", "#6a1b9a", "#ef6c00", "#00838f", "#ad1457", "#4e342e", "#37474f"];
  let chart = null;
  let lastState = null;

  function el(tag, text, attrs) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    for (const [key, value] of Object.entries(attrs || {})) node.setAttribute(key, value);
    return node;
  }

  function row(cells, rowHeader) {
    const tr = document.createElement("tr");
    cells.forEach((cell, i) => {
      const td = i === 0 && rowHeader ? el("th", null, { scope: "row" }) : el("td");
      if (cell instanceof Node) td.appendChild(cell);
      else td.textContent = cell === null || cell === undefined ? "" : String(cell);
      tr.appendChild(td);
    });
    return tr;
  }

  function put(id, value) {
    const node = document.getElementById(id);
    if (node) node.textContent = String(value);
  }

  async function action(path, body) {
    const answer = await fetch(base + path, {
      method: "POST",
      headers: { "Content-Type": "application/json", "X-Doorline-Dashboard": "1" },
      body: JSON.stringify(body),
      credentials: "same-origin",
    });
    if (!answer.ok) {
      let words = `the server answered ${answer.status}`;
      try {
        const detail = (await answer.json()).detail;
        if (typeof detail === "string") words = detail;
        else if (Array.isArray(detail) && detail.length) words = detail[0].msg;
      } catch (e) { /* not JSON */ }
      throw new Error(words);
    }
    return answer.json();
  }

  // -- the picture ----------------------------------------------------------------------------

  function render(state) {
    lastState = state;
    put("live", `Live · updated ${state.updated} (${state.event.timezone})`);
    document.getElementById("live").classList.remove("lost");
    put("checked-in", state.presence.checked_in);
    put("registered", state.presence.registered);
    put("inside", state.presence.inside);
    put("open-conflicts", state.conflicts.length);
    renderArrivals(state.arrivals);
    renderFleet(state.fleet);
    renderConflicts(state.conflicts);
  }

  function renderArrivals(arrivals) {
    const datasets = arrivals.series.map((s, i) => ({
      label: s.name, data: s.counts, backgroundColor: palette[i % palette.length], maxBarThickness: 56,
    }));
    if (window.Chart) {
      if (!chart) {
        chart = new window.Chart(document.getElementById("arrivals"), {
          type: "bar",
          data: { labels: arrivals.labels, datasets },
          options: {
            animation: false, responsive: true, maintainAspectRatio: false,
            scales: { x: { stacked: true }, y: { stacked: true, beginAtZero: true, ticks: { precision: 0 } } },
            plugins: { legend: { position: "bottom" } },
          },
        });
      } else {
        chart.data.labels = arrivals.labels;
        chart.data.datasets = datasets;
        chart.update();
      }
    }
    const table = document.getElementById("arrivals-table");
    const head = table.tHead;
    head.replaceChildren(row(["Time", ...arrivals.series.map((s) => s.name)]));
    head.querySelectorAll("td").forEach((td) => {
      const th = el("th", td.textContent, { scope: "col" });
      td.replaceWith(th);
    });
    const body = table.tBodies[0];
    body.replaceChildren(...arrivals.labels.map((label, i) => row([label, ...arrivals.series.map((s) => s.counts[i])], true)));
  }

  function deviceText(state, waiting) {
    if (state === "none") return "none";
    return waiting !== null && waiting !== undefined ? `${state} · ${waiting} waiting` : state;
  }

  function offsetText(ms) {
    if (ms === null || ms === undefined) return "";
    const seconds = ms / 1000;
    if (Math.abs(seconds) < 1) return "in step";
    return `${seconds > 0 ? "+" : ""}${seconds.toFixed(1)} s`;
  }

  function renderFleet(fleet) {
    const body = document.querySelector("#fleet tbody");
    if (!fleet.length) {
      body.replaceChildren(row([el("span", "No station yet.")]));
      return;
    }
    body.replaceChildren(...fleet.map((s) => {
      const seen = s.revoked ? `${s.last_seen} — revoked` : (s.stale ? `${s.last_seen} — stale` : s.last_seen);
      const tr = row([
        s.name, seen, [s.gate, s.mode].filter(Boolean).join(" · "),
        s.queue === null ? "" : s.queue, deviceText(s.printer, s.badges_waiting), deviceText(s.camera),
        offsetText(s.clock_offset_ms) + (s.clock_off ? " — check the clock" : ""),
        s.last_scan, s.disk_free_mb === null ? "" : `${(s.disk_free_mb / 1024).toFixed(1)} GiB`,
      ], true);
      if (s.stale) tr.classList.add("stale");
      if (s.printer === "failed" || s.clock_off) tr.classList.add("warn");
      tr.dataset.station = s.id;
      return tr;
    }));
  }

  function renderConflicts(conflicts) {
    const body = document.querySelector("#conflicts tbody");
    if (!conflicts.length) {
      const tr = row(["No open conflicts."]);
      tr.firstChild.colSpan = 5;
      body.replaceChildren(tr);
      return;
    }
    body.replaceChildren(...conflicts.map((c) => {
      let cell = el("span", canAct ? "" : "viewers cannot acknowledge");
      if (canAct) {
        cell = el("button", "Acknowledge", { type: "button", "aria-label": `Acknowledge the conflict on ticket ${c.ticket_id}` });
        cell.addEventListener("click", async () => {
          cell.disabled = true;
          try {
            await action(`/conflicts/${encodeURIComponent(c.id)}/ack`, { note: "acknowledged on the dashboard" });
            cell.textContent = "Acknowledged";
          } catch (error) {
            cell.disabled = false;
            put("live", `Could not acknowledge: ${error.message}`);
          }
        });
      }
      const tr = row([c.ticket_id, c.first, c.second, c.detected, cell]);
      tr.dataset.conflict = c.id;
      return tr;
    }));
  }

  // -- attendee search and revocation ----------------------------------------------------------

  const dialog = document.getElementById("revoke-dialog");
  let revoking = null;

  function openRevoke(person, button) {
    revoking = { person, button };
    put("revoke-ticket", person.ticket_id);
    put("revoke-who", `${person.first_name} ${person.last_name} · ${person.ticket_type}`);
    put("revoke-error", "");
    document.getElementById("revoke-reason").value = "";
    dialog.showModal();
    document.getElementById("revoke-reason").focus();
  }

  document.getElementById("revoke-cancel").addEventListener("click", () => dialog.close());
  document.getElementById("revoke-form").addEventListener("submit", async (submitted) => {
    submitted.preventDefault();
    const reason = document.getElementById("revoke-reason").value.trim();
    if (!reason) {
      put("revoke-error", "Say why: door staff are shown the reason.");
      return;
    }
    try {
      await action("/revocations", { ticket_id: revoking.person.ticket_id, reason });
      dialog.close();
      const statusCell = revoking.button.parentElement;
      statusCell.replaceChildren(el("span", `revoked: ${reason}`, { class: "revoked" }));
      put("search-note", `Ticket ${revoking.person.ticket_id} revoked; stations refuse it after their next sync.`);
    } catch (error) {
      put("revoke-error", `Not revoked: ${error.message}`);
    }
  });

  document.getElementById("search-form").addEventListener("submit", async (submitted) => {
    submitted.preventDefault();
    const text = document.getElementById("search").value.trim();
    if (!text) return;
    put("search-note", "Searching…");
    const answer = await fetch(`${base}/search?q=${encodeURIComponent(text)}`, { credentials: "same-origin" });
    if (!answer.ok) {
      put("search-note", `Search failed: the server answered ${answer.status}.`);
      return;
    }
    const people = await answer.json();
    const table = document.getElementById("results");
    table.hidden = people.length === 0;
    put("search-note", people.length ? `${people.length} found${people.length >= 50 ? " (the first 50)" : ""}.` : `Nobody matches “${text}”.`);
    table.tBodies[0].replaceChildren(...people.map((p) => {
      let status;
      if (p.revoked) status = el("span", `revoked: ${p.revoke_reason}`, { class: "revoked" });
      else if (canAct) {
        status = el("button", "Revoke…", { type: "button", class: "danger", "aria-label": `Revoke ticket ${p.ticket_id} of ${p.first_name} ${p.last_name}` });
        status.addEventListener("click", () => openRevoke(p, status));
      } else status = el("span", "valid");
      return row([p.ticket_id, `${p.first_name} ${p.last_name}`, p.ticket_type, p.confirmation, p.admissions ? "yes" : "no", status]);
    }));
  });

  // -- live -------------------------------------------------------------------------------------

  function listen() {
    const source = new EventSource(`${base}/stream`);
    source.addEventListener("state", (message) => render(JSON.parse(message.data)));
    source.onerror = () => {
      const live = document.getElementById("live");
      live.classList.add("lost");
      live.textContent = lastState ? `Reconnecting… (last update ${lastState.updated})` : "Reconnecting…";
    };
  }

  const initial = JSON.parse(document.getElementById("initial-state").textContent);
  if (initial) render(initial);
  listen();
})();
