/** The sandbox's sign-in pages: plain, accessible HTML that a person or a scripted browser can use. */
import { esc } from '../http/errors';

export function page(title: string, body: string): string {
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(title)} - Sandbox sign-in</title>
<style>
body{font-family:'Segoe UI',system-ui,sans-serif;background:#f3f2f1;margin:0;color:#201f1e}
main{max-width:440px;margin:48px auto;background:#fff;padding:32px 40px;box-shadow:0 2px 6px rgba(0,0,0,.2)}
h1{font-size:24px;font-weight:600;margin:0 0 16px}.note{color:#605e5c;font-size:13px}
label{display:block;margin:8px 0}input[type=text]{width:100%;padding:6px;font-size:15px;box-sizing:border-box}
button{background:#0067b8;color:#fff;border:0;padding:8px 20px;font-size:15px;margin-top:16px;cursor:pointer}
button.secondary{background:#e1dfdd;color:#201f1e;margin-right:8px}.error{color:#a4262c}
ul{padding-left:20px}fieldset{border:0;padding:0;margin:0}legend{font-weight:600;margin-bottom:4px}
</style></head><body><main>
<p class="note">Microsoft cloud sandbox (MSSP Switchboard) - not a Microsoft service</p>
<h1>${esc(title)}</h1>
${body}
</main></body></html>`;
}

/** Hidden inputs carrying the request's parameters to the next step. */
export function hidden(fields: Readonly<Record<string, string | undefined>>): string {
  return Object.entries(fields)
    .filter((e): e is [string, string] => e[1] !== undefined)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join('\n');
}

/**
 * The reply to the app: an HTML form that posts itself to the redirect URI (response_mode=form_post,
 * which msal-node 7 requires). It also works without script: the button submits it.
 */
export function formPost(
  title: string,
  action: string,
  fields: Readonly<Record<string, string | undefined>>,
): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(title)}</title></head>
<body onload="document.forms[0].submit()"><form method="post" action="${esc(action)}">
${hidden(fields)}
<noscript><p>Script is off: continue to send the sign-in to the app.</p></noscript>
<button type="submit">Continue</button></form></body></html>`;
}
