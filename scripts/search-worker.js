/*
 * The search worker: Material's own worker code, fed with one language's index on first use, with
 * Chinese queries segmented like the index and the best matches of the whole query ranked first.
 * Started by scripts/search-loader.js as a web worker (HTTP) or in an iframe (file://), with the
 * parameters `worker` (Material's worker script) and `index` (search/search_index.<lang>.js).
 *
 * Material's worker protocol: SETUP {config, docs, options} -> READY; QUERY text -> RESULT {items}.
 * The bundle sends SETUP with the stub index (no documents) at page load and queries only after READY:
 * this worker answers READY itself, and loads the real index and Material's code on the loader's
 * "load" message or the first query. Our listener is registered before Material's and stops every
 * outside message; it re-dispatches what Material's code should see.
 */
const SETUP = 0, READY = 1, QUERY = 2, RESULT = 3
const params = new URL(typeof document !== "undefined" ? document.currentScript.src : self.location.href).searchParams
const send = self.postMessage.bind(self)
const han = /\p{sc=Han}+/gu
const hasHan = /\p{sc=Han}/u
const markup = /<[^>]*>|&[a-z]+;|[\s\u200b]+/gi

let options = {}
let loaded = null
let materialReady = null
let forwarding = false
const queries = []          /* queries handed to Material, oldest first, whose results are due */
const tokens = new Set()    /* Han tokens of the index: how the build segmented the pages */
const prefixes = new Set()  /* every beginning of such a token (a query typed halfway) */
let separator = /\s+/g
let lunrQuery = null        /* the lunr query for the Chinese query being answered */
const names = new Map()     /* page -> its title and tags, normalised */
const headings = new Map()  /* page -> its title and section titles, normalised */
const texts = new Map()     /* page -> all its text, normalised */

/* Lower case, without markup or spaces: how the whole query is compared with a page */
const normalise = value => String(value).replace(markup, "").toLowerCase()
const pageOf = location => location.split("#")[0]

/* Hand a message to Material's handler (and not back to ours) */
function forward(data) {
  forwarding = true
  try {
    self.dispatchEvent(new MessageEvent("message", { data }))
  } finally {
    forwarding = false
  }
}

function load() {
  return loaded ??= Promise.resolve(importScripts(params.get("worker")))
    .then(() => importScripts(params.get("index")))
    .then(() => {
      const { config, docs } = self.__searchIndex
      separator = new RegExp(config.separator, "g")
      for (const doc of docs) {
        const page = pageOf(doc.location)
        for (const value of [doc.title, doc.text, ...doc.tags || []])
          for (const part of value.split(separator))
            for (const token of part.match(han) || [])
              tokens.add(token)
        if (doc.location === page)
          names.set(page, new Set([doc.title, ...doc.tags || []].map(normalise)))
        headings.set(page, (headings.get(page) || "") + " " + normalise(doc.title))
        texts.set(page, (texts.get(page) || "") + " " + normalise(doc.title) + " " + normalise(doc.text))
      }
      for (const token of tokens)
        for (let end = 1; end < token.length; end++)
          prefixes.add(token.slice(0, end))
      steerLunr()
      return new Promise(resolve => {
        materialReady = resolve
        forward({ type: SETUP, data: { config, docs, options } })
      })
    })
}

/*
 * Material's worker cuts Chinese itself, by the words of the index it finds *inside* each run of
 * characters, and never tries the whole run (梯度消失 became 梯度* alone). For a query with Chinese,
 * lunr receives our query instead: the segmented terms, each as a prefix (the words may be typed
 * halfway). Material's highlighting works from lunr's matches, so it follows.
 */
function steerLunr() {
  const search = self.lunr.Index.prototype.search
  self.lunr.Index.prototype.search = function (query) {
    return search.call(this, lunrQuery ?? query)
  }
}

function lunrTerms(query) {
  return query.split(separator)
    .map(term => term.replace(/[+\-:~^*"]/g, "").toLowerCase())
    .filter(Boolean)
    .map(term => `${term}*`)
    .join(" ")
}

/* Chinese runs cut by longest match against the index's own tokens (the browser has no jieba) */
function segment(query) {
  return query.replace(han, run => {
    const words = []
    for (let i = 0; i < run.length;) {
      let j = run.length
      if (!prefixes.has(run.slice(i)))  /* the rest begins a word of the index: keep it whole */
        while (j > i + 1 && !tokens.has(run.slice(i, j)))
          j--
      words.push(run.slice(i, j))
      i = j
    }
    return words.join(" ")
  })
}

/*
 * Pages named by the whole query first (title, registry name or alias), then pages with the whole
 * query in a section title, then pages with it anywhere in their text, then the rest; within each
 * tier, the page that uses the whole query most often first (the vector-valued pages all have a
 * section "Jacobian", and the one most about it, softmax's, is long, which lunr's length
 * normalisation punishes), then Material's (lunr's) order.
 */
function rank(result, query) {
  const phrase = normalise(query)
  const tier = group => {
    const page = pageOf(group[0].location)
    if (names.get(page)?.has(phrase))
      return 0
    if (headings.get(page)?.includes(phrase))
      return 1
    return texts.get(page)?.includes(phrase) ? 2 : 3
  }
  const uses = group => {
    const text = texts.get(pageOf(group[0].location)) || ""
    return phrase ? text.split(phrase).length - 1 : 0
  }
  const items = result.items
    .map((group, order) => ({ group, order, tier: phrase ? tier(group) : 3, uses: uses(group) }))
    .sort((a, b) => a.tier - b.tier || b.uses - a.uses || a.order - b.order)
    .map(({ group }) => group)
  for (const group of items)
    for (const item of group) {
      delete item.tags  /* names and aliases find the page; they are not shown as tags */
      if (hasHan.test(query))  /* Material's "missing" terms come from its own cut of the query */
        item.terms = Object.fromEntries(Object.entries(item.terms).filter(([, found]) => found))
    }
  return { ...result, items }
}

self.postMessage = message => {
  if (message.type === READY && materialReady) {
    materialReady()
    materialReady = null
    return
  }
  if (message.type === RESULT)
    message = { ...message, data: rank(message.data, queries.shift()) }
  send(message)
}

addEventListener("message", event => {
  if (forwarding)
    return
  event.stopImmediatePropagation()
  const { type, data } = event.data
  if (type === SETUP) {
    options = data.options
    send({ type: READY })
  } else if (type === "load") {
    load()
  } else if (type === QUERY && !data.trim()) {
    send({ type: RESULT, data: { items: [] } })  /* the bundle asks for "" at page load */
  } else if (type === QUERY) {
    load().then(() => {
      queries.push(data)
      const segmented = segment(data)
      lunrQuery = hasHan.test(data) ? lunrTerms(segmented) : null
      forward({ type: QUERY, data: segmented })
      lunrQuery = null
    }, error => console.error(`search: ${error.message}`))
  }
})
