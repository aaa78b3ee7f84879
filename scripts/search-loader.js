/*
 * Search in the page's language, loaded on first use (see scripts/search_index.py for the files).
 *
 * Runs just before Material's bundle (overrides/main.html). The bundle starts its search worker with
 * `new Worker(config.search)`; this script hands it our worker (scripts/search-worker.js) instead,
 * which runs Material's worker code unchanged but feeds it only this language's index, fetched the
 * first time the search box gets the focus (or the first query, whichever comes first).
 *
 * Opened from file:// (the offline copy), Chromium refuses to start a web worker, so the worker runs
 * in a hidden same-origin iframe instead: the role of Material's `iframe-worker` shim, which its
 * offline plugin would load from a CDN. Material's worker code recognises this case by the name
 * `IFrameWorker` on the parent window and awaits `importScripts`, which here loads script elements.
 */
(() => {
  const config = JSON.parse(document.getElementById("__config").textContent)
  const materialWorker = new URL(config.search, location.href).href
  const base = new URL(config.base, location.href)
  const index = new URL(`search/search_index.${document.documentElement.lang}.js`, base).href
  const ours = new URL("workers/search-worker.js", document.currentScript.src)
  ours.search = new URLSearchParams({ worker: materialWorker, index }).toString()

  /* Load one script into a document; resolves when it has run */
  const load = (doc, src) => new Promise((resolve, reject) => {
    const script = doc.createElement("script")
    script.src = src
    script.onload = () => resolve()
    script.onerror = () => reject(new Error(`cannot load ${src}`))
    doc.head.appendChild(script)
  })

  /* A worker in a hidden iframe, with the two worker functions the code inside needs */
  class IFrameWorker extends EventTarget {
    constructor(url) {
      super()
      this.frame = document.createElement("iframe")
      this.frame.hidden = true
      this.frame.tabIndex = -1
      this.frame.setAttribute("aria-hidden", "true")
      document.body.appendChild(this.frame)
      const scope = this.frame.contentWindow
      scope.importScripts = (...urls) =>
        urls.reduce((done, src) => done.then(() => load(scope.document, src)), Promise.resolve())
      scope.postMessage = data => this.dispatchEvent(new MessageEvent("message", { data }))
      this.scope = scope
      this.started = load(scope.document, url)
    }
    postMessage(data) {
      this.started.then(() => this.scope.dispatchEvent(new MessageEvent("message", { data })))
    }
    terminate() {
      this.frame.remove()
    }
  }

  const NativeWorker = window.Worker
  const offline = location.protocol === "file:"
  if (offline)
    window.IFrameWorker = IFrameWorker
  let worker
  window.Worker = function (url, options) {
    if (new URL(url, location.href).href !== materialWorker)
      return new NativeWorker(url, options)
    worker = offline ? new IFrameWorker(ours.href) : new NativeWorker(ours.href, options)
    return worker
  }

  /* Fetch the index as soon as the reader opens the search, not when the page loads */
  const prefetch = event => {
    if (!worker || !event.target.matches?.("input.md-search__input, #__search"))
      return
    worker.postMessage({ type: "load" })
    document.removeEventListener("focusin", prefetch)
    document.removeEventListener("change", prefetch)
  }
  document.addEventListener("focusin", prefetch)
  document.addEventListener("change", prefetch)
})()
