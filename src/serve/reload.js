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
