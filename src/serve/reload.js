(() => {
  const ID = "__upfront_overlay";
  const es = new EventSource("/__upfront/events");
  const here = () => decodeURIComponent(location.pathname).replace(/index\.html$/, "");
  es.addEventListener("reload", (e) => {
    const paths = JSON.parse(e.data);
    if (paths.includes("*") || paths.includes(here()) || paths.some((p) => /\.(css|js)$/.test(p))) location.reload();
  });
  es.addEventListener("errors", (e) => show(JSON.parse(e.data)));
  es.addEventListener("clear", () => document.getElementById(ID)?.remove());
  es.addEventListener("warnings", (e) => warn(JSON.parse(e.data)));
  // Warnings never block: a panel in a corner, folded or open as the author last left it.
  const WID = "__upfront_warnings";
  const FOLD = "upfront-warnings-folded";
  function warn(text) {
    let w = document.getElementById(WID);
    if (!text) {
      w?.remove();
      return;
    }
    if (!w) {
      w = document.createElement("details");
      w.id = WID;
      w.style.cssText = "position:fixed;right:1rem;bottom:1rem;z-index:2147483646;max-width:min(48rem,calc(100vw - 2rem));max-height:60vh;overflow:auto;background:#fffbe6;color:#1a1a1a;border:2px solid #8a6d00;border-radius:6px;font:14px/1.5 ui-monospace,monospace;padding:.5rem 1rem";
      w.open = sessionStorage.getItem(FOLD) !== "1";
      w.addEventListener("toggle", () => sessionStorage.setItem(FOLD, w.open ? "0" : "1"));
      document.body.appendChild(w);
    }
    const count = (text.match(/^(warning|note)\[/gm) || []).length;
    const summary = document.createElement("summary");
    summary.style.cssText = "cursor:pointer;min-height:24px;font-weight:700";
    summary.textContent = "upfront check: " + count + (count === 1 ? " finding" : " findings") + " to look at (the page still builds)";
    const pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = text;
    w.replaceChildren(summary, pre);
  }
  function show(text) {
    let o = document.getElementById(ID);
    if (!o) {
      o = document.createElement("div");
      o.id = ID;
      o.setAttribute("role", "alert");
      o.style.cssText = "position:fixed;inset:0;z-index:2147483647;overflow:auto;background:rgba(24,24,24,.95);color:#fff;font:14px/1.5 ui-monospace,monospace;padding:2rem";
      document.body.appendChild(o);
    }
    const title = document.createElement("strong");
    title.textContent = "upfront serve: the last edit has errors — this page is the last good build";
    const pre = document.createElement("pre");
    pre.style.whiteSpace = "pre-wrap";
    pre.textContent = text;
    const close = document.createElement("button");
    close.textContent = "Dismiss";
    close.onclick = () => o.remove();
    o.replaceChildren(title, pre, close);
  }
})();
