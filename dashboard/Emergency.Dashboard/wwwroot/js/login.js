// The sign-in form: carries the page asked for (returnUrl) through the POST, says why a sign-in failed, and shows
// the demo users when the service runs in development mode.
const query = new URLSearchParams(window.location.search);
const returnUrl = query.get("returnUrl");
if (returnUrl && returnUrl.startsWith("/") && !returnUrl.startsWith("//")) {
  document.getElementById("returnUrl").value = returnUrl;
}
const error = query.get("error");
if (error) {
  const box = document.getElementById("login-error");
  box.textContent = error === "throttled"
    ? "Too many failed sign-ins. Wait a few minutes and try again."
    : "Unknown user name or wrong password.";
  box.hidden = false;
}
if (document.body.dataset.development === "true") {
  document.getElementById("dev-banner").hidden = false;
}
