// The playground page: pick a member, post to the simulated group, watch the bot live.
// Plain browser JavaScript, no build step; talks to /api/playground/*.

const API = "/api/playground";
const SAMPLES = {
  demand: "各位同事：明天上午9点在三楼会议室开安全生产会议，请准时参加。收到请回复！",
  proof: "今天下班前请大家把工位整理好，拍照发群里。",
  notice: "/jianfu notice 周五下午三点消防演练，请各科室安排好人员。 截止 17:30",
};

// notices: transcript line id (the notice's "ref") -> the notice, as /notices gives it
const state = { members: [], me: null, seen: new Set(), digestWeek: "this", notices: new Map() };
const $ = (id) => document.getElementById(id);

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined) node.textContent = text;
  return node;
}

function clock(iso) {
  const t = new Date(iso);
  return Number.isNaN(t.getTime()) ? "" : t.toLocaleTimeString("zh-CN", { hour12: false });
}

function when(iso) {
  const t = new Date(iso);
  if (Number.isNaN(t.getTime())) return "";
  const sameDay = t.toDateString() === new Date().toDateString();
  const day = sameDay ? "" : `${t.getMonth() + 1}-${t.getDate()} `;
  return day + t.toLocaleTimeString("zh-CN", { hour12: false, hour: "2-digit", minute: "2-digit" });
}

function showError(text) {
  const box = $("error");
  box.textContent = text || "";
  box.hidden = !text;
}

async function api(path, options) {
  const response = await fetch(API + path, options);
  const body = await response.json().catch(() => ({}));
  if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
  return body;
}

function renderMembers() {
  const list = $("members");
  list.replaceChildren();
  for (const member of state.members) {
    const button = el("button", "member", member.name);
    button.type = "button";
    button.dataset.member = member.name;
    button.setAttribute("aria-pressed", String(member.name === state.me));
    if (member.admin) button.append(el("span", "owner-tag", "群主"));
    button.addEventListener("click", () => selectMember(member.name));
    const item = el("li");
    item.append(button);
    list.append(item);
  }
  $("as").textContent = `以 ${state.me} 身份:`;
}

function selectMember(name) {
  state.me = name;
  renderMembers();
  renderTranscriptSides();
  renderNotices();
  loadInbox();
  $("text").focus();
}

function addEntry(entry) {
  if (state.seen.has(entry.id)) return;
  state.seen.add(entry.id);
  const item = el("li", entry.bot ? "entry bot" : "entry");
  item.dataset.sender = entry.sender;
  item.dataset.bot = String(entry.bot);
  const who = entry.bot ? "减负机器人 jianfu" : entry.sender;
  item.dataset.id = String(entry.id);
  item.append(el("div", "meta", `${who} · ${clock(entry.time)}`), el("div", "bubble", entry.text));
  const list = $("transcript");
  list.append(item);
  renderNotice(item);
  item.classList.toggle("me", !entry.bot && entry.sender === state.me);
  list.scrollTop = list.scrollHeight;
}

function renderTranscriptSides() {
  for (const item of $("transcript").children) {
    item.classList.toggle("me", item.dataset.bot === "false" && item.dataset.sender === state.me);
  }
}

// A silent notice's line gets a confirm button for whoever the page speaks as, and the count.
function renderNotice(item) {
  const notice = state.notices.get(item.dataset.id);
  item.querySelector(".notice-bar")?.remove();
  if (!notice) return;
  item.dataset.notice = String(notice.id);
  const bar = el("div", "notice-bar");
  const total = notice.confirmed.length + notice.pending.length;
  const count = el("span", "notice-count", `已确认 ${notice.confirmed.length}/${total} confirmed`);
  if (notice.poster !== state.me) {
    const done = notice.confirmed.some((c) => c.member === state.me);
    const button = el("button", "confirm", done ? "已确认 Confirmed" : "确认已读 Confirm");
    button.type = "button";
    button.disabled = done;
    button.addEventListener("click", () => confirmNotice(notice.id));
    bar.append(button);
  }
  bar.append(count);
  item.append(bar);
}

function renderNotices() {
  for (const item of $("transcript").children) renderNotice(item);
}

function showNotices(notices) {
  state.notices = new Map(notices.map((n) => [String(n.ref), n]));
  renderNotices();
}

async function confirmNotice(id) {
  try {
    showNotices(
      await api(`/notices/${id}/confirm`, {
        method: "POST",
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ sender: state.me }),
      }),
    );
    showError("");
  } catch (error) {
    showError(`确认失败 Confirm failed: ${error.message}`);
  }
}

function addPrivate(entry) {
  const item = el("li");
  item.append(el("span", "meta", `减负机器人 jianfu → ${entry.to} · ${clock(entry.time)}`), entry.text);
  $("inbox").append(item);
  $("no-inbox").hidden = true;
}

async function loadInbox() {
  const me = state.me;
  $("inbox-who").textContent = `${me} 收到的私信`;
  const entries = await api(`/private?member=${encodeURIComponent(me)}`);
  if (me !== state.me) return;
  $("inbox").replaceChildren();
  entries.forEach(addPrivate);
  $("no-inbox").hidden = entries.length > 0;
}

function renderIncidents(incidents) {
  const list = $("incidents");
  list.replaceChildren();
  for (const incident of incidents) {
    const item = el("li", "incident");
    item.dataset.kind = incident.kind;
    item.append(
      el("div", "kind", [incident.label, incident.label_en].filter(Boolean).join(" ") || incident.kind),
      el("div", "counts", `${incident.members} 人 members · ${incident.messages} 条 messages · ${clock(incident.start)}`),
      el("div", "trigger", `“${incident.trigger}”${incident.demand_by ? " — " + incident.demand_by : ""}`),
    );
    if (incident.reminded) item.append(el("div", "reminded", "已提醒 reminder posted"));
    if (incident.held_reason) {
      const until = incident.held_until ? `（至 ${when(incident.held_until)}）` : "";
      const why = `未提醒：${incident.held_label}${until} · not reminded: ${incident.held_label_en}`;
      const held = el("div", "held", why);
      held.dataset.held = incident.held_reason;
      item.append(held);
    }
    list.append(item);
  }
  $("no-incidents").hidden = incidents.length > 0;
}

async function post(sender, text) {
  return api("/messages", {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ sender, text }),
  });
}

async function send(event) {
  event.preventDefault();
  const box = $("text");
  const text = box.value;
  if (!text.trim()) return;
  $("send").disabled = true;
  try {
    addEntry(await post(state.me, text));
    box.value = "";
    showError("");
  } catch (error) {
    showError(`发送失败 Send failed: ${error.message}`);
  } finally {
    $("send").disabled = false;
    box.focus();
  }
}

async function pileUp() {
  try {
    for (const member of state.members.filter((m) => !m.admin)) addEntry(await post(member.name, "收到"));
    showError("");
  } catch (error) {
    showError(`发送失败 Send failed: ${error.message}`);
  }
}

function connect(delay = 500) {
  const scheme = location.protocol === "https:" ? "wss" : "ws";
  const socket = new WebSocket(`${scheme}://${location.host}${API}/ws`);
  const badge = $("connection");
  socket.addEventListener("open", () => {
    badge.textContent = "已连接 live";
    badge.className = "badge online";
    refresh();
  });
  socket.addEventListener("message", (event) => {
    const data = JSON.parse(event.data);
    if (data.type === "message") addEntry(data.message);
    if (data.type === "notices") {
      showNotices(data.notices);
      loadDigest(); // the digest counts the notices and their silent confirmations
    }
    if (data.type === "private" && data.to === state.me) addPrivate(data.message);
    if (data.type === "incidents") {
      renderIncidents(data.incidents);
      loadDigest();
    }
  });
  socket.addEventListener("close", () => {
    badge.textContent = "未连接 offline";
    badge.className = "badge offline";
    setTimeout(() => connect(Math.min(delay * 2, 10000)), delay);
  });
}

async function loadDigest() {
  for (const button of document.querySelectorAll("[data-week]")) {
    button.setAttribute("aria-pressed", String(button.dataset.week === state.digestWeek));
  }
  try {
    const digest = await api(`/digest?week=${encodeURIComponent(state.digestWeek)}`);
    const chart = `${digest.chart}&t=${Date.now()}`;
    $("digest-text").textContent = digest.text;
    $("digest-chart").src = chart;
    $("digest-link").href = chart;
    $("digest").dataset.week = digest.week;
  } catch (error) {
    $("digest-text").textContent = `周报加载失败 Digest failed: ${error.message}`;
  }
}

async function refresh() {
  const [messages, incidents, notices] = await Promise.all([
    api("/messages"),
    api("/incidents"),
    api("/notices"),
  ]);
  messages.forEach(addEntry);
  renderIncidents(incidents);
  showNotices(notices);
  await loadInbox();
}

async function main() {
  state.members = await api("/members");
  state.me = state.members.find((m) => !m.admin)?.name || state.members[0].name;
  renderMembers();
  $("composer").addEventListener("submit", send);
  $("text").addEventListener("keydown", (event) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) send(event);
  });
  for (const button of document.querySelectorAll("[data-sample]")) {
    button.addEventListener("click", () => {
      $("text").value = SAMPLES[button.dataset.sample];
      $("text").focus();
    });
  }
  $("pileup").addEventListener("click", pileUp);
  for (const button of document.querySelectorAll("[data-week]")) {
    button.addEventListener("click", () => {
      state.digestWeek = button.dataset.week;
      loadDigest();
    });
  }
  await refresh();
  await loadDigest();
  connect();
  document.body.dataset.ready = "true";
}

main().catch((error) => showError(`加载失败 Failed to load: ${error.message}`));
