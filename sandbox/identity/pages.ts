/**
 * HTML for the identity pages: Xero-style error page (no redirect), demo log-in and the consent page. Plain,
 * accessible markup: every control has a visible label, buttons have names, errors use role="alert", so people
 * can use the keyboard and Playwright can drive it by role and label.
 */

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);
}

function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>
  body { font-family: system-ui, sans-serif; background: #f4f6f8; color: #1e2a36; margin: 0; }
  main { max-width: 34rem; margin: 3rem auto; background: #fff; padding: 2rem; border-radius: 8px; box-shadow: 0 1px 4px rgba(0,0,0,.15); }
  h1 { font-size: 1.4rem; margin-top: 0; }
  fieldset { border: 1px solid #c8d0d8; border-radius: 6px; margin: 1rem 0; padding: .75rem 1rem; }
  label { display: block; padding: .35rem 0; }
  button { font: inherit; padding: .6rem 1.2rem; border-radius: 4px; border: 1px solid #0b6fb8; margin-right: .5rem; cursor: pointer; }
  button.primary { background: #0b6fb8; color: #fff; }
  button:focus-visible, input:focus-visible { outline: 3px solid #f5a623; outline-offset: 2px; }
  .note { color: #51606e; font-size: .9rem; }
  .error { color: #a4000f; font-weight: 600; }
  .sandbox { background: #fff4d6; padding: .5rem .75rem; border-radius: 4px; font-size: .85rem; }
</style>
</head>
<body>
<main>
<p class="sandbox">CourseCo Xero sandbox: a local simulator, not Xero.</p>
${body}
</main>
</body>
</html>`;
}

/** Mirrors Xero's own page for an unknown client or unregistered redirect_uri; it never redirects. */
export function errorPage(error: string, description: string): string {
  return page(
    'Error',
    `<h1>Sorry, something went wrong</h1>
<div role="alert">
<p>Error code: 500</p>
<p class="error">Error: ${escapeHtml(error)} : ${escapeHtml(description)}</p>
</div>
<p class="note">Go back to the app you came from and check its Xero settings.</p>`,
  );
}

function hiddenFields(params: URLSearchParams): string {
  return [...params]
    .filter(([k]) => k !== 'tenant' && k !== 'action')
    .map(([k, v]) => `<input type="hidden" name="${escapeHtml(k)}" value="${escapeHtml(v)}">`)
    .join('\n');
}

export function loginPage(params: URLSearchParams, email: string): string {
  return page(
    'Log in to Xero',
    `<h1>Log in to Xero</h1>
<p>Sign in to continue to the app that sent you here.</p>
<form method="post" action="/identity/connect/login">
${hiddenFields(params)}
<p class="note">Demo user: ${escapeHtml(email)}</p>
<button type="submit" class="primary">Log in as demo user</button>
</form>`,
  );
}

export interface ConsentOrg {
  tenantId: string;
  name: string;
  connected: boolean;
}

export function consentPage(params: URLSearchParams, appName: string, scopes: string[], orgs: ConsentOrg[], userEmail: string, error?: string): string {
  const orgInputs = orgs
    .map((o, i) => {
      const id = `org-${i}`;
      const note = o.connected ? ' <span class="note">(already connected)</span>' : '';
      return `<label for="${id}"><input type="checkbox" id="${id}" name="tenant" value="${escapeHtml(o.tenantId)}"${o.connected ? ' checked' : ''}> ${escapeHtml(o.name)}${note}</label>`;
    })
    .join('\n');
  return page(
    `${appName} wants to access your Xero data`,
    `<h1>${escapeHtml(appName)} wants to access your organisation</h1>
<p class="note">Logged in as ${escapeHtml(userEmail)}</p>
${error ? `<p class="error" role="alert">${escapeHtml(error)}</p>` : ''}
<form method="post" action="/identity/connect/consent">
${hiddenFields(params)}
<fieldset>
<legend>Select the organisations to connect</legend>
${orgInputs}
</fieldset>
<details>
<summary>The app will be able to</summary>
<ul>${scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join('')}</ul>
</details>
<p>
<button type="submit" name="action" value="allow" class="primary">Allow access</button>
<button type="submit" name="action" value="deny">Cancel</button>
</p>
</form>`,
  );
}
