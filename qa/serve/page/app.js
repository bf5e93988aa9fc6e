// The chat page of `qa serve`: questions go to POST /chat, each reply is shown as the answer
// and its cited passages, and a citation opens its article at the passage.
// Article text is untrusted: it only ever becomes text nodes (Node.append of strings,
// textContent), never markup.
"use strict";

const TOKEN_KEY = "qa-token";
const NOT_FOUND = "the articles do not answer this question well.";
const ASKED_NOTHING = "nothing was asked, so nothing is answered.";  // words that ask nothing

const $ = (id) => document.getElementById(id);
const log = $("log");
const question = $("question");
const tokenForm = $("token-form");
const dialog = $("article");

let session = null; // the server's id for this conversation; null starts a new one
let busy = false;
let retry = null; // what to do again once a token is given

class ApiError extends Error {
  constructor(message, status) {
    super(message);
    this.status = status;
  }
}

// An element with a class and children; strings become text nodes, never markup.
function el(tag, className, ...children) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  node.append(...children);
  return node;
}

// Where `points` code points into `text` end, in UTF-16 units: qa's offsets count code
// points (Python), JavaScript strings count units.
function unitIndex(text, points) {
  let i = 0;
  for (let n = 0; n < points && i < text.length; n++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return i;
}

// `text` as [before, <mark>start..end</mark>, after], offsets in code points.
function marked(text, start, end) {
  const a = unitIndex(text, start);
  const b = a + unitIndex(text.slice(a), end - start);
  return [text.slice(0, a), el("mark", "", text.slice(a, b)), text.slice(b)];
}

async function api(path, body) {
  const headers = {};
  const token = sessionStorage.getItem(TOKEN_KEY);
  if (token) headers.Authorization = `Bearer ${token}`;
  const init = { headers };
  if (body !== undefined) {
    headers["Content-Type"] = "application/json";
    Object.assign(init, { method: "POST", body: JSON.stringify(body) });
  }
  let response;
  try {
    response = await fetch(path, init);
  } catch (err) {
    throw new ApiError(`Cannot reach qa serve (${err.message}). Is it still running?`, 0);
  }
  let data;
  try {
    data = await response.json();
  } catch {
    throw new ApiError(`The server replied ${response.status} without JSON.`, response.status);
  }
  if (!response.ok) {
    throw new ApiError(data.error || `The server replied ${response.status}.`, response.status);
  }
  return data;
}

function showError(message) {
  $("error").textContent = message;
  $("error").hidden = !message;
}

// Run `action`, showing its error; a 401 asks for the token and runs it again with it.
async function attempt(action) {
  showError("");
  try {
    await action();
  } catch (err) {
    if (err.status !== 401) {
      showError(err.message);
      return;
    }
    if (sessionStorage.getItem(TOKEN_KEY)) {
      sessionStorage.removeItem(TOKEN_KEY);
      showError("That token was refused. Enter the token qa serve was started with.");
    }
    retry = action;
    tokenForm.hidden = false;
    $("token").focus();
  }
}

function setBusy(on) {
  busy = on;
  $("ask-button").disabled = on;
  log.setAttribute("aria-busy", String(on));
  $("status").textContent = on ? "Searching…" : "";
}

async function ask(text) {
  setBusy(true);
  try {
    const reply = await api("chat", { question: text, session });
    session = reply.session;
    const node = turn(reply);
    $("hint").hidden = true;
    log.append(node);
    if (node.previousElementSibling) node.scrollIntoView({ block: "start" });
    question.value = "";
    // The link gives the same answer: a follow-up is shared as what was searched.
    const shared = new URLSearchParams({ q: reply.interpreted_as || text });
    history.replaceState(null, "", `?${shared}`);
  } finally {
    setBusy(false);
  }
}

// "Reuters 2023-09-21": who else says it, as the CLI writes it.
function by(citation) {
  const who = citation.source || `“${citation.title}”`;
  return citation.date ? `${who} ${citation.date}` : who;
}

function turn(reply) {
  const node = el("article", "turn", el("h2", "question", reply.question));
  if (reply.interpreted_as) {
    node.append(el("p", "interpreted", `Interpreted as: ${reply.interpreted_as}`));
  }
  for (const note of reply.notes) node.append(el("p", "note", `Note: ${note}`));
  if (reply.dates) node.append(el("p", "dates", `Searched: ${reply.dates}`));
  const answer = reply.answer;
  if (answer) {
    const source = reply.passages[answer.rank - 1];
    node.append(el("p", "answer", el("strong", "", "Answer: "), answer.text, " ",
                   citeButton(source.citation, `[${answer.rank}]`)));
    if (answer.support.length) {
      node.append(el("p", "agreement",
                     `Also reported by: ${answer.support.map(by).join("; ")}`));
    }
    if (answer.conflicts.length) {
      const others = answer.conflicts.map((c) => `${c.value} in ${by(c.citation)}`);
      node.append(el("p", "agreement",
                     `Sources differ: ${["the answer above", ...others].join(" / ")}`));
    }
  } else {
    const nothing = reply.notes.some((n) => n.includes("\u201d asks nothing: "));
    node.append(el("p", "answer not-found", el("strong", "", "Not found: "),
                   nothing ? ASKED_NOTHING : NOT_FOUND));
  }
  if (reply.passages.length) {
    node.append(el("h3", "", answer ? "Sources" : "Closest passages (they may not answer it)"),
                el("ol", "passages", ...reply.passages.map((p) => card(p, answer))));
  }
  return node;
}

function citeButton(citation, ...children) {
  const button = el("button", "", ...children);
  button.type = "button";
  button.title = "Open the article at this passage";
  button.addEventListener("click", () => attempt(() => openArticle(citation)));
  return button;
}

function card(passage, answer) {
  const c = passage.citation;
  const meta = [c.source || "source unknown", c.date || "undated", `¶ ${c.paragraph}`, c.path];
  const cite = citeButton(c, el("span", "rank", `[${passage.rank}]`), " ",
                          el("span", "title", c.title), el("span", "meta", meta.join(" — ")));
  cite.className = "cite";
  const h = passage.highlight;
  const text = h ? marked(passage.text, h.start, h.end) : [passage.text];
  const item = el("li", "passage", cite, el("blockquote", "", ...text));
  if (answer && passage.rank === answer.rank) item.classList.add("answers");
  if (passage.also_in) {
    item.append(el("p", "also", `Also in: ${passage.also_in.map((a) => a.path).join("; ")}`));
  }
  return item;
}

async function openArticle(citation) {
  const article = await api(`articles/${encodeURIComponent(citation.article_id)}`);
  $("article-title").textContent = article.title;
  $("article-meta").textContent = [article.source || "source unknown",
                                   article.date || "undated", article.path].join(" — ");
  const body = $("article-body");
  body.replaceChildren(...marked(article.body, citation.start, citation.end));
  dialog.showModal();
  body.querySelector("mark").scrollIntoView({ block: "center" });
}

$("ask").addEventListener("submit", (event) => {
  event.preventDefault();
  const text = question.value.trim();
  if (text && !busy) attempt(() => ask(text));
});

tokenForm.addEventListener("submit", (event) => {
  event.preventDefault();
  sessionStorage.setItem(TOKEN_KEY, $("token").value.trim());
  $("token").value = "";
  tokenForm.hidden = true;
  const action = retry;
  retry = null;
  if (action) attempt(action);
});

$("new-conversation").addEventListener("click", () => {
  session = null;
  log.replaceChildren();
  $("hint").hidden = false;
  showError("");
  history.replaceState(null, "", location.pathname);
  question.focus();
});

$("article-close").addEventListener("click", () => dialog.close());

const asked = new URLSearchParams(location.search).get("q");
if (asked && asked.trim()) {
  question.value = asked;
  attempt(() => ask(asked.trim()));
}
