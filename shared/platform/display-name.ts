/**
 * Names a person gives things (customers, role templates, GDAP relationships) and that Switchboard
 * shows beside actions. A name must display as what it is: control characters (newline, NUL, tab)
 * and bidirectional overrides (U+202E "right-to-left override" makes "Acme U+202E gnp.exe" display as
 * "Acme exe.png") are refused, and so is a name with nothing visible in it. Joiners inside a name
 * (U+200C, U+200D) are kept: Persian, Indic scripts and emoji need them.
 */

/** Bidirectional embedding, override and isolate controls, and the directional marks. */
const BIDI_CONTROLS = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/u;
/** C0 and C1 control characters: NUL, tab, newline, escape, DEL, ... */
const CONTROL = /\p{Cc}/u;
/** Characters that show nothing: spaces, zero-width characters, the byte-order mark. */
const INVISIBLE = /[\s\u200B-\u200D\u2060\uFEFF]/gu;

function codePoint(ch: string): string {
  return `U+${(ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * Why `name` cannot be used as a display name (a sentence naming the character and what to do), or
 * null when it can. `what` is what the user calls the thing ("The customer's name").
 */
export function displayNameProblem(name: string, what = 'The name'): string | null {
  const control = CONTROL.exec(name);
  if (control) {
    const ch = control[0];
    const named =
      ch === '\n' || ch === '\r'
        ? 'a line break'
        : ch === '\t'
          ? 'a tab'
          : `the control character ${codePoint(ch)}`;
    return `${what} contains ${named}. Use one line of ordinary text.`;
  }
  const bidi = BIDI_CONTROLS.exec(name);
  if (bidi) {
    return `${what} contains the invisible direction control ${codePoint(bidi[0])}, which can make text display in a different order than it is written. Retype the name without it.`;
  }
  if (name.replace(INVISIBLE, '') === '') {
    return `${what} has no visible characters. Type a name.`;
  }
  return null;
}
