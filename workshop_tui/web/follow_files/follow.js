// The follow-along page keeps up by itself: the server sends each change of what the page says
// (server-sent events from /follow/events), and each part that changed is swapped in. A part is
// touched only when its words change, so the live region (#now, role="status") makes a screen
// reader say the step and the time once a minute at most, and at once when the facilitator moves on.
"use strict";
(() => {
  const parse = document.createElement("template");
  const link = document.getElementById("link");
  const LOST = "<p>This page has lost touch with the facilitator's laptop. It keeps trying.</p>";
  let lostTimer = null;
  const events = new EventSource("/follow/events");
  events.addEventListener("page", (message) => {
    const page = JSON.parse(message.data);
    for (const [part, html] of Object.entries(page.parts)) {
      const element = document.getElementById(part);
      if (!element) continue;
      parse.innerHTML = html;  // as the browser writes it, to compare like with like
      if (element.innerHTML !== parse.innerHTML) element.innerHTML = parse.innerHTML;
    }
    document.body.dataset.version = String(page.version);
  });
  events.addEventListener("open", () => {
    clearTimeout(lostTimer);
    lostTimer = null;
  });
  events.addEventListener("error", () => {
    if (events.readyState === EventSource.CLOSED) {
      // Refused (serve was started again, so its join code is new): the page asks for it again.
      setTimeout(() => window.location.reload(), 5000);
      return;
    }
    // Trying again: say so only if it goes on, so a moment's gap makes no noise.
    if (lostTimer === null) lostTimer = setTimeout(() => { link.innerHTML = LOST; }, 10000);
  });
})();
