// Who is signed in, on every board: a bar with the user, the role and a sign-out link, the development-mode banner,
// and a 401 from any API call (session expired, account disabled) sends the browser to the sign-in page.
const loginUrl = () => "/login?returnUrl=" + encodeURIComponent(window.location.pathname + window.location.search);

const originalFetch = window.fetch.bind(window);
window.fetch = async (...args) => {
  const response = await originalFetch(...args);
  if (response.status === 401) window.location.assign(loginUrl());
  return response;
};

async function showSession() {
  let me;
  try {
    const response = await originalFetch("/api/auth/me", { cache: "no-store", headers: { Accept: "application/json" } });
    if (response.status === 401) { window.location.assign(loginUrl()); return; }
    if (!response.ok) return;
    me = await response.json();
  } catch {
    return;
  }
  const bar = document.createElement("div");
  bar.className = "session-bar";
  bar.id = "session";
  const who = document.createElement("span");
  who.id = "session-user";
  who.textContent = `Signed in as ${me.name} (${me.role}${me.scope.length ? " · " + me.scope.join(", ") : ""})`;
  const out = document.createElement("a");
  out.id = "sign-out";
  out.href = "/logout";
  out.textContent = "Sign out";
  bar.append(who, out);
  document.body.prepend(bar);
  if (me.development) {
    const banner = document.createElement("p");
    banner.className = "dev-banner";
    banner.id = "dev-banner";
    banner.setAttribute("role", "note");
    banner.textContent = "Development mode: demo users and demo passwords are active. Never use this mode with real patients.";
    document.body.prepend(banner);
  }
}

showSession();
