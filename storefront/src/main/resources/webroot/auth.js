// Signing in with Tadamon's identity provider (Keycloak, OpenID Connect), from the browser: the
// authorization code flow with PKCE, so the page holds no secret. Tokens are kept for this tab only
// (sessionStorage, gone when the tab closes), so that going from a product's page to the cart or the
// portal keeps the person signed in; nothing is written to lasting storage. The access token is
// renewed with the refresh token shortly before it expires; in a new tab, Keycloak's own session
// signs the person in again without a form (prompt=none), or the page asks.
'use strict';

window.TADAMON_SESSION = (() => {
  const OIDC = '/auth/realms/tadamon/protocol/openid-connect';
  const CLIENT = 'tadamon-web';
  const PENDING = 'tadamon.signIn';          // this tab, only between leaving for Keycloak and coming back
  const SILENT_TRIED = 'tadamon.silentTried';
  const TOKENS = 'tadamon.tokens';           // this tab's tokens, across its pages
  let tokens = null;
  let renewal = null;

  const base64url = bytes => btoa(String.fromCharCode(...bytes)).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  const random = size => base64url(crypto.getRandomValues(new Uint8Array(size)));

  function claimsOf(jwt) {
    try {
      return JSON.parse(new TextDecoder().decode(Uint8Array.from(
        atob(jwt.split('.')[1].replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0))));
    } catch (e) {
      return null;
    }
  }

  /** Whether Keycloak answers at all: when it does not, the page says so rather than leave for nothing. */
  async function reachable() {
    try {
      const answer = await fetch('/auth/realms/tadamon/.well-known/openid-configuration',
        { cache: 'no-store', signal: AbortSignal.timeout(5000) });
      return answer.ok;
    } catch (e) {
      return false;
    }
  }

  /**
   * Leaves for Keycloak's sign-in page (or, with `silent`, only asks whether a session exists; with
   * `loginHint`, the username filled in), and comes back to `returnTo`. Resolves false, without leaving, when Keycloak cannot be reached.
   */
  async function signIn(returnTo, lang, { register = false, silent = false, loginHint = null } = {}) {
    if (!await reachable()) return false;
    const verifier = random(48);
    const state = random(16);
    const digest = new Uint8Array(await crypto.subtle.digest('SHA-256', new TextEncoder().encode(verifier)));
    sessionStorage.setItem(PENDING, JSON.stringify({ verifier, state, returnTo }));
    const query = new URLSearchParams({
      client_id: CLIENT, response_type: 'code', scope: 'openid', redirect_uri: location.origin + '/',
      state, code_challenge: base64url(digest), code_challenge_method: 'S256', ui_locales: lang });
    if (register) query.set('prompt', 'create');
    if (silent) query.set('prompt', 'none');
    if (loginHint) query.set('login_hint', loginHint);
    location.assign(OIDC + '/auth?' + query);
    return true;
  }

  /** Tries once per page address to sign in without a form; false when it did not leave. */
  async function signInSilently(returnTo, lang) {
    if (sessionStorage.getItem(SILENT_TRIED) === returnTo) return false;
    sessionStorage.setItem(SILENT_TRIED, returnTo);
    return signIn(returnTo, lang, { silent: true });
  }

  /**
   * On coming back from Keycloak (/?state=…&code=…): exchanges the code for tokens and puts the
   * page back where it was. Resolves true when the person is now signed in.
   */
  async function completeSignIn() {
    const params = new URLSearchParams(location.search);
    if (!params.has('state')) return false;
    const pending = JSON.parse(sessionStorage.getItem(PENDING) || 'null');
    sessionStorage.removeItem(PENDING);
    history.replaceState(null, '', location.pathname + ((pending && pending.returnTo) || ''));
    if (!pending || pending.state !== params.get('state') || !params.get('code')) return false;
    const answer = await fetch(OIDC + '/token', { method: 'POST', body: new URLSearchParams({
      grant_type: 'authorization_code', code: params.get('code'), redirect_uri: location.origin + '/',
      client_id: CLIENT, code_verifier: pending.verifier }) });
    if (!answer.ok) return false;
    keep(await answer.json());
    sessionStorage.removeItem(SILENT_TRIED);
    return true;
  }

  function keep(answer) {
    tokens = answer;
    sessionStorage.setItem(TOKENS, JSON.stringify({ ...answer, kept_at: Date.now() }));
    clearTimeout(renewal);
    renewal = setTimeout(renew, Math.max(5, answer.expires_in - 30) * 1000);
  }

  function forget() {
    tokens = null;
    sessionStorage.removeItem(TOKENS);
    clearTimeout(renewal);
  }

  /** The tokens this tab kept from a page before: renewed at once when they are about to expire. */
  function resume() {
    const kept = JSON.parse(sessionStorage.getItem(TOKENS) || 'null');
    if (!kept || !kept.refresh_token) return;
    tokens = kept;
    const left = kept.expires_in * 1000 - (Date.now() - kept.kept_at);
    renewal = setTimeout(renew, Math.max(0, left - 30000));
  }

  async function renew() {
    if (!tokens) return;
    try {
      const answer = await fetch(OIDC + '/token', { method: 'POST', body: new URLSearchParams({
        grant_type: 'refresh_token', refresh_token: tokens.refresh_token, client_id: CLIENT }) });
      if (answer.ok) { keep(await answer.json()); return; }
    } catch (e) { /* Keycloak out of reach: try again shortly, while the access token lasts */ }
    if (claimsOf(tokens.access_token).exp * 1000 > Date.now() + 10000) {
      renewal = setTimeout(renew, 10000);
    } else {
      forget();
      window.dispatchEvent(new Event('tadamon-signed-out'));
    }
  }

  function signOut() {
    const idToken = tokens && tokens.id_token;
    forget();
    const query = new URLSearchParams({ client_id: CLIENT, post_logout_redirect_uri: location.origin + '/' });
    if (idToken) query.set('id_token_hint', idToken);
    location.assign(OIDC + '/logout?' + query);
  }

  resume();

  return {
    signIn, signInSilently, completeSignIn, signOut, reachable,
    /** The signed-in person's claims (roles, coop, name), or null. */
    who: () => tokens && claimsOf(tokens.access_token),
    /** The header for the APIs, or nothing for a guest. */
    authorization: () => tokens ? { Authorization: 'Bearer ' + tokens.access_token } : {},
  };
})();
