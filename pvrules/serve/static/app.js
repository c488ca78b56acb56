/* pvrules serve: the few lines of plain JavaScript behind the case page and the intake.
   No libraries, no network beyond this server. */
(function () {
  "use strict";
  const $ = (s, r) => (r || document).querySelector(s);
  const $$ = (s, r) => Array.from((r || document).querySelectorAll(s));
  const lang = () => document.body.dataset.lang || "nl";
  const csrf = () => $("meta[name=csrf-token]").content;
  window.pvLatencies = [];
  window.pvServerMs = [];
  window.pvServerCpuMs = [];

  async function call(url, body, method, write) {
    const headers = {"Content-Type": "application/json"};
    if (write) headers["X-CSRF-Token"] = csrf();
    const r = await fetch(url, {method: method || "POST", headers: headers,
      body: JSON.stringify(body), credentials: "same-origin"});
    return r;
  }

  /* ---- the case form ---- */
  function fieldValue(el) {
    const w = el.dataset.widget;
    if (w === "checks") {
      /* "onbekend" is its own box: no box ticked at all means "none of these" */
      if ($(".unknown-box", el).checked) return undefined;
      return $$("input:checked:not(.unknown-box)", el).map((x) => x.value);
    }
    const input = $("select, input, textarea", el);
    const raw = input.value.trim();
    if (raw === "") return undefined;
    if (w === "number") { const n = Number(raw); return Number.isNaN(n) ? raw : n; }
    if (el.hasAttribute("data-bool")) return raw === "true" ? true : raw === "false" ? false : raw;
    return raw;
  }

  function put(obj, key, value, wrapped) {
    const old = obj[key];
    if (value === undefined) {
      /* a fact known only in words ({waarde: null, per_partner, bron}) stays as written */
      if (wrapped && old && typeof old === "object" && !Array.isArray(old)
          && old.waarde === null) return;
      delete obj[key];
      return;
    }
    const was = (wrapped && old && typeof old === "object" && !Array.isArray(old)) ? old.waarde : old;
    if (Array.isArray(value) && Array.isArray(was)) {
      /* a list keeps the order of the file: what stays first, what is new after */
      value = was.filter((v) => value.includes(v)).concat(value.filter((v) => !was.includes(v)));
    }
    if (wrapped && old && typeof old === "object" && !Array.isArray(old)) old.waarde = value;
    else obj[key] = value;
  }

  function collect() {
    const orig = JSON.parse($("#case-data").textContent || "{}") || {};
    const c = JSON.parse(JSON.stringify(orig));
    if (!c.casus || typeof c.casus !== "object") c.casus = {};
    $$(".field.casus").forEach((f) => put(c.casus, f.dataset.key, fieldValue(f), false));
    const feiten = (c.feiten && typeof c.feiten === "object") ? c.feiten : {};
    $$("#case-facts .field").forEach((f) =>
      put(feiten, f.dataset.fact, fieldValue(f), f.hasAttribute("data-wrapped")));
    if (Object.keys(feiten).length || "feiten" in orig) c.feiten = feiten;
    $$(".collection").forEach((sec) => {
      const col = sec.dataset.collection;
      const origList = Array.isArray(orig[col]) ? orig[col] : [];
      const list = $$(".entity", sec).map((ent) => {
        const o = ent.dataset.orig !== "" && origList[+ent.dataset.orig]
          ? JSON.parse(JSON.stringify(origList[+ent.dataset.orig])) : {};
        $$(".field.meta", ent).forEach((f) => put(o, f.dataset.key, fieldValue(f), false));
        $$(".field[data-fact]", ent).forEach((f) =>
          put(o, f.dataset.fact, fieldValue(f), f.hasAttribute("data-wrapped")));
        return o;
      });
      if (list.length || col in orig) c[col] = list;
    });
    return c;
  }

  function renumber() {
    $$(".collection").forEach((sec) => {
      const col = sec.dataset.collection;
      $$(".entity", sec).forEach((ent, i) => {
        $$(".field.meta", ent).forEach((f) => { f.dataset.loc = `${col}[${i}].${f.dataset.key}`; });
        $$(".field[data-fact]", ent).forEach((f) => { f.dataset.loc = `${col}[${i}].${f.dataset.fact}`; });
        const name = $(".field.meta[data-key=naam] input", ent).value || $(".field.meta[data-key=id] input", ent).value;
        $(".ename", ent).textContent = name;
      });
    });
  }

  function problemText(p) {
    let s = p.message;
    if (p.allowed && p.allowed.length) s += ` — ${lang() === "nl" ? "toegestaan" : "allowed"}: ${p.allowed.slice(0, 12).join(", ")}`;
    if (p.suggestion) s += `. ${p.suggestion}`;
    return s;
  }

  function showProblems(problems) {
    $$(".field.has-problem").forEach((f) => f.classList.remove("has-problem"));
    $$(".field .msg").forEach((m) => { m.textContent = ""; });
    const box = $("#problems");
    box.textContent = "";
    (problems || []).forEach((p) => {
      let target = null;
      if (p.loc) {
        target = $$(".field").find((f) => f.dataset.loc === p.loc) ||
          $$(".field").find((f) => f.dataset.loc && f.dataset.loc.startsWith(p.loc + "."));
      }
      if (target) {
        target.classList.add("has-problem");
        $(".msg", target).textContent = problemText(p);
      } else {
        const div = document.createElement("div");
        div.textContent = (p.loc ? p.loc + ": " : "") + problemText(p);
        box.appendChild(div);
      }
    });
  }

  let seq = 0, shown = 0, signature = null, baseSignature = null, timer = null;

  async function update() {
    const mine = ++seq;
    const t0 = performance.now();
    const before = $("#whatif").checked ? baseSignature : signature;
    const r = await call("/ui/panel", {case: collect(), lang: lang(), before: before});
    const data = await r.json();
    if (mine < shown) return;
    shown = mine;
    const panel = $("#panel");
    if (!r.ok) { showProblems([{message: data.error || r.statusText}]); return; }
    showProblems(data.problems);
    if (data.html) {
      panel.innerHTML = data.html;
      panel.classList.remove("stale");
      signature = data.signature;
      if (baseSignature === null) baseSignature = signature;
      const tpl = $("template.changes-data", panel);
      $("#changes").innerHTML = tpl ? tpl.innerHTML : "";
    } else {
      panel.classList.add("stale");
    }
    panel.dataset.updates = String(+panel.dataset.updates + 1);
    const ms = performance.now() - t0;
    window.pvLatencies.push(ms);
    window.pvServerMs.push(data.ms);
    window.pvServerCpuMs.push(data.cpu_ms);
    $("#status").textContent = `${Math.round(ms)} ms`;
  }

  function schedule(delay) {
    clearTimeout(timer);
    timer = setTimeout(update, delay);
  }

  async function save() {
    const form = $("#case-form");
    const status = $("#status");
    const r = await call(`/api/cases/${encodeURIComponent(form.dataset.name)}`,
      {case: collect(), version: form.dataset.version}, "PUT", true);
    const data = await r.json();
    if (r.ok) {
      form.dataset.version = data.version;
      status.textContent = lang() === "nl" ? "Opgeslagen." : "Saved.";
      document.body.classList.remove("dirty");
    } else {
      status.textContent = (lang() === "nl" ? "Niet opgeslagen: " : "Not saved: ") + data.error;
      if (data.problems) showProblems(data.problems);
    }
  }

  async function download(fmt) {
    const r = await call("/api/report", {case: collect(), lang: lang(), format: fmt});
    if (!r.ok) { const d = await r.json(); $("#status").textContent = d.error; return; }
    const blob = await r.blob();
    const cd = r.headers.get("Content-Disposition") || "";
    const m = /filename="([^"]+)"/.exec(cd);
    const a = document.createElement("a");
    a.href = URL.createObjectURL(blob);
    a.download = m ? m[1] : `advies.${fmt}`;
    document.body.appendChild(a);
    a.click();
    setTimeout(() => { URL.revokeObjectURL(a.href); a.remove(); }, 1000);
  }

  async function explain(name, kind) {
    const box = $("#explain"), body = $("#explain-body");
    box.hidden = false;
    body.textContent = "…";
    const r = await call("/ui/explain", {case: collect(), name: name, kind: kind, lang: lang()});
    const d = await r.json();
    body.textContent = "";
    const pre = document.createElement("pre");
    pre.className = `explain-text ${kind}`;
    pre.textContent = r.ok ? d.text : (d.text || d.error);
    body.appendChild(pre);
    if (r.ok && d.whatif) {
      const h = document.createElement("h3");
      h.textContent = lang() === "nl" ? "Kleinste verandering" : "Smallest change";
      const w = document.createElement("pre");
      w.className = "explain-text whatif";
      w.textContent = d.whatif;
      body.append(h, w);
    }
  }

  function initCase() {
    const form = $("#case-form");
    if (!form) return;
    showProblems(JSON.parse($("#initial-problems").textContent || "[]"));
    form.addEventListener("change", (e) => {
      document.body.classList.add("dirty");
      const checks = e.target.closest(".checks");
      if (checks && e.target.checked) {
        if (e.target.classList.contains("unknown-box")) {
          $$("input:not(.unknown-box)", checks).forEach((x) => { x.checked = false; });
        } else {
          $(".unknown-box", checks).checked = false;
        }
      }
      schedule(e.target.matches("select, input[type=checkbox]") ? 0 : 10);
    });
    form.addEventListener("input", (e) => {
      if (e.target.matches("input[type=text], input[type=number], textarea")) {
        document.body.classList.add("dirty");
        if (e.target.closest(".meta")) renumber();
        schedule(300);
      }
    });
    form.addEventListener("click", (e) => {
      const add = e.target.closest("[data-add]");
      if (add) {
        const tpl = $(`#tpl-${add.dataset.add}`);
        const node = tpl.content.firstElementChild.cloneNode(true);
        node.dataset.orig = "";
        add.closest(".collection").querySelector(".entities").appendChild(node);
        renumber();
        $(".field.meta[data-key=id] input", node).focus();
        schedule(0);
      }
      const rm = e.target.closest(".remove");
      if (rm) { rm.closest(".entity").remove(); renumber(); schedule(0); }
    });
    document.addEventListener("click", (e) => {
      const ex = e.target.closest("[data-explain]");
      if (ex) explain(ex.dataset.explain, ex.dataset.kind);
      const focus = e.target.closest("[data-focus]");
      if (focus) {
        const f = $$(".field").find((x) => x.dataset.loc === focus.dataset.focus);
        if (f) { f.scrollIntoView({block: "center"}); $("select, input", f).focus(); }
      }
      const rep = e.target.closest("[data-report]");
      if (rep) download(rep.dataset.report);
    });
    $("#explain-close").addEventListener("click", () => { $("#explain").hidden = true; });
    $("#save").addEventListener("click", save);
    $("#whatif").addEventListener("change", (e) => {
      const on = e.target.checked;
      $("#whatif-banner").hidden = !on;
      document.body.classList.toggle("whatif", on);
      $("#save").disabled = on || form.hasAttribute("data-read-only");
      if (on) baseSignature = signature; else location.reload();
    });
    renumber();
    update();
  }

  /* ---- the intake ---- */
  let state = {case: null, skipped: []};

  async function intakeStep(extra) {
    const r = await call("/ui/intake", Object.assign({case: state.case, skipped: state.skipped,
      lang: lang()}, extra));
    const d = await r.json();
    if (!r.ok) { $("#intake-error").textContent = d.text || d.error; return; }
    state.case = d.case;
    state.skipped = d.skipped;
    $("#intake-step").innerHTML = d.html;
    const answered = Object.keys(d.case.feiten || {}).length;
    const name = $(".question .entity-name");
    if (name) name.focus();
    $("#intake-progress").textContent = d.done ? "" : (lang() === "nl"
      ? `Beantwoord: ${answered} · overgeslagen: ${d.skipped.length}`
      : `Answered: ${answered} · skipped: ${d.skipped.length}`);
  }

  function initIntake() {
    const box = $("#intake");
    if (!box) return;
    $("#intake-begin").addEventListener("click", () => {
      const title = $("#intake-title").value.trim();
      if (!title) { $("#intake-error").textContent = lang() === "nl" ? "Geef een titel." : "Give a title."; return; }
      $("#intake-start").hidden = true;
      intakeStep({title: title, question: $("#intake-question").value});
    });
    box.addEventListener("click", async (e) => {
      const a = e.target.closest(".answer");
      if (a) {
        const slot = a.closest(".question").dataset.slot;
        let value = a.classList.contains("add-named")
          ? $(".entity-name", a.closest(".question")).value.trim() : a.dataset.value;
        if (value === "true") value = true; else if (value === "false") value = false;
        intakeStep({slot: slot, value: value});
      }
      if (e.target.closest(".stop")) intakeStep({stop: true});
      if (e.target.closest("#intake-save")) {
        const r = await call("/ui/intake/save", {name: $("#intake-file").value.trim(), case: state.case}, "POST", true);
        const d = await r.json();
        if (r.ok) location.href = d.url + `?lang=${lang()}`;
        else $("#intake-error").textContent = d.text || d.error;
      }
    });
  }

  document.addEventListener("DOMContentLoaded", () => { initCase(); initIntake(); });
})();
