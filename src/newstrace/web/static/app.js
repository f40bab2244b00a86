/* newstrace: the web page. No framework, no CDN, no build step.
 *
 * Safety rule: everything that comes from an article is untrusted. It only ever reaches
 * the page as text: through textContent / createTextNode, attribute values set one by
 * one, or SVG text. No innerHTML, outerHTML, insertAdjacentHTML or document.write
 * anywhere in this file, and links are made only to this page (#/...) or to http(s) URLs.
 */
(function () {
  "use strict";

  // -- DOM helpers ------------------------------------------------------------------------

  const SVG_NS = "http://www.w3.org/2000/svg";

  function safeHref(value) {
    const href = String(value);
    if (href.startsWith("#/") || href.startsWith("/api/")) return href;
    try {
      const url = new URL(href);
      if (url.protocol === "http:" || url.protocol === "https:") return url.href;
    } catch (e) { /* not a URL */ }
    return null;
  }

  function setProps(node, props) {
    if (!props) return;
    for (const [key, value] of Object.entries(props)) {
      if (value === null || value === undefined || value === false) continue;
      if (key === "class") node.setAttribute("class", value);
      else if (key === "text") node.textContent = value;
      else if (key === "href") {
        const href = safeHref(value);
        if (href) node.setAttribute("href", href);
      } else if (key === "dataset") Object.assign(node.dataset, value);
      else if (key.startsWith("on")) node.addEventListener(key.slice(2), value);
      else node.setAttribute(key, value === true ? "" : String(value));
    }
  }

  function add(node, children) {
    for (const child of children.flat(Infinity)) {
      if (child === null || child === undefined || child === false) continue;
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
    return node;
  }

  /** An HTML element; string children become text nodes. */
  function h(tag, props, ...children) {
    const node = document.createElement(tag);
    setProps(node, props);
    return add(node, children);
  }

  /** An SVG element. */
  function s(tag, props, ...children) {
    const node = document.createElementNS(SVG_NS, tag);
    setProps(node, props);
    return add(node, children);
  }

  function externalLink(url, label) {
    const href = safeHref(url);
    if (!href || href.startsWith("#") || href.startsWith("/")) return h("span", null, label || String(url));
    return h("a", { href, target: "_blank", rel: "noopener noreferrer nofollow" }, label || href);
  }

  const main = () => document.getElementById("main");

  // -- the API ----------------------------------------------------------------------------

  class ApiError extends Error {
    constructor(message, status, code) { super(message); this.status = status; this.code = code; }
  }

  async function api(path, params, options) {
    const url = new URL("/api" + path, location.origin);
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== undefined && value !== null && value !== "") url.searchParams.set(key, value);
    }
    let response;
    try {
      response = await fetch(url, Object.assign({ headers: { Accept: "application/json" } }, options || {}));
    } catch (e) {
      throw new ApiError("The server cannot be reached. Is `newstrace serve` still running?", 0, "offline");
    }
    let body = null;
    try { body = await response.json(); } catch (e) { /* not JSON */ }
    if (!response.ok) {
      const message = body && body.error ? body.error.message : `The server answered ${response.status}.`;
      throw new ApiError(message, response.status, body && body.error ? body.error.code : "error");
    }
    return body;
  }

  // -- formatting ---------------------------------------------------------------------------

  const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

  function formatDate(iso) {
    if (!iso) return "";
    const m = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}:\d{2}))?/.exec(String(iso));
    if (!m) return String(iso);
    const day = `${Number(m[3])} ${MONTHS[Number(m[2]) - 1] || m[2]} ${m[1]}`;
    return m[4] ? `${day}, ${m[4]}` : day;
  }

  function plural(n, one, many) { return `${n} ${n === 1 ? one : (many || one + "s")}`; }

  const TYPE_CLASS = { PERSON: "person", ORG: "org", GPE: "place", LOC: "place", FAC: "place", NORP: "group", AGENT: "group" };
  const TYPE_LABEL = { PERSON: "person", ORG: "organisation", GPE: "place", LOC: "place", FAC: "facility",
    NORP: "group", EVENT: "event", OTHER: "other", AGENT: "agent" };
  function typeClass(type) { return TYPE_CLASS[type] || "other"; }
  function typeBadge(type) { return h("span", { class: "badge t-" + typeClass(type) }, TYPE_LABEL[type] || "other"); }

  const FACTUALITY = {
    certain: "stated as fact",
    probable: "probable (\u201cmost likely\u201d, \u201cexpected to\u201d)",
    possible: "possible (could, may, would, if)",
    underspecified: "underspecified (plans, intentions, questions)",
    negated: "negated or denied",
  };
  function factualityBadge(value) {
    if (!value) return null;
    const known = Object.prototype.hasOwnProperty.call(FACTUALITY, value);
    return h("span", { class: "badge f-" + (known ? value : "other"), title: known ? FACTUALITY[value] : null }, value);
  }

  const PLOVER = {
    AGREE: "agree or promise", CONSULT: "meet or talk", SUPPORT: "express support", CONCEDE: "concede or yield",
    COOPERATE: "cooperate", AID: "give aid", RETREAT: "withdraw or release", REQUEST: "ask or demand",
    ACCUSE: "accuse or criticise", REJECT: "reject or refuse", THREATEN: "threaten", PROTEST: "protest",
    SANCTION: "sanction or cut ties", MOBILIZE: "mobilise forces", COERCE: "coerce (arrest, ban, seize)",
    ASSAULT: "attack or use violence",
  };
  function eventLabel(type) { return PLOVER[type] ? `${type} \u2014 ${PLOVER[type]}` : String(type); }

  function notice(message, kind) { return h("p", { class: "notice" + (kind ? " " + kind : ""), role: kind === "error" ? "alert" : null }, message); }
  function loading(what) { return h("p", { class: "loading" }, what || "Loading\u2026"); }

  function errorNotice(error) {
    if (error && error.status === 404) return notice(error.message + " It may have been removed, or the link is wrong.", "error");
    return notice(error && error.message ? error.message : "Something went wrong.", "error");
  }

  /** A search snippet: the store marks matches with [brackets]. */
  function snippet(text) {
    const p = h("p", { class: "snippet" });
    const parts = String(text).split(/(\[[^\[\]]*\])/);
    for (const part of parts) {
      if (part.length > 2 && part.startsWith("[") && part.endsWith("]")) p.append(h("mark", null, part.slice(1, -1)));
      else if (part) p.append(document.createTextNode(part));
    }
    return p;
  }

  // -- routing ------------------------------------------------------------------------------

  let renderToken = 0;

  function route() {
    const raw = location.hash.replace(/^#/, "") || "/";
    const q = raw.indexOf("?");
    const path = q >= 0 ? raw.slice(0, q) : raw;
    const params = new URLSearchParams(q >= 0 ? raw.slice(q + 1) : "");
    return { path, params };
  }

  function go(path, params) {
    const qs = new URLSearchParams();
    for (const [key, value] of Object.entries(params || {})) {
      if (value !== undefined && value !== null && value !== "") qs.set(key, value);
    }
    const hash = "#" + path + (qs.toString() ? "?" + qs.toString() : "");
    if (location.hash === hash) render(); else location.hash = hash;
  }

  const ROUTES = [
    [/^\/?$/, "search", (m, p) => viewSearch(p)],
    [/^\/search$/, "search", (m, p) => viewSearch(p)],
    [/^\/article\/([^/]+)$/, "search", (m) => viewArticle(decodeURIComponent(m[1]))],
    [/^\/entity\/(\d+)$/, "entities", (m) => viewEntity(Number(m[1]))],
    [/^\/entities$/, "entities", (m, p) => viewEntities(p)],
    [/^\/map$/, "map", (m, p) => viewMap(p)],
    [/^\/stories$/, "stories", (m, p) => viewStories(p)],
    [/^\/story\/(\d+)$/, "stories", (m) => viewStory(Number(m[1]))],
    [/^\/analyze$/, "analyze", () => viewAnalyze()],
    [/^\/sources$/, "sources", (m, p) => viewSources(p)],
  ];

  /** Each view gets a fresh container; a view whose data arrives after the reader
   *  moved on finds its token stale and draws nothing. */
  function render() {
    const { path, params } = route();
    const token = ++renderToken;
    const container = main();
    container.replaceChildren();
    let section = "search";
    let view = () => container.append(notice("There is no such page. Start from the search.", "error"));
    for (const [pattern, name, fn] of ROUTES) {
      const m = pattern.exec(path);
      if (m) { section = name; view = () => fn(m, params); break; }
    }
    for (const a of document.querySelectorAll("[data-nav]")) a.classList.toggle("active", a.dataset.nav === section);
    Promise.resolve()
      .then(view)
      .catch((error) => { if (token === renderToken) container.append(errorNotice(error)); });
    container.focus({ preventScroll: true });
    window.scrollTo(0, 0);
  }

  function current(token) { return token === renderToken; }

  // -- search -------------------------------------------------------------------------------

  const FILTERS = [
    ["date_from", "From", "date"], ["date_to", "To", "date"], ["publisher", "Publisher", "select"],
    ["event_type", "Event type", "select"], ["entity", "Mentions (name)", "text"],
    ["place", "Place (name or country code)", "text"], ["source", "Cites (source)", "text"],
  ];
  let facetsCache = null;

  async function facets() {
    if (!facetsCache) facetsCache = await api("/facets");
    return facetsCache;
  }

  async function viewSearch(params) {
    const token = renderToken;
    const container = main();
    const q = params.get("q") || "";
    const offset = Math.max(0, Number(params.get("offset")) || 0);
    const active = {};
    for (const [key] of FILTERS) if (params.get(key)) active[key] = params.get(key);
    if (params.get("story")) active.story = params.get("story");

    const input = h("input", { type: "search", name: "q", value: q, placeholder: "Search the corpus: names, places, words\u2026",
      "aria-label": "Search words", autocomplete: "off", id: "search-q" });
    const fields = {};
    const grid = h("div", { class: "filter-grid" });
    const facetData = await facets().catch(() => null);
    if (!current(token)) return;
    for (const [key, label, kind] of FILTERS) {
      let control;
      if (kind === "select") {
        control = h("select", { name: key }, h("option", { value: "" }, "Any"));
        const options = facetData ? (key === "publisher" ? facetData.publishers : facetData.event_types) : [];
        for (const item of options) {
          const text = key === "event_type" ? `${eventLabel(item.value)} (${item.count})` : `${item.value} (${item.count})`;
          control.append(h("option", { value: item.value }, text));
        }
        if (active[key] && ![...control.options].some((o) => o.value === active[key])) control.append(h("option", { value: active[key] }, active[key]));
        control.value = active[key] || "";
      } else {
        control = h("input", { type: kind, name: key, value: active[key] || "" });
      }
      fields[key] = control;
      grid.append(h("label", { class: "field" }, label, control));
    }
    grid.append(h("div", { class: "field" }, h("button", { class: "btn", type: "button", onclick: () => go("/search", { q: input.value.trim() }) }, "Clear filters")));

    const form = h("form", { class: "search-hero", role: "search", onsubmit: (event) => {
      event.preventDefault();
      const next = { q: input.value.trim() };
      for (const [key] of FILTERS) next[key] = fields[key].value.trim();
      if (active.story) next.story = active.story;
      go("/search", next);
    } },
    h("div", { class: "searchbar" }, input, h("button", { class: "btn primary", type: "submit" }, "Search")),
    h("details", { class: "filters", open: Object.keys(active).length > 0 }, h("summary", null, "Filters: dates, publisher, event type, names, places, sources"), grid));
    container.append(form);

    const chips = h("div", { class: "chips" });
    for (const [key, value] of Object.entries(active)) {
      const label = key === "story" ? "Story" : FILTERS.find((f) => f[0] === key)[1];
      chips.append(h("span", { class: "chip" }, `${label}: ${value}`, h("button", { type: "button", "aria-label": `Remove ${label}`, title: "Remove this filter",
        onclick: () => { const next = Object.fromEntries(params); delete next[key]; delete next.offset; go("/search", next); } }, "\u00d7")));
    }
    container.append(chips);

    const layout = h("div", { class: "search-layout" });
    const results = h("section", { "aria-live": "polite" }, loading("Searching\u2026"));
    const side = h("aside");
    layout.append(results, side);
    container.append(layout);
    if (facetData) side.append(corpusCard(facetData));

    const query = Object.assign({}, active, { limit: 20, offset });
    const page = q ? await api("/search", Object.assign({ q }, query)) : await api("/articles", query);
    if (!current(token)) return;
    results.replaceChildren();
    const heading = q ? `Articles matching \u201c${q}\u201d` : (Object.keys(active).length ? "Articles matching the filters" : "Latest articles");
    results.append(h("div", { class: "results-meta" }, heading, page.items.length ? ` \u00b7 ${offset + 1}\u2013${offset + page.items.length}` : ""));
    if (!page.items.length) {
      results.append(notice(facetData && facetData.articles === 0
        ? "The corpus is empty. Add articles with `newstrace ingest PATH --db FILE`, then reload this page."
        : "No article matches. Try fewer or other words, or clear the filters."));
      return;
    }
    const list = h("ol", { class: "results" });
    for (const item of page.items) list.append(resultItem(item));
    results.append(list, pager(page, (next) => go("/search", Object.assign({}, Object.fromEntries(params), { offset: next }))));
    if (!q && !Object.keys(active).length) input.focus();
  }

  function resultItem(item) {
    return h("li", { class: "result" },
      h("a", { class: "result-title", href: "#/article/" + encodeURIComponent(item.id) }, item.title || "(untitled article)"),
      h("div", { class: "result-meta" }, [item.publisher, formatDate(item.published)].filter(Boolean).join(" \u00b7 "),
        item.story_id ? [" \u00b7 ", h("a", { href: "#/story/" + item.story_id }, "story #" + item.story_id)] : null),
      item.snippet ? snippet(item.snippet) : null);
  }

  function pager(page, goto) {
    const nav = h("nav", { class: "pager", "aria-label": "Pages" });
    const prev = h("button", { class: "btn", type: "button", disabled: page.offset === 0, onclick: () => goto(Math.max(0, page.offset - page.limit)) }, "\u2190 Previous");
    const next = h("button", { class: "btn", type: "button", disabled: page.next_offset === null, onclick: () => goto(page.next_offset) }, "Next \u2192");
    nav.append(prev, next);
    return nav;
  }

  function corpusCard(data) {
    const card = h("section", { class: "card" }, h("h2", null, "This corpus"));
    card.append(h("div", { class: "stat" }, h("span", null, "Articles"), h("b", null, String(data.articles))));
    if (data.first_published) card.append(h("div", { class: "stat" }, h("span", null, "From"), h("b", null, formatDate(data.first_published.slice(0, 10)))));
    if (data.last_published) card.append(h("div", { class: "stat" }, h("span", null, "To"), h("b", null, formatDate(data.last_published.slice(0, 10)))));
    if (data.publishers.length) {
      card.append(h("h3", { class: "small muted" }, "Publishers"));
      const list = h("ul", { class: "list small" });
      for (const p of data.publishers.slice(0, 8)) list.append(h("li", null, h("a", { href: "#/search?publisher=" + encodeURIComponent(p.value) }, p.value), h("span", { class: "faint" }, ` ${p.count}`)));
      card.append(list);
    }
    if (data.event_types.length) {
      card.append(h("h3", { class: "small muted" }, "Events"));
      const list = h("ul", { class: "list small" });
      for (const t of data.event_types.slice(0, 8)) list.append(h("li", null, h("a", { href: "#/search?event_type=" + encodeURIComponent(t.value) }, eventLabel(t.value)), h("span", { class: "faint" }, ` ${t.count}`)));
      card.append(list);
    }
    return card;
  }

  // -- the article: text with its spans ----------------------------------------------------

  /** Python string offsets count code points; JavaScript's count UTF-16 units. */
  function offsetMapper(text) {
    if (!/[\uD800-\uDFFF]/.test(text)) return (i) => i;
    const units = [];
    let unit = 0;
    let point = 0;
    for (const ch of text) { units[point++] = unit; unit += ch.length; }
    units[point] = unit;
    return (i) => units[Math.max(0, Math.min(i, point))];
  }

  const KINDS = [
    // key, label, class of the swatch
    ["ent-person", "People"], ["ent-org", "Organisations"], ["ent-place", "Places"], ["ent-group", "Groups & other names"],
    ["quote", "Quotes"], ["claim", "Attributed claims"], ["hedge", "Hedged claims"], ["event", "Events"], ["warn", "Warnings"],
  ];
  const PRIORITY = { ent: 0, quote: 1, event: 2, hedge: 3, claim: 4, warn: 5, speaker: 6, cue: 7, source: 8 };

  /** Every span to draw: one record per piece of text, pointing back at what it is. */
  function collectSpans(dossier) {
    const spans = [];
    const push = (span, kind, cls, ref) => {
      if (!span || typeof span.start !== "number" || typeof span.end !== "number" || span.end <= span.start) return null;
      const record = { start: span.start, end: span.end, kind, cls, ref, index: spans.length };
      spans.push(record);
      return record;
    };
    for (const entity of dossier.entities || []) {
      const cls = "ent-" + typeClass(entity.type);
      entity._spans = (entity.mentions || []).map((m) => push(m, "ent", cls === "ent-other" ? "ent-other" : cls, { type: "entity", entity })).filter(Boolean);
    }
    for (const quote of dossier.quotes || []) {
      const pieces = quote.parts && quote.parts.length ? quote.parts : [quote.span];
      quote._spans = pieces.map((p) => push(p, "quote", "quote", { type: "quote", quote })).filter(Boolean);
      quote._aux = [push(quote.speaker_span, "speaker", "aux", { type: "quote", quote }), push(quote.cue, "cue", "aux", { type: "quote", quote })].filter(Boolean);
    }
    for (const attribution of (dossier.sources && dossier.sources.attributions) || []) {
      const pieces = attribution.parts && attribution.parts.length ? attribution.parts : [attribution.span];
      const hedged = attribution.factuality && attribution.factuality !== "certain";
      attribution._spans = pieces.map((p) => push(p, hedged ? "hedge" : "claim", hedged ? "claim hedge" : "claim", { type: "claim", attribution })).filter(Boolean);
      attribution._aux = [push(attribution.source_span, "source", "aux", { type: "claim", attribution }), push(attribution.cue, "cue", "aux", { type: "claim", attribution })].filter(Boolean);
    }
    for (const event of dossier.events || []) {
      event._spans = [event.evidence, ...(event.further_evidence || [])].map((p) => push(p, "event", "event", { type: "event", event })).filter(Boolean);
    }
    for (const warning of dossier.warnings || []) {
      warning._spans = (warning.spans || []).map((p) => push(p, "warn", "warn", { type: "warning", warning })).filter(Boolean);
    }
    return spans;
  }

  /** The text as paragraphs of text nodes and <mark> elements, one mark per stretch
   *  of text covered by the same spans. Returns the container and, per span, its marks. */
  function renderText(dossier, spans) {
    const text = String(dossier.text || "");
    const unit = offsetMapper(text);
    for (const span of spans) { span.s = unit(span.start); span.e = Math.min(unit(span.end), text.length); }
    const container = h("div", { class: "text", id: "article-text" });
    const marks = spans.map(() => []);
    const paragraphs = [];
    const breaks = /\n[ \t]*\n\s*/g;
    let at = 0;
    let m;
    while ((m = breaks.exec(text)) !== null) { paragraphs.push([at, m.index]); at = m.index + m[0].length; }
    paragraphs.push([at, text.length]);

    const title = (dossier.metadata && dossier.metadata.title) || "";
    const subtitle = (dossier.metadata && dossier.metadata.subtitle) || "";
    const drawn = spans.filter((span) => span.s < span.e);
    for (let k = 0; k < paragraphs.length; k++) {
      const [pa, pb] = paragraphs[k];
      if (pa >= pb) continue;
      const content = text.slice(pa, pb);
      const para = h("p", { class: k === 0 && title && content === title ? "p-title" : (k <= 1 && subtitle && content === subtitle ? "p-subtitle" : null) });
      const here = drawn.filter((span) => span.s < pb && span.e > pa);
      const cuts = new Set([pa, pb]);
      for (const span of here) { cuts.add(Math.max(span.s, pa)); cuts.add(Math.min(span.e, pb)); }
      const points = [...cuts].sort((x, y) => x - y);
      for (let i = 0; i < points.length - 1; i++) {
        const a = points[i];
        const b = points[i + 1];
        const piece = text.slice(a, b);
        const open = here.filter((span) => span.s <= a && span.e >= b);
        if (!open.length) { para.append(document.createTextNode(piece)); continue; }
        const mark = document.createElement("mark");
        const classes = new Set();
        for (const span of open) for (const c of span.cls.split(" ")) classes.add(c);
        mark.className = [...classes].join(" ");
        mark.dataset.spans = open.map((span) => span.index).join(",");
        mark.textContent = piece;
        mark.title = describeSpans(open);
        for (const span of open) marks[span.index].push(mark);
        para.append(mark);
      }
      container.append(para);
    }
    return { container, marks };
  }

  function describeSpans(open) {
    const seen = new Set();
    const lines = [];
    for (const span of [...open].sort((a, b) => PRIORITY[a.kind] - PRIORITY[b.kind])) {
      const ref = span.ref;
      const target = ref.entity || ref.quote || ref.attribution || ref.event || ref.warning;
      if (seen.has(target) || span.cls === "aux") continue;
      seen.add(target);
      if (ref.type === "entity") lines.push(`${ref.entity.name} (${TYPE_LABEL[ref.entity.type] || "other"})`);
      else if (ref.type === "quote") lines.push(`Quote \u2014 ${speakerName(ref.quote)}`);
      else if (ref.type === "claim") lines.push(`Claim \u2014 according to ${ref.attribution.source}${ref.attribution.factuality && ref.attribution.factuality !== "certain" ? " (" + ref.attribution.factuality + ")" : ""}`);
      else if (ref.type === "event") lines.push(`Event: ${eventLabel(ref.event.type)}`);
      else if (ref.type === "warning") lines.push(`Warning: ${ref.warning.message}`);
    }
    return lines.join("\n");
  }

  let articleState = null;   // the article on screen: dossier, entities by id, corpus ids, marks

  function speakerName(quote) {
    const entity = quote.speaker && articleState ? articleState.entities.get(quote.speaker) : null;
    if (entity) return entity.name;
    return quote.speaker_span ? `${quote.speaker_span.text} (not resolved)` : "speaker unknown";
  }

  function entityLink(localId, fallback) {
    const entity = articleState && articleState.entities.get(localId);
    if (!entity) return h("span", null, fallback || "unknown");
    return h("button", { class: "linkish", type: "button", onclick: () => select({ type: "entity", entity }) }, entity.name);
  }

  function corpusEntityHref(entity) {
    const id = articleState && articleState.context && articleState.context.entities[entity.id];
    return id ? "#/entity/" + id : null;
  }

  function clearHighlight() {
    for (const mark of document.querySelectorAll("#article-text mark.is-linked, #article-text mark.is-selected")) {
      mark.classList.remove("is-linked", "is-selected");
    }
  }

  function highlight(spans, cls) {
    if (!articleState) return;
    for (const span of spans || []) for (const mark of articleState.marks[span.index] || []) mark.classList.add(cls);
  }

  /** Show one thing (entity, quote, claim, event, warning) in the side panel. */
  function select(ref, others) {
    if (!articleState) return;
    const card = articleState.selection;
    card.hidden = false;
    card.replaceChildren();
    clearHighlight();
    const close = h("button", { class: "linkish small", type: "button", onclick: () => { card.hidden = true; clearHighlight(); } }, "close");
    if (ref.type === "entity") {
      const e = ref.entity;
      highlight(e._spans, "is-linked");
      card.append(h("h2", null, h("span", null, e.name, " ", typeBadge(e.type)), close));
      const kv = h("dl", { class: "kv" });
      const row = (k, v) => { if (v !== null && v !== undefined && v !== "" && !(Array.isArray(v) && !v.length)) kv.append(h("dt", null, k), h("dd", null, v)); };
      row("Mentions", String((e.mentions || []).length) + " in this article");
      row("Also called", (e.aliases || []).join(", "));
      row("Described as", (e.descriptors || []).map((d) => (typeof d === "string" ? d : d && d.text) || "").filter(Boolean).join("; "));
      if (e.place) row("Place", `${e.place.feature || "place"}${e.place.country ? ", " + e.place.country : ""} (${Number(e.place.lat).toFixed(2)}, ${Number(e.place.lon).toFixed(2)})`);
      if (e.stands_for) row("Stands for", typeof e.stands_for === "string" ? e.stands_for : JSON.stringify(e.stands_for));
      card.append(kv);
      const href = corpusEntityHref(e);
      if (href) card.append(h("a", { class: "follow", href }, "Follow this entity across the corpus \u2192"));
    } else if (ref.type === "quote") {
      const q = ref.quote;
      highlight(q._spans, "is-selected");
      highlight(q._aux, "is-linked");
      card.append(h("h2", null, h("span", null, `Quote (${q.kind})`), close));
      card.append(h("blockquote", null, q.span ? q.span.text : ""));
      const kv = h("dl", { class: "kv" });
      kv.append(h("dt", null, "Speaker"), h("dd", null, q.speaker ? entityLink(q.speaker, speakerName(q)) : speakerName(q)));
      if (q.cue) kv.append(h("dt", null, "Cue"), h("dd", null, `\u201c${q.cue.text}\u201d`));
      card.append(kv);
    } else if (ref.type === "claim") {
      const a = ref.attribution;
      highlight(a._spans, "is-selected");
      highlight(a._aux, "is-linked");
      card.append(h("h2", null, h("span", null, "Attributed claim"), close));
      card.append(h("p", { class: "claim-text" }, a.span ? a.span.text : ""));
      const kv = h("dl", { class: "kv" });
      kv.append(h("dt", null, "Source"), h("dd", null, a.source_entity ? entityLink(a.source_entity, a.source) : a.source, " ", h("span", { class: "badge" }, a.kind)));
      if (a.cue) kv.append(h("dt", null, "Cue"), h("dd", null, `\u201c${a.cue.text}\u201d`));
      if (a.factuality) kv.append(h("dt", null, "Certainty"), h("dd", null, factualityBadge(a.factuality), " ", h("span", { class: "small muted" }, FACTUALITY[a.factuality] || "")));
      card.append(kv);
    } else if (ref.type === "event") {
      const ev = ref.event;
      highlight(ev._spans, "is-selected");
      card.append(h("h2", null, h("span", null, "Event"), close));
      card.append(h("p", { class: "event-type" }, eventLabel(ev.type), ev.mode ? ` (${ev.mode})` : ""));
      const kv = h("dl", { class: "kv" });
      const names = (ids) => ids && ids.length ? ids.map((id, i) => [i ? ", " : "", entityLink(id)]) : "\u2014";
      kv.append(h("dt", null, "Who"), h("dd", null, names(ev.actors)));
      kv.append(h("dt", null, "To whom"), h("dd", null, names(ev.targets)));
      if (ev.place) kv.append(h("dt", null, "Where"), h("dd", null, entityLink(ev.place)));
      if (ev.time) kv.append(h("dt", null, "When"), h("dd", null, ev.time.start === ev.time.end || !ev.time.end ? formatDate(ev.time.start) : `${formatDate(ev.time.start)} \u2013 ${formatDate(ev.time.end)}`));
      if (ev.factuality) kv.append(h("dt", null, "Certainty"), h("dd", null, factualityBadge(ev.factuality)));
      if (typeof ev.confidence === "number") kv.append(h("dt", null, "Confidence"), h("dd", null, confidenceBadge(ev)));
      const attribution = ev.attribution && articleState.attributions.get(ev.attribution);
      if (attribution) kv.append(h("dt", null, "On whose word"), h("dd", null, attribution.source));
      card.append(kv, h("p", { class: "claim-text" }, ev.evidence ? ev.evidence.text : ""));
    } else if (ref.type === "warning") {
      const w = ref.warning;
      highlight(w._spans, "is-selected");
      card.append(h("h2", null, h("span", null, "Warning: " + w.kind), close), h("p", null, w.message));
    }
    if (others && others.length) {
      const also = h("div", { class: "also" }, "Also here: ");
      others.forEach((other, i) => {
        const label = other.type === "entity" ? other.entity.name : other.type === "quote" ? "a quote" : other.type === "claim" ? "a claim by " + other.attribution.source : other.type === "event" ? "event " + other.event.type : "a warning";
        also.append(i ? ", " : "", h("button", { class: "linkish", type: "button", onclick: () => select(other, others.filter((o) => o !== other).concat([ref])) }, label));
      });
      card.append(also);
    }
    card.scrollIntoView({ block: "nearest" });
  }

  function onTextClick(event) {
    const mark = event.target.closest("mark");
    if (!mark || !articleState) return;
    const hidden = articleState.hidden;
    const candidates = mark.dataset.spans.split(",").map(Number).map((i) => articleState.spans[i])
      .filter((span) => span.cls !== "aux" && !span.cls.split(" ").every((c) => hidden.has(c)))
      .sort((a, b) => (PRIORITY[a.kind] - PRIORITY[b.kind]) || ((a.e - a.s) - (b.e - b.s)));
    const refs = [];
    for (const span of candidates) {
      const target = span.ref.entity || span.ref.quote || span.ref.attribution || span.ref.event || span.ref.warning;
      if (!refs.some((r) => (r.entity || r.quote || r.attribution || r.event || r.warning) === target)) refs.push(span.ref);
    }
    if (refs.length) select(refs[0], refs.slice(1));
  }

  // "Robert Burns (AP National Security Writer)": each person with the role the byline gives.
function bylineText(meta) {
  const lines = (meta.bylines || []).filter(b => b.name);
  if (!lines.length) return meta.authors.join(", ");
  return lines.map(b => b.descriptor ? b.name + " (" + b.descriptor + ")" : b.name).join(", ");
}

function legend(spans, textBox) {
    const targets = {};
    for (const span of spans) {
      const target = span.ref.entity || span.ref.quote || span.ref.attribution || span.ref.event || span.ref.warning;
      for (const c of span.cls.split(" ")) {
        if (c === "aux") continue;
        const key = c === "ent-other" ? "ent-group" : c;
        (targets[key] = targets[key] || new Set()).add(target);
      }
    }
    const counts = Object.fromEntries(Object.entries(targets).map(([key, set]) => [key, set.size]));
    const box = h("div", { class: "legend", role: "group", "aria-label": "Highlights" });
    for (const [key, label] of KINDS) {
      if (!counts[key]) continue;
      const checkbox = h("input", { type: "checkbox", checked: true, "data-kind": key });
      checkbox.addEventListener("change", () => {
        const hideKeys = key === "ent-group" ? ["ent-group", "ent-other"] : [key];
        for (const k of hideKeys) {
          textBox.classList.toggle("hide-" + k, !checkbox.checked);
          if (checkbox.checked) articleState.hidden.delete(k); else articleState.hidden.add(k);
        }
      });
      box.append(h("label", null, checkbox, h("span", { class: "swatch " + key }), label, h("span", { class: "n" }, String(counts[key]))));
    }
    return box;
  }

  async function viewArticle(id) {
    const token = renderToken;
    const container = main();
    container.append(loading("Opening the article\u2026"));
    const [dossier, context, lineage] = await Promise.all([
      api("/articles/" + encodeURIComponent(id)),
      api("/articles/" + encodeURIComponent(id) + "/context").catch(() => null),
      api("/articles/" + encodeURIComponent(id) + "/lineage").catch(() => null),
    ]);
    if (!current(token)) return;
    container.replaceChildren();
    drawDossier(container, dossier, context, lineage);
  }

  function drawDossier(container, dossier, context, lineage) {
    const meta = dossier.metadata || {};
    const spans = collectSpans(dossier);
    const { container: textBox, marks } = renderText(dossier, spans);
    articleState = {
      dossier, context, spans, marks, hidden: new Set(),
      entities: new Map((dossier.entities || []).map((e) => [e.id, e])),
      attributions: new Map(((dossier.sources && dossier.sources.attributions) || []).map((a) => [a.id, a])),
      selection: h("section", { class: "card selection", id: "selection", hidden: true, "aria-live": "polite" }),
    };
    textBox.addEventListener("click", onTextClick);

    const reader = h("article", { class: "reader" });
    reader.append(h("div", { class: "crumbs" }, h("a", { href: "#/" }, "\u2190 Search"),
      context && context.story_id ? [" \u00b7 ", h("a", { href: "#/story/" + context.story_id }, "Story #" + context.story_id)] : null));
    reader.append(h("p", { class: "kicker" }, [meta.publisher, formatDate(meta.published), meta.dateline].filter(Boolean).join(" \u00b7 ")));
    const firstPara = textBox.querySelector("p");
    if (meta.title && !(firstPara && firstPara.classList.contains("p-title"))) reader.append(h("h1", null, meta.title));
    if (meta.authors && meta.authors.length) reader.append(h("p", { class: "byline" }, "By " + bylineText(meta)));
    reader.append(legend(spans, textBox), textBox);
    if (!String(dossier.text || "").trim()) reader.append(notice("This article has no text."));

    const panel = h("aside", { class: "panel", "aria-label": "About this article" });
    panel.append(articleState.selection);
    if ((dossier.warnings || []).length) panel.append(warningsCard(dossier));
    panel.append(metadataCard(dossier), chainCard(dossier), lineageCard(lineage, context), entitiesCard(dossier), eventsCard(dossier));
    container.append(h("div", { class: "article-layout" }, reader, panel));
  }

  function metadataCard(dossier) {
    const meta = dossier.metadata || {};
    const kv = h("dl", { class: "kv" });
    const row = (key, value) => {
      if (value === null || value === undefined || value === "" || (Array.isArray(value) && !value.length)) return;
      kv.append(h("dt", null, key), h("dd", null, value));
    };
    row("Publisher", meta.publisher);
    row("Published", formatDate(meta.published));
    row("Authors", (meta.authors || []).join(", "));
    row("Dateline", meta.dateline);
    row("Language", meta.language);
    if (meta.original_language) row("Translated from", meta.original_language);
    row("Address", meta.url ? externalLink(meta.url) : null);
    row("Tags", (meta.tags || []).map((t) => h("span", { class: "tag" }, t)));
    if (meta.views !== null && meta.views !== undefined) row("Views", String(meta.views));
    if (meta.comments !== null && meta.comments !== undefined) row("Comments", String(meta.comments));
    row("Links", (meta.links || []).map((l) => h("div", null, h("span", { class: "faint" }, `${l.rel}: `), l.url ? externalLink(l.url, l.title || l.url) : (l.title || ""))));
    row("Removed", (dossier.removed || []).length ? plural(dossier.removed.length, "line") + " of page furniture" : null);
    row("Dossier id", h("code", null, dossier.id));
    return h("section", { class: "card" }, h("h2", null, "About this article"), kv);
  }

  function warningsCard(dossier) {
    const card = h("section", { class: "card warnings" }, h("h2", null, "Warnings", h("span", { class: "count" }, String(dossier.warnings.length))));
    for (const w of dossier.warnings) {
      card.append(h("div", { class: "warning-item" }, h("b", null, w.kind), ": ", w.message, " ",
        w._spans && w._spans.length ? h("button", { class: "linkish small", type: "button", onclick: () => select({ type: "warning", warning: w }) }, "show in text") : null));
    }
    return card;
  }

  /** The chain of outlets, drawn top to bottom: the publisher, then what it relays. */
  function chainGraph(chain) {
    const width = 330;
    const boxH = 30;
    const gap = 34;
    const height = chain.length * boxH + (chain.length - 1) * gap + 8;
    const svg = s("svg", { class: "graph", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Source chain: " + chain.map((c) => c.name).join(" \u2192 ") });
    svg.append(s("defs", null, s("marker", { id: "arrowhead", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" },
      s("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow" }))));
    chain.forEach((node, i) => {
      const y = 4 + i * (boxH + gap);
      const x = 20 + Math.min(i, 4) * 14;
      const w = width - x - 10;
      const label = node.name.length > 38 ? node.name.slice(0, 37) + "\u2026" : node.name;
      const group = s("g", { class: "node" + (i === 0 ? " publisher" : "") },
        s("title", null, `${node.name} (${node.relation})`),
        s("rect", { x, y, width: w, height: boxH, rx: 6 }),
        s("text", { x: x + 10, y: y + 19 }, label));
      svg.append(group);
      if (i > 0) {
        const px = 20 + Math.min(i - 1, 4) * 14 + 16;
        svg.append(s("path", { class: "edge", d: `M ${px} ${y - gap} L ${px} ${y - gap / 2} L ${x + 14} ${y - gap / 2} L ${x + 14} ${y - 1}`, "marker-end": "url(#arrowhead)" }));
        svg.append(s("text", { class: "edge-label", x: x + 22, y: y - gap / 2 - 4 }, node.relation || "relays"));
      }
    });
    return svg;
  }

  function chainCard(dossier) {
    const sources = dossier.sources || {};
    const chain = (sources.chain || []).filter((c) => c && c.name);
    const card = h("section", { class: "card" }, h("h2", null, "Where it comes from"));
    if (chain.length) {
      card.append(chainGraph(chain));
      if (chain.length === 1) card.append(h("p", { class: "small muted" }, "The publisher relays no other outlet."));
    } else {
      card.append(h("p", { class: "empty" }, "No publisher or relayed outlet found."));
    }
    const bySource = new Map();
    for (const a of sources.attributions || []) {
      const key = a.source + "\u0000" + a.kind;
      if (!bySource.has(key)) bySource.set(key, { source: a.source, kind: a.kind, claims: [], hedged: 0 });
      const entry = bySource.get(key);
      entry.claims.push(a);
      if (a.factuality && a.factuality !== "certain") entry.hedged++;
    }
    if (bySource.size) {
      card.append(h("h3", { class: "small muted" }, "Claims attributed to"));
      const list = h("ul", { class: "list source-list" });
      for (const entry of [...bySource.values()].sort((a, b) => b.claims.length - a.claims.length)) {
        list.append(h("li", null,
          h("span", null, h("button", { class: "linkish", type: "button", onclick: () => select({ type: "claim", attribution: entry.claims[0] }) }, entry.source), " ", h("span", { class: "badge" }, entry.kind)),
          h("span", { class: "faint small" }, plural(entry.claims.length, "claim") + (entry.hedged ? `, ${entry.hedged} hedged` : ""))));
      }
      card.append(list);
    }
    return card;
  }

  function lineageCard(lineage, context) {
    const card = h("section", { class: "card" }, h("h2", null, "Copies and story"));
    if (context && context.story_id) card.append(h("p", null, "Part of ", h("a", { href: "#/story/" + context.story_id }, "story #" + context.story_id), ": the same event told by other articles."));
    else if (context) card.append(h("p", { class: "empty" }, "In no story: no other article in the corpus reports this event."));
    if (!lineage) { card.append(h("p", { class: "empty" }, "No lineage known.")); return card; }
    const here = lineage.article;
    const origin = lineage.origin && lineage.origin.id !== here.id ? lineage.origin : null;
    const articleLink = (a) => h("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title || a.id);
    if (origin) {
      card.append(h("p", null, `This is a ${here.relation || "copy"} of `, articleLink(origin),
        origin.publisher ? ` (${origin.publisher}, ${formatDate(origin.published)})` : "",
        here.similarity !== null && here.similarity !== undefined ? `, ${Math.round(here.similarity * 100)}% similar.` : "."));
    }
    const copies = (lineage.copies || []).filter((c) => c.id !== here.id);
    if (copies.length) {
      card.append(h("p", { class: "small muted" }, origin ? "Other copies of the origin:" : "Copies of this article:"));
      const list = h("ul", { class: "list small" });
      for (const c of copies) list.append(h("li", null, articleLink(c), h("span", { class: "relation" }, ` \u00b7 ${c.relation || "copy"}${c.publisher ? " \u00b7 " + c.publisher : ""}`)));
      card.append(list);
    }
    const exact = lineage.exact_copies || [];
    if (exact.length) {
      card.append(h("p", { class: "small muted" }, "The same page, met again at other addresses:"));
      const list = h("ul", { class: "list small exact-copies" });
      for (const c of exact) list.append(h("li", null, externalLink(c.url, c.url), h("span", { class: "relation" }, ` \u00b7 exact copy${c.publisher ? " \u00b7 " + c.publisher : ""}${c.published ? " \u00b7 " + formatDate(c.published) : ""}`)));
      card.append(list);
    }
    if (!origin && !copies.length && !exact.length && !(context && context.story_id)) card.append(h("p", { class: "empty" }, "No copy of this article is in the corpus."));
    return card;
  }

  function entitiesCard(dossier) {
    const groups = [["People", ["PERSON"]], ["Organisations", ["ORG"]], ["Places", ["GPE", "LOC", "FAC"]], ["Groups and other names", ["NORP", "EVENT", "OTHER"]]];
    const card = h("section", { class: "card entity-groups" }, h("h2", null, "Who and where", h("span", { class: "count" }, String((dossier.entities || []).length))));
    let any = false;
    for (const [label, types] of groups) {
      const members = (dossier.entities || []).filter((e) => types.includes(e.type) || (label.startsWith("Groups") && !["PERSON", "ORG", "GPE", "LOC", "FAC"].includes(e.type)));
      if (!members.length) continue;
      any = true;
      members.sort((a, b) => (b.mentions || []).length - (a.mentions || []).length);
      const list = h("ul", { class: "entity-list" });
      for (const e of members) {
        list.append(h("li", null, h("button", { type: "button", class: "ent-" + typeClass(e.type), onclick: () => select({ type: "entity", entity: e }) }, e.name, h("span", { class: "n" }, String((e.mentions || []).length)))));
      }
      card.append(h("h3", null, label), list);
    }
    if (!any) card.append(h("p", { class: "empty" }, "No names found."));
    return card;
  }

  // Events below this confidence are shown, but marked and dimmed: they are right less
  // often than an analyst should count on (the dossier's CONFIDENT threshold).
  const CONFIDENT = 0.5;
  function isLowConfidence(ev) { return typeof ev.confidence === "number" && ev.confidence < CONFIDENT; }
  function confidenceBadge(ev) {
    if (typeof ev.confidence !== "number") return "";
    const low = isLowConfidence(ev);
    return h("span", { class: "badge " + (low ? "badge-low" : "badge-conf"), title: low ? "Low confidence: often wrong; check the evidence" : "Confidence that type and actor are right" },
      (low ? "low confidence " : "confidence ") + ev.confidence.toFixed(2));
  }

  function eventsCard(dossier) {
    const events = dossier.events || [];
    const card = h("section", { class: "card" }, h("h2", null, "What happened", h("span", { class: "count" }, String(events.length))));
    if (!events.length) { card.append(h("p", { class: "empty" }, "No event coded.")); return card; }
    const list = h("ul", { class: "list" });
    for (const ev of events) {
      const who = (ev.actors || []).map((id) => (articleState.entities.get(id) || {}).name).filter(Boolean).join(", ");
      const low = isLowConfidence(ev);
      list.append(h("li", { class: "event-item" + (low ? " low-confidence" : "") },
        h("button", { class: "linkish event-type", type: "button", onclick: () => select({ type: "event", event: ev }) }, ev.type),
        " ", factualityBadge(ev.factuality), " ", confidenceBadge(ev),
        h("div", { class: "small" }, who ? who + ": " : "", ev.evidence ? ev.evidence.text : "")));
    }
    card.append(list);
    return card;
  }

  // -- entity page --------------------------------------------------------------------------

  function dayOf(value) {
    const m = /^(\d{4})-(\d{2})-(\d{2})/.exec(String(value || ""));
    return m ? Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) : null;
  }

  /** Mentions, quotes and events on one time axis; every mark opens its article. */
  function timeline(report) {
    const lanes = [["Mentions", "m-mention"], ["Quotes", "m-quote"], ["Events", "m-event"]];
    const items = [];
    const perArticle = new Map();   // one mark per article and lane
    for (const m of report.mentions) {
      const key = m.article.id;
      if (!perArticle.has(key)) perArticle.set(key, { lane: 0, day: dayOf(m.article.published), count: 0, article: m.article.id, label: m.article.title || m.article.id });
      perArticle.get(key).count++;
    }
    items.push(...perArticle.values());
    const grouped = (lane, key, day, article, label) => {
      const id = lane + "|" + key + "|" + day;
      if (!perArticle.has(id)) perArticle.set(id, { lane, day, count: 0, article, labels: [] });
      const item = perArticle.get(id);
      item.count++;
      item.labels.push(label);
      item.label = item.labels.length === 1 ? item.labels[0] : `${item.labels.length}: ` + item.labels.join(" \u00b7 ");
    };
    for (const q of report.quotes) grouped(1, q.article_id, dayOf(q.published), q.article_id, `\u201c${q.text}\u201d`);
    for (const e of report.events) grouped(2, e.article_id, dayOf(e.time_start || e.published), e.article_id, `${e.type} (${e.role}): ${e.evidence}`);
    items.length = 0;
    items.push(...perArticle.values());
    const dated = items.filter((i) => i.day !== null);
    const width = 900;
    const left = 92;
    const right = 24;
    const laneH = 46;
    const height = 30 + lanes.length * laneH + 30;
    const svg = s("svg", { class: "timeline", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": `Timeline of ${report.name}` });
    if (!dated.length) return h("p", { class: "empty" }, "No dated mention: the articles give no publication date.");
    let min = Math.min(...dated.map((i) => i.day));
    let max = Math.max(...dated.map((i) => i.day));
    const DAY = 86400000;
    if (max - min < 2 * DAY) { min -= 3 * DAY; max += 3 * DAY; }
    const pad = (max - min) * 0.04;
    min -= pad; max += pad;
    const x = (day) => left + (day - min) / (max - min) * (width - left - right);
    lanes.forEach(([label], i) => {
      const y = 30 + i * laneH + laneH / 2;
      svg.append(s("line", { class: "lane", x1: left, x2: width - right, y1: y, y2: y }));
      svg.append(s("text", { class: "lane-label", x: 8, y: y + 4 }, label));
    });
    const axisY = 30 + lanes.length * laneH + 4;
    svg.append(s("line", { class: "axis", x1: left, x2: width - right, y1: axisY, y2: axisY }));
    const ticks = new Set();
    for (let t = 0; t <= 6; t++) ticks.add(Math.round((min + (max - min) * t / 6) / DAY) * DAY);
    for (const day of ticks) {
      if (day < min || day > max) continue;
      const d = new Date(day);
      const label = `${d.getUTCDate()} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()}`;
      const tx = x(day);
      const anchor = tx > width - right - 40 ? "end" : (tx < left + 40 ? "start" : "middle");
      svg.append(s("g", { class: "tick" }, s("line", { x1: tx, x2: tx, y1: 24, y2: axisY }), s("text", { x: tx, y: axisY + 16, "text-anchor": anchor }, label)));
    }
    const maxCount = Math.max(1, ...items.filter((i) => i.lane === 0).map((i) => i.count));
    const size = (item) => Math.min(14, 6 + 2 * Math.sqrt(item.count - 1));
    for (const item of dated) {
      const cx = x(item.day);
      const cy = 30 + item.lane * laneH + laneH / 2;
      const title = s("title", null, `${formatDate(new Date(item.day).toISOString().slice(0, 10))}: ${item.label}`);
      let shape;
      if (item.lane === 0) shape = s("circle", { class: "m-mention", cx, cy, r: 4 + 9 * Math.sqrt(item.count / maxCount) }, title);
      else if (item.lane === 1) { const r = size(item) + 1; shape = s("path", { class: "m-quote", d: `M ${cx} ${cy - r} L ${cx + r} ${cy} L ${cx} ${cy + r} L ${cx - r} ${cy} Z` }, title); }
      else { const r = size(item); shape = s("rect", { class: "m-event", x: cx - r, y: cy - r, width: 2 * r, height: 2 * r, rx: 2 }, title); }
      svg.append(s("a", { href: "#/article/" + encodeURIComponent(item.article) }, shape));
    }
    return svg;
  }

  async function viewEntity(id) {
    const token = renderToken;
    const container = main();
    container.append(loading());
    const report = await api("/entities/" + id);
    if (!current(token)) return;
    container.replaceChildren();
    const articles = new Map();
    for (const m of report.mentions) {
      if (!articles.has(m.article.id)) articles.set(m.article.id, { article: m.article, texts: [] });
      articles.get(m.article.id).texts.push(m.text);
    }
    container.append(h("div", { class: "crumbs" }, h("a", { href: "#/entities" }, "\u2190 People & places")));
    container.append(h("div", { class: "entity-head" }, h("h1", null, report.name), typeBadge(report.type)));
    if (report.aliases.length) container.append(h("p", { class: "muted" }, "Also written: " + report.aliases.join(", ")));
    const stats = h("div", { class: "stats" });
    const stat = (n, label) => stats.append(h("div", null, h("b", null, String(n)), h("span", null, label)));
    stat(report.mentions.length, "mentions");
    stat(articles.size, "articles");
    stat(report.quotes.length, "quotes");
    stat(report.events.length, "events");
    container.append(stats);
    const links = h("p", null, h("a", { class: "btn", href: "#/search?entity=" + encodeURIComponent(report.name) }, "Articles that mention it"));
    if (report.place) links.append(" ", h("a", { class: "btn", href: "#/map?place=" + report.id }, "Show on the map"),
      h("span", { class: "muted small" }, `  ${report.place.feature || "place"}${report.place.country ? ", " + report.place.country : ""} \u00b7 ${Number(report.place.lat).toFixed(3)}, ${Number(report.place.lon).toFixed(3)}`));
    container.append(links);
    container.append(h("section", { class: "card" }, h("h2", null, "Over time", h("span", { class: "count" }, "circles: mentions per article \u00b7 diamonds: quotes \u00b7 squares: events")), timeline(report)));

    const articleLink = (id, title) => h("a", { href: "#/article/" + encodeURIComponent(id) }, title || id);
    const quotes = h("section", { class: "card" }, h("h2", null, "What they said", h("span", { class: "count" }, String(report.quotes.length))));
    if (!report.quotes.length) quotes.append(h("p", { class: "empty" }, "No quote attributed."));
    const qlist = h("ul", { class: "list" });
    for (const q of report.quotes) qlist.append(h("li", { class: "quote-item" }, h("blockquote", null, `\u201c${q.text}\u201d`), h("div", { class: "small muted" }, `${q.kind}${q.cue ? ", " + q.cue : ""} \u00b7 ${formatDate(q.published)} \u00b7 `, articleLink(q.article_id, q.title))));
    quotes.append(qlist);
    const events = h("section", { class: "card" }, h("h2", null, "Events", h("span", { class: "count" }, String(report.events.length))));
    if (!report.events.length) events.append(h("p", { class: "empty" }, "No event involves it."));
    const elist = h("ul", { class: "list" });
    for (const e of report.events) elist.append(h("li", { class: "event-item" }, h("span", { class: "event-type" }, eventLabel(e.type)), " ", h("span", { class: "badge" }, e.role), " ", factualityBadge(e.factuality),
      h("div", null, e.evidence), h("div", { class: "small muted" }, formatDate(e.time_start || e.published), " \u00b7 ", articleLink(e.article_id, e.title))));
    events.append(elist);
    container.append(h("div", { class: "grid-2" }, quotes, events));
    const mentions = h("section", { class: "card" }, h("h2", null, "Mentions by article", h("span", { class: "count" }, String(articles.size))));
    const mlist = h("ul", { class: "list" });
    for (const { article, texts } of articles.values()) {
      mlist.append(h("li", null, articleLink(article.id, article.title), h("span", { class: "small muted" }, ` \u00b7 ${[article.publisher, formatDate(article.published)].filter(Boolean).join(", ")} \u00b7 ${plural(texts.length, "mention")}: ${[...new Set(texts)].join(", ")}`)));
    }
    mentions.append(mlist);
    container.append(mentions);
  }

  async function viewEntities(params) {
    const token = renderToken;
    const container = main();
    const q = params.get("q") || "";
    const type = params.get("type") || "";
    const offset = Math.max(0, Number(params.get("offset")) || 0);
    container.append(h("h1", { class: "page-title" }, "People, organisations and places"));
    container.append(h("p", { class: "lede" }, "Every name met in the corpus, the most mentioned first. Open one to see its mentions, quotes and events over time."));
    const input = h("input", { type: "search", name: "q", value: q, placeholder: "Part of a name", "aria-label": "Name" });
    const select = h("select", { name: "type", "aria-label": "Kind" }, h("option", { value: "" }, "All kinds"),
      ...[["PERSON", "People"], ["ORG", "Organisations"], ["GPE", "Places (countries, cities)"], ["LOC", "Places (regions, seas)"], ["NORP", "Groups"], ["OTHER", "Other"]].map(([v, l]) => h("option", { value: v }, l)));
    select.value = type;
    container.append(h("form", { class: "searchbar", onsubmit: (e) => { e.preventDefault(); go("/entities", { q: input.value.trim(), type: select.value }); } }, input, select, h("button", { class: "btn primary", type: "submit" }, "Find")));
    const box = h("div", null, loading());
    container.append(box);
    const page = await api("/entities", { q, type, limit: 50, offset });
    if (!current(token)) return;
    box.replaceChildren();
    if (!page.items.length) { box.append(notice("No entity matches.")); return; }
    const table = h("table", { class: "table" }, h("thead", null, h("tr", null, h("th", null, "Name"), h("th", null, "Kind"), h("th", { class: "num" }, "Mentions"), h("th", { class: "num" }, "Articles"))));
    const body = h("tbody");
    for (const e of page.items) body.append(h("tr", null, h("td", null, h("a", { href: "#/entity/" + e.id }, e.name)), h("td", null, typeBadge(e.type)), h("td", { class: "num" }, String(e.mentions)), h("td", { class: "num" }, String(e.articles))));
    table.append(body);
    box.append(h("div", { class: "card" }, table), pager(page, (next) => go("/entities", { q, type, offset: next })));
  }

  // -- map ------------------------------------------------------------------------------------

  let worldCache = null;

  /** The Equal Earth projection (Šavrič, Patterson, Jenny 2018), in unit coordinates. */
  function equalEarth(lon, lat) {
    const A1 = 1.340264, A2 = -0.081106, A3 = 0.000893, A4 = 0.003796, M = Math.sqrt(3) / 2;
    const lambda = lon * Math.PI / 180;
    const theta = Math.asin(M * Math.sin(lat * Math.PI / 180));
    const t2 = theta * theta, t6 = t2 * t2 * t2;
    const x = lambda * Math.cos(theta) / (M * (A1 + 3 * A2 * t2 + t6 * (7 * A3 + 9 * A4 * t2)));
    const y = theta * (A1 + A2 * t2 + t6 * (A3 + A4 * t2));
    return [x, y];
  }
  const MAP_W = 1000;
  const MAP_SCALE = MAP_W / (2 * equalEarth(180, 0)[0]);
  const MAP_H = Math.ceil(2 * equalEarth(0, 90)[1] * MAP_SCALE);
  const MAP_PAD = 12;
  function project(lon, lat) {
    const [x, y] = equalEarth(lon, lat);
    return [MAP_W / 2 + x * (MAP_SCALE - 2 * MAP_PAD / MAP_W * MAP_SCALE), MAP_H / 2 - y * (MAP_SCALE - 2 * MAP_PAD / MAP_W * MAP_SCALE)];
  }

  function ringPath(ring) {
    let d = "";
    ring.forEach(([lon, lat], i) => {
      const [x, y] = project(lon, lat);
      d += (i ? "L" : "M") + x.toFixed(1) + " " + y.toFixed(1);
    });
    return d + "Z";
  }

  async function viewMap(params) {
    const token = renderToken;
    const container = main();
    container.append(h("h1", { class: "page-title" }, "Where the news is"));
    container.append(h("p", { class: "lede" }, "Every place the articles mention, sized by how often. Click a point to list its articles; scroll or use + and \u2212 to zoom, drag to move."));
    const box = h("div", null, loading("Drawing the map\u2026"));
    container.append(box);
    if (!worldCache) {
      const response = await fetch("/static/world.json");
      if (!response.ok) throw new ApiError("The country outlines cannot be loaded.", response.status, "static");
      worldCache = await response.json();
    }
    const places = [];
    let offset = 0;
    for (let i = 0; i < 10; i++) {           // at most 2,000 places
      const page = await api("/places", { limit: 200, offset });
      places.push(...page.items);
      if (page.next_offset === null) break;
      offset = page.next_offset;
    }
    if (!current(token)) return;
    box.replaceChildren();

    const svg = s("svg", { class: "map", id: "map", viewBox: `0 0 ${MAP_W} ${MAP_H}`, role: "img", "aria-label": `World map with ${plural(places.length, "place")}` });
    const world = s("g", { class: "world" });
    const outline = [];
    for (let lat = -90; lat <= 90; lat += 5) outline.push([180, lat]);
    for (let lat = 90; lat >= -90; lat -= 5) outline.push([-180, lat]);
    world.append(s("path", { class: "sphere", d: ringPath(outline) }));
    let grid = "";
    for (let lon = -150; lon <= 150; lon += 30) { const line = []; for (let lat = -85; lat <= 85; lat += 5) line.push([lon, lat]); grid += ringPath(line).slice(0, -1); }
    for (let lat = -60; lat <= 60; lat += 30) { const line = []; for (let lon = -180; lon <= 180; lon += 5) line.push([lon, lat]); grid += ringPath(line).slice(0, -1); }
    world.append(s("path", { class: "graticule", d: grid }));
    const newsCountries = new Set(places.map((p) => p.country).filter(Boolean));
    for (const feature of worldCache.features || []) {
      let d = "";
      for (const polygon of feature.geometry.coordinates) for (const ring of polygon) d += ringPath(ring);
      const codes = String(feature.id || "").split("+");
      world.append(s("path", { class: "country" + (codes.some((c) => newsCountries.has(c)) ? " has-news" : ""), d, "data-country": feature.id }, s("title", null, feature.properties.name)));
    }
    const dots = s("g", { class: "points" });
    const maxMentions = Math.max(1, ...places.map((p) => p.mentions));
    const radius = (p) => 3 + 11 * Math.sqrt(p.mentions / maxMentions);
    const byId = new Map();
    for (const p of [...places].sort((a, b) => b.mentions - a.mentions)) {
      const [x, y] = project(p.lon, p.lat);
      const dot = s("circle", { class: "point", cx: x.toFixed(1), cy: y.toFixed(1), r: radius(p).toFixed(1), tabindex: "0", "data-place": p.id, "aria-label": `${p.name}: ${plural(p.mentions, "mention")}` },
        s("title", null, `${p.name} \u2014 ${plural(p.mentions, "mention")} in ${plural(p.articles, "article")}`));
      dot.addEventListener("click", (e) => { e.stopPropagation(); choose(p); });
      dot.addEventListener("keydown", (e) => { if (e.key === "Enter" || e.key === " ") { e.preventDefault(); choose(p); } });
      byId.set(p.id, dot);
      dots.append(dot);
    }
    world.append(dots);
    svg.append(world);

    // zoom and pan: the view box moves, the points keep their size on screen
    let view = { x: 0, y: 0, w: MAP_W, h: MAP_H };
    const apply = () => {
      svg.setAttribute("viewBox", `${view.x.toFixed(1)} ${view.y.toFixed(1)} ${view.w.toFixed(1)} ${view.h.toFixed(1)}`);
      const k = view.w / MAP_W;
      for (const p of places) { const dot = byId.get(p.id); if (dot) dot.setAttribute("r", (radius(p) * Math.max(k, 0.12)).toFixed(2)); }
    };
    const zoom = (factor, cx, cy) => {
      const w = Math.min(MAP_W, Math.max(MAP_W / 40, view.w / factor));
      const hgt = w * MAP_H / MAP_W;
      cx = cx === undefined ? view.x + view.w / 2 : cx;
      cy = cy === undefined ? view.y + view.h / 2 : cy;
      view = { x: cx - (cx - view.x) * (w / view.w), y: cy - (cy - view.y) * (hgt / view.h), w, h: hgt };
      clamp();
      apply();
    };
    const clamp = () => {
      view.x = Math.min(Math.max(view.x, 0), MAP_W - view.w);
      view.y = Math.min(Math.max(view.y, 0), MAP_H - view.h);
    };
    const toMap = (event) => {
      const rect = svg.getBoundingClientRect();
      return [view.x + (event.clientX - rect.left) / rect.width * view.w, view.y + (event.clientY - rect.top) / rect.height * view.h];
    };
    svg.addEventListener("wheel", (event) => { event.preventDefault(); const [mx, my] = toMap(event); zoom(event.deltaY < 0 ? 1.25 : 0.8, mx, my); }, { passive: false });
    let drag = null;
    svg.addEventListener("pointerdown", (event) => { if (event.target.classList.contains("point")) return; drag = { x: event.clientX, y: event.clientY, view: Object.assign({}, view) }; svg.classList.add("dragging"); svg.setPointerCapture(event.pointerId); });
    svg.addEventListener("pointermove", (event) => {
      if (!drag) return;
      const rect = svg.getBoundingClientRect();
      view.x = drag.view.x - (event.clientX - drag.x) / rect.width * view.w;
      view.y = drag.view.y - (event.clientY - drag.y) / rect.height * view.h;
      clamp();
      apply();
    });
    const endDrag = () => { drag = null; svg.classList.remove("dragging"); };
    svg.addEventListener("pointerup", endDrag);
    svg.addEventListener("pointercancel", endDrag);

    const tools = h("div", { class: "map-tools" },
      h("button", { type: "button", title: "Zoom in", "aria-label": "Zoom in", onclick: () => zoom(1.5) }, "+"),
      h("button", { type: "button", title: "Zoom out", "aria-label": "Zoom out", onclick: () => zoom(1 / 1.5) }, "\u2212"),
      h("button", { type: "button", title: "Whole world", "aria-label": "Whole world", onclick: () => { view = { x: 0, y: 0, w: MAP_W, h: MAP_H }; apply(); } }, "\u25cb"));
    const mapBox = h("div", { class: "map-box" }, svg, tools, h("span", { class: "map-note" }, `${plural(places.length, "place")} \u00b7 outlines: Natural Earth via countryinfo`));

    const side = h("aside");
    const chosen = h("section", { class: "card", id: "place-articles", "aria-live": "polite" }, h("h2", null, "Click a point"), h("p", { class: "muted" }, "Its articles are listed here."));
    const top = h("section", { class: "card" }, h("h2", null, "Most mentioned places"));
    const list = h("ul", { class: "list place-list" });
    for (const p of places.slice(0, 25)) list.append(h("li", null, h("button", { type: "button", "data-place": p.id, onclick: () => choose(p) }, h("span", null, p.name), h("span", { class: "faint" }, String(p.mentions)))));
    top.append(places.length ? list : h("p", { class: "empty" }, "No place with coordinates in the corpus yet."));
    side.append(chosen, top);
    box.append(h("div", { class: "map-layout" }, mapBox, side));

    async function choose(place) {
      for (const dot of svg.querySelectorAll(".point.selected")) dot.classList.remove("selected");
      for (const b of list.querySelectorAll("button.selected")) b.classList.remove("selected");
      const dot = byId.get(place.id);
      if (dot) { dot.classList.add("selected"); dots.append(dot); }
      const button = list.querySelector(`button[data-place="${Number(place.id)}"]`);
      if (button) button.classList.add("selected");
      chosen.replaceChildren(h("h2", null, place.name, h("span", { class: "count" }, plural(place.mentions, "mention"))), loading());
      const page = await api("/articles", { place: place.name, limit: 20 }).catch((e) => e);
      if (!current(token)) return;
      chosen.replaceChildren(h("h2", null, place.name, h("span", { class: "count" }, plural(place.articles, "article"))));
      if (page instanceof Error) { chosen.append(errorNotice(page)); return; }
      const articles = h("ul", { class: "list" });
      for (const a of page.items) articles.append(h("li", null, h("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title || a.id), h("div", { class: "small muted" }, [a.publisher, formatDate(a.published)].filter(Boolean).join(" \u00b7 "))));
      chosen.append(page.items.length ? articles : h("p", { class: "empty" }, "No article found."));
      chosen.append(h("p", { class: "small" }, h("a", { href: "#/entity/" + place.id }, "Timeline of " + place.name + " \u2192"), " \u00b7 ",
        h("a", { href: "#/search?place=" + encodeURIComponent(place.name) }, "Search with this place")));
    }

    const focus = Number(params.get("place"));
    const focused = places.find((p) => p.id === focus);
    if (focused) {
      const [fx, fy] = project(focused.lon, focused.lat);
      zoom(4, fx, fy);
      view.x = fx - view.w / 2; view.y = fy - view.h / 2; clamp(); apply();
      choose(focused);
    }
  }

  // -- followed sources ------------------------------------------------------------------------

  /** A time as "5 Dec 2026, 18:40" in UTC (the API gives UTC with its offset). */
  function formatTime(iso) { return iso ? formatDate(new Date(iso).toISOString()) + " UTC" : ""; }

  async function viewSources(params) {
    const token = renderToken;
    const container = main();
    const offset = Math.max(0, Number(params.get("offset")) || 0);
    container.append(h("h1", { class: "page-title" }, "Sources"));
    container.append(h("p", { class: "lede" }, "The feeds, home pages and sitemaps `newstrace follow` polls: when each was last fetched, what it brought, what went wrong."));
    const box = h("div", null, loading());
    container.append(box);
    const page = await api("/sources", { limit: 50, offset });
    if (!current(token)) return;
    box.replaceChildren();
    if (!page.items.length) { box.append(notice("No source is followed yet: run `newstrace follow FEED-URL...` (or `newstrace serve --follow sources.txt`).")); return; }
    const table = h("table", { class: "table sources" }, h("thead", null, h("tr", null, h("th", null, "Source"), h("th", null, "Status"), h("th", null, "Last fetch"), h("th", { class: "num" }, "New articles"), h("th", { class: "num" }, "All articles"), h("th", null, "Next poll"))));
    const body = h("tbody");
    for (const src of page.items) {
      const status = src.status || "not polled yet";
      const cell = h("td", null, h("span", { class: "status status-" + status.replace(/\s+/g, "-") }, status));
      if (src.error) cell.append(h("div", { class: "small error-text" }, src.error));
      if (src.errors_in_row > 1) cell.append(h("div", { class: "small muted" }, `${src.errors_in_row} failed polls in a row`));
      const name = h("td", null, h("div", { class: "source-url" }, src.url));
      if (src.feed_url && src.feed_url !== src.url) name.append(h("div", { class: "small muted" }, "feed: " + src.feed_url));
      body.append(h("tr", null, name, cell, h("td", null, formatTime(src.last_fetch)), h("td", { class: "num" }, String(src.new_articles)), h("td", { class: "num" }, String(src.total_articles)), h("td", null, formatTime(src.next_poll))));
    }
    table.append(body);
    box.append(h("div", { class: "card" }, table), pager(page, (next) => go("/sources", { offset: next })));
  }

  // -- stories ---------------------------------------------------------------------------------

  async function viewStories(params) {
    const token = renderToken;
    const container = main();
    const offset = Math.max(0, Number(params.get("offset")) || 0);
    container.append(h("h1", { class: "page-title" }, "Stories"));
    container.append(h("p", { class: "lede" }, "Articles about the same real-world event, from different outlets, grouped together; the largest first."));
    const box = h("div", null, loading());
    container.append(box);
    const page = await api("/stories", { limit: 30, offset });
    if (!current(token)) return;
    box.replaceChildren();
    if (!page.items.length) { box.append(notice("No story yet: stories are found when `newstrace ingest` ends (or with `newstrace stories --recompute`).")); return; }
    for (const story of page.items) {
      box.append(h("a", { class: "card story-card", href: "#/story/" + story.id }, h("h3", null, story.label || "Story #" + story.id), h("div", { class: "small muted" }, `${plural(story.size, "article")} \u00b7 story #${story.id}`)));
    }
    box.append(pager(page, (next) => go("/stories", { offset: next })));
  }

  /** The story's articles along time; arrows go from an origin to its copies. */
  function storyGraph(articles) {
    const width = 900;
    const rowH = 54;
    const publishers = [...new Set(articles.map((a) => a.publisher || "unknown publisher"))];
    const height = 16 + publishers.length * rowH;
    const svg = s("svg", { class: "graph", viewBox: `0 0 ${width} ${height}`, role: "img", "aria-label": "Articles of the story by date and publisher" });
    svg.append(s("defs", null, s("marker", { id: "story-arrow", viewBox: "0 0 10 10", refX: "9", refY: "5", markerWidth: "7", markerHeight: "7", orient: "auto-start-reverse" }, s("path", { d: "M 0 0 L 10 5 L 0 10 z", class: "arrow" }))));
    const days = articles.map((a) => dayOf(a.published)).filter((d) => d !== null);
    let min = days.length ? Math.min(...days) : 0;
    let max = days.length ? Math.max(...days) : 1;
    if (max - min < 86400000) { min -= 86400000; max += 86400000; }
    const left = 170, right = 200;
    const x = (a, i) => { const d = dayOf(a.published); return d === null ? left + i * 30 : left + (d - min) / (max - min) * (width - left - right); };
    const pos = new Map();
    const used = new Map();
    articles.forEach((a, i) => {
      const row = publishers.indexOf(a.publisher || "unknown publisher");
      let px = x(a, i);
      const key = row + ":" + Math.round(px / 20);
      const n = used.get(key) || 0;
      used.set(key, n + 1);
      px += n * 16;
      pos.set(a.id, [px, 8 + row * rowH + rowH / 2]);
    });
    publishers.forEach((p, row) => svg.append(s("text", { class: "edge-label", x: 8, y: 8 + row * rowH + rowH / 2 + 4 }, p.length > 24 ? p.slice(0, 23) + "\u2026" : p)));
    for (const a of articles) {
      if (!a.origin_id || a.origin_id === a.id || !pos.has(a.origin_id)) continue;
      const [x1, y1] = pos.get(a.origin_id);
      const [x2, y2] = pos.get(a.id);
      svg.append(s("path", { class: "edge", d: `M ${x1} ${y1} C ${(x1 + x2) / 2} ${y1}, ${(x1 + x2) / 2} ${y2}, ${x2 - 9} ${y2}`, "marker-end": "url(#story-arrow)" }));
      svg.append(s("text", { class: "edge-label", x: (x1 + x2) / 2, y: (y1 + y2) / 2 - 4, "text-anchor": "middle" }, `${a.relation || "copy"}${a.similarity !== null && a.similarity !== undefined ? " " + Math.round(a.similarity * 100) + "%" : ""}`));
    }
    for (const a of articles) {
      const [cx, cy] = pos.get(a.id);
      const label = (a.title || a.id);
      svg.append(s("a", { href: "#/article/" + encodeURIComponent(a.id) }, s("g", { class: "node" + (a.origin_id ? "" : " publisher") },
        s("title", null, `${a.title || a.id} \u2014 ${a.publisher || ""} ${formatDate(a.published)}`),
        s("circle", { cx, cy, r: 8, class: "story-node", fill: a.origin_id ? "#ffffff" : "#1f5fbf", stroke: "#1f5fbf", "stroke-width": 2 }),
        s("text", { x: cx + 13, y: cy + 4 }, label.length > 28 ? label.slice(0, 27) + "\u2026" : label),
        s("text", { class: "edge-label", x: cx + 13, y: cy + 18 }, formatDate(a.published)))));
    }
    return svg;
  }

  async function viewStory(id) {
    const token = renderToken;
    const container = main();
    container.append(loading());
    const story = await api("/stories/" + id);
    if (!current(token)) return;
    container.replaceChildren();
    container.append(h("div", { class: "crumbs" }, h("a", { href: "#/stories" }, "\u2190 Stories")));
    container.append(h("h1", { class: "page-title" }, story.label || "Story #" + story.id));
    container.append(h("p", { class: "lede" }, `${plural(story.size, "article")}. Filled circles are originals; arrows lead from an original to its reprints, rewrites and translations.`));
    container.append(h("section", { class: "card" }, h("h2", null, "Articles and lineage"), storyGraph(story.articles)));
    const table = h("table", { class: "table" }, h("thead", null, h("tr", null, h("th", null, "Published"), h("th", null, "Publisher"), h("th", null, "Title"), h("th", null, "Lineage"))));
    const body = h("tbody");
    const titles = new Map(story.articles.map((a) => [a.id, a.title || a.id]));
    for (const a of story.articles) {
      body.append(h("tr", null, h("td", null, formatDate(a.published)), h("td", null, a.publisher || ""),
        h("td", null, h("a", { href: "#/article/" + encodeURIComponent(a.id) }, a.title || a.id)),
        h("td", { class: "small" }, a.origin_id && a.origin_id !== a.id ? [`${a.relation || "copy"} of `, h("a", { href: "#/article/" + encodeURIComponent(a.origin_id) }, titles.get(a.origin_id) || a.origin_id)] : "original")));
    }
    table.append(body);
    container.append(h("section", { class: "card" }, table));
    container.append(h("p", null, h("a", { class: "btn", href: "#/search?story=" + story.id }, "Search within this story")));
  }

  // -- analyse pasted text ------------------------------------------------------------------

  function viewAnalyze() {
    const container = main();
    container.append(h("h1", { class: "page-title" }, "Analyse an article"));
    container.append(h("p", { class: "lede" }, "Paste a page's HTML, text copied from a page, or clean text. It is analysed on this machine and shown below; nothing is stored."));
    const area = h("textarea", { name: "content", "aria-label": "Article", placeholder: "Paste the article here\u2026", required: true });
    const type = h("select", { name: "content_type" }, ...[["auto", "Guess"], ["text", "Text copied from a page"], ["html", "HTML"], ["plain", "Clean text (kept exactly)"]].map(([v, l]) => h("option", { value: v }, l)));
    const url = h("input", { type: "url", name: "url", placeholder: "https://\u2026 (optional)" });
    const published = h("input", { type: "date", name: "published" });
    const button = h("button", { class: "btn primary", type: "submit" }, "Analyse");
    const out = h("div", { "aria-live": "polite" });
    const form = h("form", { class: "card analyze-form", onsubmit: async (event) => {
      event.preventDefault();
      if (!area.value.trim()) { out.replaceChildren(notice("Paste an article first.", "error")); return; }
      button.disabled = true;
      out.replaceChildren(loading("Analysing (the first time takes a few seconds while the language model loads)\u2026"));
      try {
        const result = await api("/analyze", null, { method: "POST", headers: { "Content-Type": "application/json", Accept: "application/json" },
          body: JSON.stringify({ content: area.value, content_type: type.value, url: url.value || null, published: published.value || null }) });
        out.replaceChildren();
        drawDossier(out, result.dossier, null, null);
      } catch (error) {
        out.replaceChildren(errorNotice(error));
      } finally {
        button.disabled = false;
      }
    } }, area, h("div", { class: "row" }, h("label", { class: "field" }, "What it is", type), h("label", { class: "field" }, "Address", url), h("label", { class: "field" }, "Published", published), button));
    container.append(form, out);
  }

  // -- start ------------------------------------------------------------------------------------

  async function showCount() {
    try {
      const health = await api("/health");
      document.getElementById("corpus-count").textContent = plural(health.articles, "article") + (health.writable ? "" : " \u00b7 read-only");
    } catch (e) { /* the views say what is wrong */ }
  }

  window.addEventListener("hashchange", render);
  document.addEventListener("DOMContentLoaded", () => { render(); showCount(); });
})();
