// The interactive views of the activation functions (issue #11), drawn with uPlot (npm, pinned; copied
// into the site by scripts/hooks.py). Loaded by docs/assets/explore.js, the small script every page with a
// view carries, only when a view is wanted; uPlot is loaded by then (window.uPlot).
//
// Every number shown comes from the library: interactive/<key>.json is exported at build time by
// activations/interactive/export.py from the registry's fn and grad; this file only draws those numbers
// and reads them out, it computes no function itself.
//
// - a function page: `.act-explore` after the function's figure (scripts/directives.py, explore);
// - the compare page: `.act-compare` (directives.py, compare_view), its state in the URL query.
(() => {
  "use strict";
  const LANG = document.documentElement.lang.startsWith("zh") ? "zh" : "en";
  const T = {
    zh: {
      failed: "交互视图无法载入",
      show: "显示", showF: "函数", showG: "导数", showBoth: "两者",
      zoomIn: "放大", zoomOut: "缩小", reset: "复位", resetLabel: "复位缩放与参数",
      chart: "图表：鼠标悬停或点按读数；←/→ 沿网格移动光标（Shift 每次 10 步）；+/− 缩放，0 复位；聚焦后滚轮缩放、拖动平移",
      at: (x) => `x = ${x} 时：`, sep: "，", def: "默认", defaultMark: "（默认）",
      oneAtATime: "一次改变一个参数，其余参数取默认值。",
      band: (eps) => `阴影：|f′(x)| < ${eps}`, hint: "点按或悬停读数，聚焦后可用键盘",
      search: "搜索函数", clear: "清除", families: "按类别选择", chosen: "已选函数", none: "尚未选择函数。",
      pngLabel: "导出 PNG", svgLabel: "导出 SVG",
      atOwn: (x) => `（在 x = ${x}）`, params: "参数",
    },
    en: {
      failed: "The interactive view could not be loaded",
      show: "Show", showF: "function", showG: "derivative", showBoth: "both",
      zoomIn: "Zoom in", zoomOut: "Zoom out", reset: "Reset", resetLabel: "Reset zoom and parameters",
      chart: "Chart: hover or tap for values; ←/→ move the cursor along the grid (Shift: 10 steps); +/− zoom, 0 resets; once focused, wheel zooms and dragging pans",
      at: (x) => `At x = ${x}: `, sep: ", ", def: "default", defaultMark: " (default)",
      oneAtATime: "One parameter at a time: the others keep their defaults.",
      band: (eps) => `shaded: |f′(x)| < ${eps}`, hint: "tap or hover for values; keyboard once focused",
      search: "Search functions", clear: "Clear", families: "Choose a family", chosen: "Chosen functions", none: "No function chosen.",
      pngLabel: "Export PNG", svgLabel: "Export SVG",
      atOwn: (x) => ` (at x = ${x})`, params: "Parameters",
    },
  }[LANG];

  // --- numbers ------------------------------------------------------------------------------------
  // Four significant digits as the browser rounds them (toPrecision: ties away from zero); fixed notation
  // for 0.001 <= |v| < 10000, else a power of ten. tests/test_interactive.py mirrors this (fmt4).
  const MINUS = "\u2212";
  const SUP = { "-": "\u207b", 0: "\u2070", 1: "\u00b9", 2: "\u00b2", 3: "\u00b3", 4: "\u2074", 5: "\u2075", 6: "\u2076", 7: "\u2077", 8: "\u2078", 9: "\u2079" };
  function fmt(v) {
    if (v === null || v === undefined || !Number.isFinite(v)) return "—";
    if (v === 0) return "0";
    const rounded = Math.abs(Number(v.toPrecision(4)));
    let s;
    if (rounded >= 1e-3 && rounded < 1e4) s = v.toPrecision(4);
    else {
      const [m, e] = v.toExponential(3).split("e");
      s = `${m} × 10${String(Number(e)).replace(/./g, (c) => SUP[c])}`;
    }
    return s.replace("-", MINUS);
  }
  // grid x values are short decimals (k/20, k/10, k/4): shown as written, e.g. −0.75
  const fmtX = (x) => String(Number(x.toPrecision(6))).replace("-", MINUS);
  const fmtParam = (v) => String(Number(v.toPrecision(6))).replace("-", MINUS);

  // --- loading --------------------------------------------------------------------------------------
  const dataLoaded = new Map();
  // From file:// (the offline copy) the browser refuses to fetch JSON but runs scripts: the offline build
  // publishes each view's JSON also as interactive/<key>.js, which puts it in window.actViewData.
  function loadScriptData(url) {
    const key = url.split("/").pop().replace(/\.json$/, "");
    return new Promise((resolve, reject) => {
      const js = document.createElement("script");
      js.src = url.replace(/\.json$/, ".js");
      js.onload = () => resolve(window.actViewData[key]);
      js.onerror = () => reject(new Error(`cannot load ${js.src}`));
      document.head.append(js);
    });
  }
  function loadData(url) {
    if (!dataLoaded.has(url) && location.protocol === "file:") {
      dataLoaded.set(url, loadScriptData(url));
    } else if (!dataLoaded.has(url)) {
      dataLoaded.set(url, fetch(url).then((r) => {
        if (!r.ok) throw new Error(`${url}: HTTP ${r.status}`);
        return r.json();
      }).then((d) => {
        if (d.format !== 1) throw new Error(`${url}: unknown format ${d.format}`);
        return d;
      }));
    }
    return dataLoaded.get(url);
  }

  // --- colours: CSS variables of docs/assets/site.css, per palette ------------------------------------
  function palette(el) {
    const cs = getComputedStyle(el);
    const v = (name) => cs.getPropertyValue(name).trim();
    return {
      curves: [1, 2, 3, 4, 5, 6, 7].map((i) => v(`--act-curve-${i}`)),
      f: v("--act-curve-1"), g: v("--act-curve-2"),
      band: v("--act-band"), ink: v("--md-default-fg-color"), faint: v("--md-default-fg-color--lightest"),
      light: v("--md-default-fg-color--light"), bg: v("--md-default-bg-color"),
    };
  }
  const DASHES = [[], [7, 4], [2, 3], [9, 3, 2, 3], [4, 4], [1, 2], [12, 4]];
  // the n-th curve of an overlay: seven hues, and a line style per curve so that no two look alike
  // (as the static overlay figures, activations/figures/plotting.py)
  const curveStyle = (n) => ({ hue: n % 7, dash: DASHES[(n + Math.floor(n / 7)) % 7] });
  function onPaletteChange(callback) {
    new MutationObserver(callback).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });
  }

  // A copy of y for drawing: null where the curve jumps (as the static figures do), so a discontinuity
  // is no vertical line; the readout keeps the exported numbers.
  function drawable(y, breaks) {
    if (!breaks) return y;
    const finite = y.filter((v) => v !== null);
    const span = Math.max(...finite) - Math.min(...finite);
    if (!(span > 0)) return y;
    const out = y.slice();
    for (let i = 1; i < y.length; i++) {
      if (y[i] !== null && y[i - 1] !== null && Math.abs(y[i] - y[i - 1]) > 0.05 * span) out[i] = null;
    }
    return out;
  }

  function el(tag, attrs = {}, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs)) {
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "html") node.innerHTML = v;  // our own strings and the exported symbols only
      else if (k.startsWith("on")) node.addEventListener(k.slice(2), v);
      else node.setAttribute(k, v);
    }
    node.append(...children);
    return node;
  }

  function nearestIndex(xs, x) {  // xs ascending
    let lo = 0, hi = xs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] <= x) lo = mid; else hi = mid;
    }
    return Math.abs(xs[lo] - x) <= Math.abs(xs[hi] - x) ? lo : hi;
  }

  // --- the chart: uPlot with zoom, pan, a keyboard cursor and the small-gradient band ------------------
  // opts: {xs, series: [{label, values, colour, dash, width}], home: [lo, hi], band: () => [[x0, x1], ...],
  //        onCursor(i), height, ylim: [lo, hi] or null (the y-axis never goes beyond it)}
  class Chart {
    constructor(uPlot, host, opts) {
      this.uPlot = uPlot;
      this.host = host;
      this.opts = opts;
      this.idx = null;
      this.box = el("div", { class: "act-chart", tabindex: "0", role: "group", "aria-label": T.chart,
                             "aria-roledescription": LANG === "zh" ? "交互图表" : "interactive chart" });
      host.append(this.box);
      this.build();
      this.interact();
      new ResizeObserver(() => this.resize()).observe(this.box);
      onPaletteChange(() => this.build());
    }

    build() {
      const { uPlot, opts } = this;
      const scale = this.plot ? [this.plot.scales.x.min, this.plot.scales.x.max] : opts.home;
      if (this.plot) this.plot.destroy();
      this.ready = false;  // uPlot draws in a microtask; the cursor is placed once it has (hooks.ready)
      const c = palette(this.box);
      const axis = { stroke: c.ink, grid: { stroke: c.faint, width: 1 }, ticks: { stroke: c.faint, width: 1 },
                     font: "12px system-ui, sans-serif" };
      const chart = this;
      this.plot = new uPlot({
        width: Math.max(this.box.clientWidth, 200), height: opts.height || 300,
        legend: { show: false },
        scales: {
          x: { time: false, range: () => scale.slice() },
          y: { range: (u, lo, hi) => {
            if (lo === null || hi === null) return [-1, 1];
            const pad = hi > lo ? 0.08 * (hi - lo) : 1;
            // a function's own y-range (opts.ylim, the static figures'): a pole does not flatten the rest
            const [ylo, yhi] = opts.ylim || [-Infinity, Infinity];
            return [Math.max(lo - pad, ylo), Math.min(hi + pad, yhi)];
          } },
        },
        axes: [{ ...axis, size: 36 }, { ...axis, size: 52 }],
        cursor: { drag: { x: false, y: false }, points: { size: 7 }, y: false },
        series: [{}, ...opts.series.map((s) => ({
          label: s.label, stroke: s.colour(c), width: s.width || 2, dash: s.dash || [], points: { show: false },
          show: s.show !== false,
        }))],
        hooks: {
          drawAxes: [(u) => chart.drawBand(u, c)],
          // only a pointer over the chart moves the cursor through uPlot; uPlot also re-fires this after
          // its own redraws, with a position that may predate a new scale, which must not move it
          setCursor: [(u) => { if (chart.hover && u.cursor.idx !== null && u.cursor.idx !== undefined) chart.setIdx(u.cursor.idx, false); }],
          ready: [() => { chart.ready = true; if (chart.idx !== null) chart.placeCursor(); }],
          setScale: [(u, key) => { if (key === "x") { scale[0] = u.scales.x.min; scale[1] = u.scales.x.max; } }],
        },
      }, [opts.xs, ...opts.series.map((s) => s.values)], this.box);
      this.plot.over.style.touchAction = "pan-y";
      if (this.idx !== null) this.placeCursor();
    }

    drawBand(u, c) {
      const spans = this.opts.band ? this.opts.band() : [];
      if (!spans.length) return;
      const { ctx } = u;
      const { top, height } = u.bbox;
      ctx.save();
      ctx.fillStyle = c.band;
      for (const [a, b] of spans) {
        const x0 = u.valToPos(a, "x", true), x1 = u.valToPos(b, "x", true);
        const left = Math.max(x0, u.bbox.left), right = Math.min(x1, u.bbox.left + u.bbox.width);
        if (right > left) ctx.fillRect(left, top, right - left, height);
      }
      ctx.restore();
    }

    update(xs, series) {  // new data (a parameter moved, a function added): keep the zoom
      const same = series.map((s) => s.label).join("\n") === this.opts.series.map((s) => s.label).join("\n");
      this.opts.xs = xs;
      this.opts.series = series;
      if (!same) this.build();  // other curves: new series (colours, styles)
      else {
        series.forEach((s, i) => this.plot.setSeries(i + 1, { show: s.show !== false }));
        this.plot.setData([xs, ...series.map((s) => s.values)], false);
      }
      if (this.idx !== null) this.placeCursor();
    }

    resize() {
      const w = Math.max(this.box.clientWidth, 200);
      if (this.plot && Math.abs(this.plot.width - w) > 1) {
        this.plot.setSize({ width: w, height: this.plot.height });
        if (this.idx !== null) this.placeCursor();
      }
    }

    setIdx(i, place = true) {
      i = Math.max(0, Math.min(this.opts.xs.length - 1, i));
      const changed = i !== this.idx;
      this.idx = i;
      if (place) this.placeCursor();
      if (changed && this.opts.onCursor) this.opts.onCursor(i);
    }

    setX(x) { this.setIdx(nearestIndex(this.opts.xs, x)); }

    placeCursor() {
      if (!this.ready) return;
      const u = this.plot, x = this.opts.xs[this.idx];
      if (x < u.scales.x.min || x > u.scales.x.max) {  // keep the cursor in view: pan to it
        const w = u.scales.x.max - u.scales.x.min;
        u.setScale("x", { min: x - w / 2, max: x + w / 2 });
      }
      // after uPlot's own microtask has applied new scales, sizes or data (queued before this one)
      queueMicrotask(() => {
        if (u !== this.plot || this.idx === null) return;
        const i = this.idx, vals = this.opts.series.filter((s) => s.show !== false).map((s) => s.values[i])
          .filter((v) => v !== null && v !== undefined);
        const top = vals.length ? u.valToPos(vals[0], "y") : u.bbox.height / 2 / devicePixelRatio;
        u.setCursor({ left: u.valToPos(this.opts.xs[i], "x"), top }, false);
      });
    }

    zoom(factor, centre) {
      const u = this.plot, { min, max } = u.scales.x;
      const [lo, hi] = [this.opts.xs[0], this.opts.xs[this.opts.xs.length - 1]];
      const c = centre ?? (this.idx !== null ? this.opts.xs[this.idx] : (min + max) / 2);
      let a = c - (c - min) * factor, b = c + (max - c) * factor;
      if (b - a > hi - lo) { a = lo; b = hi; }
      if (b - a < 0.2) return;
      if (a < lo) { b += lo - a; a = lo; }
      if (b > hi) { a -= b - hi; b = hi; }
      u.setScale("x", { min: a, max: b });
      if (this.idx !== null) this.placeCursor();
    }

    home() {
      this.plot.setScale("x", { min: this.opts.home[0], max: this.opts.home[1] });
      if (this.idx !== null) this.placeCursor();
    }

    interact() {
      const box = this.box;
      // wheel: zoom around the pointer, only once the reader has focused the chart (else the page scrolls)
      box.addEventListener("wheel", (e) => {
        if (document.activeElement !== box && !e.ctrlKey) return;
        e.preventDefault();
        const u = this.plot, rect = u.over.getBoundingClientRect();
        this.zoom(e.deltaY > 0 ? 1.25 : 0.8, u.posToVal(e.clientX - rect.left, "x"));
      }, { passive: false });
      // drag: pan; a tap (no movement) puts the cursor there
      let drag = null;
      box.addEventListener("pointerdown", (e) => {
        if (!this.plot.over.contains(e.target)) return;
        drag = { x: e.clientX, min: this.plot.scales.x.min, max: this.plot.scales.x.max, moved: false, id: e.pointerId };
      });
      box.addEventListener("pointermove", (e) => {
        if (!drag || drag.id !== e.pointerId) return;
        const dx = e.clientX - drag.x;
        if (Math.abs(dx) > 4) {
          drag.moved = true;
          const u = this.plot, perPx = (drag.max - drag.min) / u.over.clientWidth;
          const [lo, hi] = [this.opts.xs[0], this.opts.xs[this.opts.xs.length - 1]];
          let a = drag.min - dx * perPx, b = drag.max - dx * perPx;
          if (a < lo) { b += lo - a; a = lo; }
          if (b > hi) { a -= b - hi; b = hi; }
          u.setScale("x", { min: a, max: b });
        }
      });
      const end = (e) => {
        if (!drag || drag.id !== e.pointerId) return;
        if (!drag.moved && e.type === "pointerup") {
          const rect = this.plot.over.getBoundingClientRect();
          this.setX(this.plot.posToVal(e.clientX - rect.left, "x"));
        }
        drag = null;
      };
      box.addEventListener("pointerup", end);
      box.addEventListener("pointercancel", end);
      box.addEventListener("pointermove", (e) => { this.hover = e.pointerType === "mouse" && this.plot.over.contains(e.target); });
      box.addEventListener("mouseleave", () => {
        this.hover = false;
        if (this.idx !== null) requestAnimationFrame(() => this.placeCursor());  // the last value stays shown
      });
      box.addEventListener("focus", () => {
        if (this.idx === null) this.setX(0); else this.placeCursor();
      });
      box.addEventListener("keydown", (e) => {
        const step = e.shiftKey ? 10 : 1;
        const keys = {
          ArrowLeft: () => this.setIdx((this.idx ?? 0) - step), ArrowRight: () => this.setIdx((this.idx ?? 0) + step),
          "+": () => this.zoom(0.8), "=": () => this.zoom(0.8), "-": () => this.zoom(1.25), "0": () => this.home(),
        };
        if (keys[e.key]) { e.preventDefault(); this.hover = false; keys[e.key](); }  // the keyboard leads now
      });
    }
  }

  function toggle(labels, current, onChange) {  // a group of buttons, one pressed
    const group = el("div", { class: "act-toggle", role: "group", "aria-label": T.show });
    const buttons = Object.entries(labels).map(([value, label]) => el("button", {
      type: "button", "aria-pressed": String(value === current), "data-show": value, html: label,
      onclick: () => { group.set(value); onChange(value); },
    }));
    group.append(...buttons);
    group.set = (value) => buttons.forEach((b) => b.setAttribute("aria-pressed", String(b.dataset.show === value)));
    return group;
  }

  let uid = 0;
  // One slider per parameter, snapping to its exported grid (the value's index), default marked.
  function slider(param, index, onInput, prefix = "") {
    const id = `act-p-${++uid}`;
    const out = el("output", { for: id });
    const input = el("input", { type: "range", id, min: "0", max: String(param.values.length - 1), step: "1",
                                value: String(index), list: `${id}-ticks` });
    const ticks = el("datalist", { id: `${id}-ticks` }, el("option", { value: String(param.default_index), label: T.def }));
    const label = el("label", { for: id, html: `${prefix}<span class="act-sym">${param.symbol_html}</span> <code>${param.name}</code>` });
    const show = () => {
      const i = Number(input.value), v = param.values[i];
      const text = fmtParam(v) + (i === param.default_index ? T.defaultMark : "");
      out.textContent = text;
      input.setAttribute("aria-valuetext", text);
    };
    input.addEventListener("input", () => { show(); onInput(Number(input.value)); });
    show();
    const row = el("div", { class: "act-param", "data-param": param.name }, label, input, ticks, out,
      el("span", { class: "act-param__default", text: `${T.def} ${fmtParam(param.default)}` }));
    row.set = (i) => { input.value = String(i); show(); };
    row.input = input;
    return row;
  }

  // Runs of the grid where |f'| < eps: the shaded band, as in the static gradient figure.
  function smallGradient(xs, g, eps) {
    const spans = [];
    let start = null;
    const half = (i) => (i > 0 ? (xs[i] - xs[i - 1]) / 2 : 0);
    for (let i = 0; i <= xs.length; i++) {
      const small = i < xs.length && g[i] !== null && Math.abs(g[i]) < eps;
      if (small && start === null) start = i;
      if (!small && start !== null) {
        spans.push([xs[start] - half(start), xs[i - 1] + (i < xs.length ? half(i) : 0)]);
        start = null;
      }
    }
    return spans;
  }

  // --- a function page's view --------------------------------------------------------------------------
  class View {
    constructor(host, data, uPlot) {
      this.host = host;
      this.data = data;
      this.show = "both";
      this.choice = data.params.map((p) => p.default_index);
      host.classList.add("act-explore--ready");
      host.replaceChildren();
      const bar = el("div", { class: "act-bar" });
      this.toggle = toggle({ both: T.showBoth, f: `${T.showF} f`, g: `${T.showG} f′` }, this.show, (v) => { this.show = v; this.redraw(); });
      bar.append(this.toggle,
        el("span", { class: "act-zoom" },
          el("button", { type: "button", "aria-label": T.zoomIn, title: T.zoomIn, text: "+", onclick: () => this.chart.zoom(0.8) }),
          el("button", { type: "button", "aria-label": T.zoomOut, title: T.zoomOut, text: MINUS, onclick: () => this.chart.zoom(1.25) }),
          el("button", { type: "button", class: "act-reset", title: T.resetLabel, text: T.reset, onclick: () => this.reset() })));
      host.append(bar);
      this.readout = el("p", { class: "act-readout", "aria-live": "polite", text: T.hint });
      this.chart = new Chart(uPlot, host, {
        xs: data.x, home: data.xlim, ylim: data.ylim, series: this.series(), band: () => this.band(),
        onCursor: () => this.read(),
      });
      const legend = el("p", { class: "act-legend" },
        el("span", { class: "act-key act-key--f", text: "f(x)" }), " ",
        el("span", { class: "act-key act-key--g", text: "f′(x)" }), " ",
        el("span", { class: "act-key act-key--band", text: T.band(data.eps) }));
      host.append(this.readout, legend);
      this.sliders = data.params.map((p, k) => slider(p, p.default_index, (i) => this.setParam(k, i)));
      if (this.sliders.length) {
        const box = el("div", { class: "act-params" }, ...this.sliders);
        if (this.sliders.length > 1) box.append(el("p", { class: "act-note", text: T.oneAtATime }));
        host.append(box);
      }
    }

    curve() {  // f and f' at the chosen parameter values (one differs from its default at most)
      const k = this.choice.findIndex((i, n) => i !== this.data.params[n].default_index);
      if (k < 0) return this.data.default;
      return this.data.params[k].curves[this.choice[k]] || this.data.default;
    }

    series() {
      const c = this.curve(), b = this.data.breaks;
      return [
        { label: "f", values: drawable(c.f, b.f), raw: c.f, colour: (p) => p.f, show: this.show !== "g" },
        { label: "f′", values: drawable(c.g, b.g), raw: c.g, colour: (p) => p.g, dash: [7, 4], show: this.show !== "f" },
      ];
    }

    band() { return smallGradient(this.data.x, this.curve().g, this.data.eps); }

    redraw() { this.chart.update(this.data.x, this.series()); this.read(); }

    setParam(k, i) {
      this.choice = this.choice.map((v, n) => (n === k ? i : this.data.params[n].default_index));
      this.sliders.forEach((s, n) => { if (n !== k) s.set(this.choice[n]); });
      this.redraw();
    }

    reset() {
      this.choice = this.data.params.map((p) => p.default_index);
      this.sliders.forEach((s, n) => s.set(this.choice[n]));
      this.show = "both";
      this.toggle.set("both");
      this.redraw();
      this.chart.home();
    }

    read() {
      const i = this.chart.idx;
      if (i === null) return;
      const c = this.curve(), x = this.data.x[i];
      const parts = [];
      if (this.show !== "g") parts.push(`f(x) = <span data-v="f">${fmt(c.f[i])}</span>`);
      if (this.show !== "f") parts.push(`f′(x) = <span data-v="g">${fmt(c.g[i])}</span>`);
      this.readout.innerHTML = T.at(`<span data-v="x">${fmtX(x)}</span>`) + parts.join(T.sep);
    }
  }

  function failed(host, err) {
    const msg = `${T.failed}: ${err.message}`;
    host.replaceChildren(el("p", { class: "act-note", text: msg }));
    console.warn(err);  // eslint-disable-line no-console
  }

  // --- the compare page --------------------------------------------------------------------------------
  // State in the URL query: ?f=gelu,silu,mish&show=f&x=-0.75&elu.alpha=0.3 (and xr=lo,hi when zoomed).
  class Compare {
    constructor(host) {
      this.host = host;
      this.meta = JSON.parse(host.querySelector(".act-compare-data").textContent);
      this.byKey = new Map(this.meta.functions.map((f) => [f.key, f]));
      this.data = new Map();  // key -> exported view data
      this.choice = new Map();  // key -> [index per parameter]
      const q = new URLSearchParams(location.search);
      this.selected = (q.get("f") || "sigmoid,tanh,relu,gelu").split(",").filter((k) => this.byKey.has(k));
      this.show = q.get("show") === "g" ? "g" : "f";
      this.buildControls();  // at once (the page is this view): only the chart waits for uPlot
      this.load().then(() => {
        this.uPlot = window.uPlot;
        this.restore(q);
        this.ready = true;
      }).catch((err) => failed(host, err));
    }

    url(key) { return `${this.host.dataset.src}${key}.json`; }

    load() {
      return Promise.all(this.selected.map((k) => loadData(this.url(k)).then((d) => {
        this.data.set(k, d);
        if (!this.choice.has(k)) this.choice.set(k, d.params.map((p) => p.default_index));
      })));
    }

    buildControls() {
      const host = this.host;
      host.replaceChildren();
      host.classList.add("act-compare--ready");
      const search = el("input", { type: "search", class: "act-search", placeholder: T.search, "aria-label": T.search });
      const families = el("div", { class: "act-families", role: "group", "aria-label": T.families },
        ...this.meta.families.map((fam) => el("button", { type: "button", text: fam.name, "data-family": fam.key,
          onclick: () => this.select(this.meta.functions.filter((f) => f.family === fam.key).map((f) => f.key)) })),
        el("button", { type: "button", text: T.clear, "data-family": "", onclick: () => this.select([]) }));
      this.boxes = new Map();
      const list = el("div", { class: "act-list", role: "group", "aria-label": T.chosen });
      for (const fam of this.meta.families) {
        const set = el("fieldset", {}, el("legend", { text: fam.name }));
        for (const f of this.meta.functions.filter((x) => x.family === fam.key)) {
          const box = el("input", { type: "checkbox", value: f.key, onchange: () => this.choose(f.key, box.checked) });
          const label = el("label", { "data-key": f.key, "data-search": [f.key, f.name, ...f.aliases].join(" ").toLowerCase() }, box, " ", f.name);
          this.boxes.set(f.key, box);
          set.append(label);
        }
        list.append(set);
      }
      search.addEventListener("input", () => {
        const words = search.value.trim().toLowerCase().split(/\s+/).filter(Boolean);
        list.querySelectorAll("label").forEach((l) => { l.hidden = !words.every((w) => l.dataset.search.includes(w)); });
        list.querySelectorAll("fieldset").forEach((s) => { s.hidden = ![...s.querySelectorAll("label")].some((l) => !l.hidden); });
      });
      this.toggle = toggle({ f: `${T.showF} f`, g: `${T.showG} f′` }, this.show, (v) => { this.show = v; this.redraw(); this.save(); });
      const bar = el("div", { class: "act-bar" }, this.toggle,
        el("span", { class: "act-zoom" },
          el("button", { type: "button", "aria-label": T.zoomIn, title: T.zoomIn, text: "+", onclick: () => this.chart && this.chart.zoom(0.8) }),
          el("button", { type: "button", "aria-label": T.zoomOut, title: T.zoomOut, text: MINUS, onclick: () => this.chart && this.chart.zoom(1.25) }),
          el("button", { type: "button", class: "act-reset", text: T.reset, onclick: () => this.chart && this.chart.home() })),
        el("span", { class: "act-export" },
          el("button", { type: "button", class: "act-png", text: T.pngLabel, onclick: () => this.exportPng() }),
          el("button", { type: "button", class: "act-svg", text: T.svgLabel, onclick: () => this.exportSvg() })));
      this.chartHost = el("div", { class: "act-chart-host" });
      this.readout = el("div", { class: "act-readout", "aria-live": "polite" });
      this.params = el("div", { class: "act-params" });
      host.append(el("div", { class: "act-pick" }, search, families, list), bar, this.chartHost, this.readout, this.params);
      this.syncBoxes();
    }

    syncBoxes() { this.boxes.forEach((box, k) => { box.checked = this.selected.includes(k); }); }

    select(keys) { this.selected = keys; this.syncBoxes(); this.changed(); }

    choose(key, on) {
      this.selected = on ? [...this.selected.filter((k) => k !== key), key] : this.selected.filter((k) => k !== key);
      this.changed();
    }

    changed() {
      if (!this.uPlot) return;  // still loading: restore() draws what is chosen by then
      const token = (this.token = (this.token || 0) + 1);
      this.load().then(() => { if (token === this.token) { this.redraw(); this.buildParams(); this.save(); } })
        .catch((err) => failed(this.host, err));
    }

    restore(q) {
      for (const [name, value] of q) {  // key.param=value: the nearest value of the parameter's grid
        const [key, pname] = name.split(".");
        const d = this.data.get(key);
        if (!pname || !d) continue;
        const k = d.params.findIndex((p) => p.name === pname);
        if (k < 0 || !Number.isFinite(Number(value))) continue;
        const choice = d.params.map((p) => p.default_index);
        choice[k] = nearestIndex(d.params[k].values, Number(value));
        this.choice.set(key, choice);
      }
      this.redraw();
      this.buildParams();
      const xr = (q.get("xr") || "").split(",").map(Number);
      if (xr.length === 2 && xr.every(Number.isFinite) && xr[0] < xr[1]) this.chart.plot.setScale("x", { min: xr[0], max: xr[1] });
      const x = Number(q.get("x"));
      if (q.has("x") && Number.isFinite(x)) this.chart.setX(x);
    }

    curve(key) {
      const d = this.data.get(key), choice = this.choice.get(key);
      const k = choice.findIndex((i, n) => i !== d.params[n].default_index);
      return k < 0 ? d.default : (d.params[k].curves[choice[k]] || d.default);
    }

    // every chosen function on one x axis: the union of their grids (which share their points), with
    // undefined where a function has no sample (uPlot draws across it) and null where it is not finite
    columns() {
      const keys = this.selected.filter((k) => this.data.has(k));
      const xs = [...new Set(keys.flatMap((k) => this.data.get(k).x))].sort((a, b) => a - b);
      const where = new Map(xs.map((x, i) => [x, i]));
      const series = keys.map((k, n) => {
        const d = this.data.get(k), cur = this.curve(k), ys = this.show === "g" ? cur.g : cur.f;
        const values = new Array(xs.length).fill(undefined);
        drawable(ys, this.show === "g" ? d.breaks.g : d.breaks.f).forEach((v, i) => { values[where.get(d.x[i])] = v; });
        const style = curveStyle(n);
        return { key: k, label: this.byKey.get(k).name, values, colour: (p) => p.curves[style.hue], dash: style.dash };
      });
      return { xs, series, keys };
    }

    home(keys) {
      if (!keys.length) return [-5, 5];
      const lims = keys.map((k) => this.data.get(k).xlim);
      return [Math.min(...lims.map((l) => l[0])), Math.max(...lims.map((l) => l[1]))];
    }

    redraw() {
      const { xs, series, keys } = this.columns();
      this.keys = keys;
      this.xs = xs;
      if (!keys.length) {
        if (this.chart) { this.chart.box.remove(); this.chart = null; }
        this.readout.textContent = T.none;
        return;
      }
      const home = this.home(keys);
      if (!this.chart) {
        this.chart = new Chart(this.uPlot, this.chartHost, { xs, series, home, height: 360,
          onCursor: () => { this.read(); this.save(); } });
        this.chart.box.addEventListener("pointerup", () => this.save());
        this.chart.box.addEventListener("keyup", () => this.save());
        this.chart.box.addEventListener("wheel", () => this.save());
      } else {
        const x = this.chart.idx !== null ? this.chart.opts.xs[this.chart.idx] : null;
        this.chart.opts.home = home;
        this.chart.update(xs, series);
        if (x !== null) { this.chart.idx = null; this.chart.setX(x); }
      }
      this.read();
    }

    buildParams() {
      const blocks = [];
      for (const key of this.keys || []) {
        const d = this.data.get(key);
        if (!d.params.length) continue;
        const rows = d.params.map((p, k) => slider(p, this.choice.get(key)[k], (i) => {
          const choice = d.params.map((q, n) => (n === k ? i : q.default_index));
          this.choice.set(key, choice);
          rows.forEach((r, n) => { if (n !== k) r.set(choice[n]); });
          this.redraw();
          this.save();
        }));  // in a fieldset named after the function: the slider's group says whose it is
        blocks.push(el("fieldset", { "data-key": key }, el("legend", { text: this.byKey.get(key).name }), ...rows,
          ...(rows.length > 1 ? [el("p", { class: "act-note", text: T.oneAtATime })] : [])));
      }
      this.params.replaceChildren(...(blocks.length ? [el("h3", { class: "act-params__title", text: T.params }), ...blocks] : []));
    }

    read() {
      if (!this.chart || this.chart.idx === null) {
        if (this.keys && this.keys.length) this.readout.textContent = T.hint;
        return;
      }
      const x = this.xs[this.chart.idx];
      const name = this.show === "g" ? "f′(x)" : "f(x)";
      const rows = this.keys.map((k, n) => {
        const d = this.data.get(k), i = nearestIndex(d.x, x), cur = this.curve(k);
        const v = (this.show === "g" ? cur.g : cur.f)[i];
        const own = d.x[i] !== x ? T.atOwn(fmtX(d.x[i])) : "";
        const style = curveStyle(n);
        const key = `<svg class="act-swatch" width="28" height="8" aria-hidden="true"><line x1="0" x2="28" y1="4" y2="4" ` +
          `style="stroke: var(--act-curve-${style.hue + 1})" stroke-width="2" stroke-dasharray="${style.dash.join(" ")}"/></svg>`;
        return `<tr data-key="${k}"><td>${key}</td><th scope="row">${this.byKey.get(k).name}</th><td data-v="${this.show}">${fmt(v)}</td><td>${own}</td></tr>`;
      });
      this.readout.innerHTML = `<p>${T.at(`<span data-v="x">${fmtX(x)}</span>`)}${name}</p>` +
        `<table class="act-values"><tbody>${rows.join("")}</tbody></table>`;
    }

    // The view's state in the URL: replaceState (no history entry per step), at most every 200 ms
    // (hovering moves the cursor at the pointer's rate; browsers throttle, and warn about, fast calls)
    save() {
      if (!this.ready) return;
      clearTimeout(this.saveTimer);
      this.saveTimer = setTimeout(() => this.saveNow(), 200);
    }

    saveNow() {
      const q = new URLSearchParams();
      q.set("f", this.selected.join(","));
      q.set("show", this.show);
      if (this.chart && this.chart.idx !== null) q.set("x", String(this.xs[this.chart.idx]));
      for (const key of this.selected) {
        const d = this.data.get(key);
        if (!d) continue;
        this.choice.get(key).forEach((i, k) => { if (i !== d.params[k].default_index) q.set(`${key}.${d.params[k].name}`, String(d.params[k].values[i])); });
      }
      if (this.chart) {
        const { min, max } = this.chart.plot.scales.x, home = this.chart.opts.home;
        if (min !== null && max !== null && (Math.abs(min - home[0]) > 1e-9 || Math.abs(max - home[1]) > 1e-9)) q.set("xr", `${+min.toFixed(3)},${+max.toFixed(3)}`);
      }
      history.replaceState(null, "", `${location.pathname}?${q.toString().replace(/%2C/g, ",")}${location.hash}`);
    }

    // --- export: drawn here, in the browser, from the same numbers as the view --------------------------
    legendLines() { return this.keys.map((k, n) => ({ label: this.byKey.get(k).name + this.paramText(k), n })); }

    paramText(key) {
      const d = this.data.get(key), choice = this.choice.get(key);
      const set = d.params.map((p, k) => (choice[k] !== p.default_index ? `${p.name} = ${fmtParam(p.values[choice[k]])}` : null)).filter(Boolean);
      return set.length ? ` (${set.join(", ")})` : "";
    }

    exportPng() {
      if (!this.chart) return;
      const src = this.chart.plot.ctx.canvas, c = palette(this.host), ratio = src.width / this.chart.plot.width;
      const lines = this.legendLines(), lineH = 20 * ratio;
      const canvas = document.createElement("canvas");
      canvas.width = src.width;
      canvas.height = src.height + (lines.length + 1) * lineH;
      const ctx = canvas.getContext("2d");
      ctx.fillStyle = c.bg;
      ctx.fillRect(0, 0, canvas.width, canvas.height);
      ctx.drawImage(src, 0, 0);
      ctx.font = `${13 * ratio}px system-ui, sans-serif`;
      ctx.textBaseline = "middle";
      lines.forEach(({ label, n }, i) => {
        const y = src.height + (i + 1) * lineH;
        const style = curveStyle(n);
        ctx.strokeStyle = c.curves[style.hue];
        ctx.lineWidth = 2 * ratio;
        ctx.setLineDash(style.dash.map((v) => v * ratio));
        ctx.beginPath(); ctx.moveTo(60 * ratio, y); ctx.lineTo(90 * ratio, y); ctx.stroke();
        ctx.fillStyle = c.ink;
        ctx.fillText(label, 100 * ratio, y);
      });
      canvas.toBlob((blob) => download(blob, "activations-compare.png"), "image/png");
    }

    exportSvg() {
      if (!this.chart) return;
      const u = this.chart.plot, c = palette(this.host);
      const W = 800, H = 440, m = { l: 60, r: 16, t: 14, b: 40 }, lines = this.legendLines();
      const total = H + lines.length * 20 + 10;
      const [x0, x1] = [u.scales.x.min, u.scales.x.max], [y0, y1] = [u.scales.y.min, u.scales.y.max];
      const px = (x) => m.l + ((x - x0) / (x1 - x0)) * (W - m.l - m.r);
      const py = (y) => H - m.b - ((y - y0) / (y1 - y0)) * (H - m.t - m.b);
      const esc = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;");
      const out = [`<svg xmlns="http://www.w3.org/2000/svg" width="${W}" height="${total}" viewBox="0 0 ${W} ${total}" font-family="system-ui, sans-serif" font-size="12">`,
        `<rect width="100%" height="100%" fill="${c.bg}"/>`,
        `<clipPath id="plot"><rect x="${m.l}" y="${m.t}" width="${W - m.l - m.r}" height="${H - m.t - m.b}"/></clipPath>`];
      for (const [axis, lo, hi] of [["x", x0, x1], ["y", y0, y1]]) {
        for (const t of ticks(lo, hi)) {
          if (axis === "x") out.push(`<line x1="${px(t)}" x2="${px(t)}" y1="${m.t}" y2="${H - m.b}" stroke="${c.faint}"/><text x="${px(t)}" y="${H - m.b + 16}" text-anchor="middle" fill="${c.ink}">${esc(fmtX(t))}</text>`);
          else out.push(`<line x1="${m.l}" x2="${W - m.r}" y1="${py(t)}" y2="${py(t)}" stroke="${c.faint}"/><text x="${m.l - 6}" y="${py(t) + 4}" text-anchor="end" fill="${c.ink}">${esc(fmtX(t))}</text>`);
        }
      }
      out.push(`<text x="${(m.l + W - m.r) / 2}" y="${H - 6}" text-anchor="middle" fill="${c.ink}">x</text>`);
      const series = this.chart.opts.series;
      series.forEach((s, n) => {
        let d = "", pen = false;
        this.xs.forEach((x, i) => {
          const v = s.values[i];
          if (v === undefined) return;  // no sample of this function here: the line goes on
          if (v === null) { pen = false; return; }
          d += `${pen ? "L" : "M"}${px(x).toFixed(1)} ${py(Math.max(Math.min(v, y1 + 10 * (y1 - y0)), y0 - 10 * (y1 - y0))).toFixed(1)}`;
          pen = true;
        });
        const dash = (s.dash || []).join(" ");
        out.push(`<path d="${d}" fill="none" stroke="${c.curves[curveStyle(n).hue]}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""} clip-path="url(#plot)"/>`);
      });
      lines.forEach(({ label, n }, i) => {
        const y = H + 10 + i * 20, dash = (series[n].dash || []).join(" ");
        out.push(`<line x1="${m.l}" x2="${m.l + 30}" y1="${y}" y2="${y}" stroke="${c.curves[curveStyle(n).hue]}" stroke-width="2"${dash ? ` stroke-dasharray="${dash}"` : ""}/><text x="${m.l + 40}" y="${y + 4}" fill="${c.ink}">${esc(label)}</text>`);
      });
      out.push("</svg>\n");
      download(new Blob([out.join("\n")], { type: "image/svg+xml" }), "activations-compare.svg");
    }
  }

  function ticks(lo, hi) {  // about 6 round values within [lo, hi]
    const raw = (hi - lo) / 6, p = 10 ** Math.floor(Math.log10(raw));
    const step = [1, 2, 2.5, 5, 10].map((k) => k * p).find((s) => s >= raw);
    const out = [];
    for (let t = Math.ceil(lo / step) * step; t <= hi + 1e-9; t += step) out.push(Number(t.toPrecision(10)));
    return out;
  }

  function download(blob, name) {
    const a = el("a", { href: URL.createObjectURL(blob), download: name });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 10000);
  }

  // what docs/assets/explore.js calls once this file and uPlot are loaded
  window.actExplore = {
    view: (host) => loadData(host.dataset.src).then((data) => { host.view = new View(host, data, window.uPlot); }),
    compare: (host) => { host.view = new Compare(host); },
    failed,
  };
})();
