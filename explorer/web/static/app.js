// ionet explorer: live updates and the chart's zoom. The pages work without this script; it
// only refreshes figures marked data-field from the page's JSON twin (main[data-api]) and
// redraws the emission chart at another zoom. Values are written with textContent, never as
// HTML, and JSON paths are looked up only through own properties of parsed objects.
"use strict";

(function () {
  const REFRESH_MS = 5000;
  const FORBIDDEN = new Set(["__proto__", "prototype", "constructor"]);

  // lookup follows a dotted path of own properties; undefined when any step is missing.
  function lookup(obj, path) {
    let cur = obj;
    for (const part of path.split(".")) {
      if (cur === null || typeof cur !== "object" || FORBIDDEN.has(part) || !Object.prototype.hasOwnProperty.call(cur, part)) {
        return undefined;
      }
      cur = cur[part];
    }
    return cur;
  }

  async function getJSON(url) {
    const res = await fetch(url, { headers: { Accept: "application/json" }, credentials: "same-origin" });
    if (!res.ok) {
      throw new Error("HTTP " + res.status);
    }
    return res.json();
  }

  function stamp(text) {
    const el = document.getElementById("updated");
    if (el) {
      el.textContent = text;
    }
  }

  async function refresh(api) {
    try {
      const data = await getJSON(api);
      for (const el of document.querySelectorAll("[data-field]")) {
        const v = lookup(data, el.getAttribute("data-field"));
        if (typeof v === "string" || typeof v === "number" || typeof v === "boolean") {
          el.textContent = String(v);
        }
      }
      stamp("live: updated " + new Date().toLocaleTimeString());
    } catch (err) {
      stamp("live updates paused (" + err.message + ")");
    }
  }

  // The chart's elements are fixed ids; the zoom names come from our own buttons and are
  // checked against this set before they are sent.
  const SPANS = new Set(["day", "month", "year"]);
  const CHART_TEXT = new Map([
    ["chart-from", "from"], ["chart-to", "to"], ["chart-sfrom", "scheduledFrom.uiAmountString"],
    ["chart-sto", "scheduledTo.uiAmountString"], ["chart-last", "lastMinted"], ["chart-mto", "mintedTo.uiAmountString"],
  ]);

  async function zoom(span, buttons) {
    if (!SPANS.has(span)) {
      return;
    }
    try {
      const c = await getJSON("/api/chart?span=" + encodeURIComponent(span));
      document.getElementById("chart-scheduled").setAttribute("d", String(lookup(c, "scheduledPath") || ""));
      document.getElementById("chart-minted").setAttribute("d", String(lookup(c, "mintedPath") || ""));
      for (const [id, key] of CHART_TEXT) {
        const el = document.getElementById(id);
        const v = lookup(c, key);
        if (el && v !== undefined) {
          el.textContent = String(v);
        }
      }
      for (const b of buttons) {
        b.setAttribute("aria-pressed", String(b.getAttribute("data-span") === span));
      }
    } catch (err) {
      stamp("chart unavailable (" + err.message + ")");
    }
  }

  document.addEventListener("DOMContentLoaded", function () {
    const main = document.getElementById("main");
    const api = main && main.getAttribute("data-api");
    if (api && api.startsWith("/api/") && document.querySelector("[data-field]")) {
      stamp("live: updates every " + REFRESH_MS / 1000 + " s");
      setInterval(function () { refresh(api); }, REFRESH_MS);
    }
    const buttons = Array.from(document.querySelectorAll("button[data-span]"));
    for (const b of buttons) {
      b.setAttribute("aria-pressed", String(b.getAttribute("data-span") === "day"));
      b.addEventListener("click", function () { zoom(b.getAttribute("data-span"), buttons); });
    }
  });
})();
