/**
 * The files behind "Create desktop shortcut": a safe file name from any customer name, and the content
 * of each OS's shortcut format (Linux `.desktop`, Windows `.url`, macOS `.webloc`). Pure: the writer in
 * main/core/launch does the file system. Every format carries the customer's tenant ID as a marker,
 * so Switchboard can later find its own shortcuts and never touch anyone else's.
 */
import { isGuid } from '../platform/tenant-id';

export type ShortcutKind = 'desktop' | 'url' | 'webloc' | 'lnk';

/** The one prefix a shortcut may launch: a shortcut opens a customer's portal, never a page of its own. */
export const SHORTCUT_DEEP_LINK_PREFIX = 'switchboard://launch/';

/** The key that marks a file as Switchboard's, and for which tenant, in every text format. */
const SHORTCUT_MARKER_KEY = 'X-Switchboard-TenantId';

const MAX_DEEP_LINK_LENGTH = 2048;
/** A name part longer than this is cut (grapheme by grapheme), so the whole name stays well under 255 bytes. */
const MAX_NAME_CHARACTERS = 80;
const MAX_NAME_UTF8_BYTES = 160;
const MAX_DISPLAY_NAME_CHARACTERS = 120;

/**
 * Characters a deep link may hold. `deepLinkFor` builds `switchboard://launch/<GUID>?target=<target>`
 * from a GUID and a known target name, so nothing else is ever needed. Refusing the rest (whitespace,
 * quotes, `\`, `$`, backtick, `%`, `#`) keeps the link literal in every format: `%` would be a field
 * code inside a quoted Exec argument, whose meaning the Desktop Entry spec leaves undefined.
 */
const DEEP_LINK_CHARACTERS = /^[A-Za-z0-9._~:/?&=-]+$/;

/** Says what is wrong with a deep link a shortcut would carry, or undefined when it is fine. */
export function shortcutDeepLinkProblem(deepLink: string): string | undefined {
  if (!deepLink.startsWith(SHORTCUT_DEEP_LINK_PREFIX)) {
    return `A shortcut can only carry a Switchboard launch link (${SHORTCUT_DEEP_LINK_PREFIX}...), not "${preview(deepLink)}".`;
  }
  if (deepLink.length > MAX_DEEP_LINK_LENGTH) {
    return `The launch link is ${deepLink.length} characters long; a shortcut takes at most ${MAX_DEEP_LINK_LENGTH}.`;
  }
  const bad = [...deepLink].find((c) => !DEEP_LINK_CHARACTERS.test(c));
  if (bad !== undefined) {
    return `The launch link "${preview(deepLink)}" holds ${describeCharacter(bad)}, which a shortcut file cannot carry safely.`;
  }
  const tenant = deepLink.slice(SHORTCUT_DEEP_LINK_PREFIX.length, SHORTCUT_DEEP_LINK_PREFIX.length + 36);
  const after = deepLink.charAt(SHORTCUT_DEEP_LINK_PREFIX.length + 36);
  if (!isGuid(tenant) || (after !== '' && after !== '?')) {
    return `The launch link "${preview(deepLink)}" does not name a tenant ID right after ${SHORTCUT_DEEP_LINK_PREFIX}.`;
  }
  return undefined;
}

/** The tenant a valid launch link opens, in lower case. Throws on a link `shortcutDeepLinkProblem` refuses. */
export function shortcutDeepLinkTenant(deepLink: string): string {
  const problem = shortcutDeepLinkProblem(deepLink);
  if (problem !== undefined) throw new Error(problem);
  return deepLink
    .slice(SHORTCUT_DEEP_LINK_PREFIX.length, SHORTCUT_DEEP_LINK_PREFIX.length + 36)
    .toLowerCase();
}

// Characters that are never part of a name worth showing: controls (C0, C1), format characters
// (bidi overrides such as U+202E, which make "exe.txt" read as "txt.exe"; zero-width spaces; the
// BOM), lone surrogates, and the line and paragraph separators. The zero-width joiner and non-joiner
// stay inside a name: emoji sequences and Persian and Indic spellings need them.
const INVISIBLE = /(?![\u200C\u200D])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu;
const EDGE_JOINERS = /^[\u200C\u200D]+|[\u200C\u200D]+$/g;
const ODD_SPACE = /\p{Zs}/gu;

/**
 * The customer's name as a shortcut shows it (the `.desktop` Name, the `.lnk` description): NFC, no
 * invisible or direction-changing characters, one space between words, at most 120 characters. Falls
 * back to the tenant ID when nothing readable is left.
 */
export function shortcutDisplayName(customerName: string, tenantId: string): string {
  const cleaned = collapseSpaces(
    customerName.normalize('NFC').replace(INVISIBLE, ' ').replace(ODD_SPACE, ' '),
  );
  const cut = cutGraphemes(cleaned, MAX_DISPLAY_NAME_CHARACTERS, Number.POSITIVE_INFINITY)
    .trim()
    .replace(EDGE_JOINERS, '')
    .trim();
  return cut === '' ? `Customer ${checkedTenant(tenantId)}` : cut.normalize('NFC');
}

// Windows refuses these in file names (Naming Files, Paths, and Namespaces, Microsoft Learn); `/` is
// the separator on Linux and macOS, and `:` is shown as `/` by the macOS Finder.
const RESERVED_CHARACTERS = /[<>:"/\\|?*]/g;
// Windows treats these as devices whatever the extension ("NUL.tar.gz" is NUL), in any case, and
// also with a trailing space or dot before the extension. COM0/LPT0 and the superscript digits ¹²³
// are reserved too (the superscripts become plain digits under NFKC before this check).
const WINDOWS_DEVICE = /^(con|prn|aux|nul|conin\$|conout\$|clock\$|com[0-9]|lpt[0-9])$/i;

/**
 * A file name stem (no extension) for a customer's shortcut, safe on Windows, macOS and Linux from any
 * name: `Contoso Ltd (72f988bf)`. The name is NFKC-normalised (so a full-width `／` or `．．` cannot
 * slip past as something else), loses path separators, reserved and invisible characters, leading
 * dots, hyphens and spaces, trailing dots and spaces, is kept off Windows device names and cut to 80
 * characters; the first 8 digits of the tenant ID keep two customers with one name apart. When
 * nothing of the name is left, the stem is the whole tenant ID.
 */
export function safeShortcutFileName(customerName: string, tenantId: string): string {
  const tenant = checkedTenant(tenantId);
  let name = customerName
    .normalize('NFKC')
    .replace(INVISIBLE, ' ')
    .replace(ODD_SPACE, ' ')
    .replace(RESERVED_CHARACTERS, ' ');
  name = trimName(collapseSpaces(name));
  name = trimName(cutGraphemes(name, MAX_NAME_CHARACTERS, MAX_NAME_UTF8_BYTES));
  if (name === '') return tenant;
  const beforeFirstDot = name.split('.')[0]!.replace(/[ .]+$/, '');
  if (WINDOWS_DEVICE.test(beforeFirstDot)) name = `_${name}`;
  return `${name} (${tenant.slice(0, 8)})`.normalize('NFC');
}

/**
 * How the analyst arrives in the customer's tenant when the shortcut was made (shared/customers/
 * reach-words.ts), as its description says it. Only these fixed words ever reach a shortcut file:
 * nothing from Graph or from a person is written there but the customer's cleaned name.
 */
const SHORTCUT_ARRIVALS = {
  gdap: 'arrives via GDAP',
  b2b: 'arrives as a B2B guest',
  both: 'arrives via GDAP and as a B2B guest',
  none: 'no access found when it was made',
  pending: 'accept the guest invitation first',
} as const;
export type ShortcutArrivalKind = keyof typeof SHORTCUT_ARRIVALS;

export interface ShortcutArrival {
  readonly kind: ShortcutArrivalKind;
  /** The path was set by hand, not read: the words say so. */
  readonly byHand: boolean;
}

/** "arrives via GDAP" (", as set by hand"): what a shortcut's description says of the path. */
export function shortcutArrivalWords(arrival: ShortcutArrival): string {
  if (!Object.hasOwn(SHORTCUT_ARRIVALS, arrival.kind)) {
    throw new Error(`"${preview(String(arrival.kind))}" is not a way to arrive in a customer's tenant.`);
  }
  return `${SHORTCUT_ARRIVALS[arrival.kind]}${arrival.byHand === true ? ', as set by hand' : ''}`;
}

/**
 * A shortcut's description: "Security Copilot for Contoso Ltd (arrives via GDAP), through MSSP
 * Switchboard". The writer finds its own `.lnk` files by the "MSSP Switchboard" in it.
 */
export function shortcutDescription(name: string, tenantId: string, arrival?: ShortcutArrival): string {
  const how = arrival === undefined ? '' : ` (${shortcutArrivalWords(arrival)})`;
  return `Security Copilot for ${shortcutDisplayName(name, tenantId)}${how}, through MSSP Switchboard`;
}

/** What a Linux desktop entry launches: the app's executable with the launch link as its argument. */
export interface DesktopEntryInput {
  /** The customer's name; shown as the shortcut's label. */
  readonly name: string;
  /** How the analyst arrives there, said in the Comment. */
  readonly arrival?: ShortcutArrival;
  readonly deepLink: string;
  /** Absolute path of the Switchboard executable (or the AppImage). */
  readonly exec: string;
  /** An icon theme name or an absolute path; the installed packages name the icon `mssp-switchboard`. */
  readonly icon?: string;
}

/**
 * A `.desktop` file (Desktop Entry Specification; Version=1.0 because nothing newer is used and every validator knows it) that launches the customer's Security Copilot
 * through Switchboard. Exec follows the spec's two layers: each argument is quoted per "The Exec key"
 * (inside double quotes, `"`, backtick, `$` and `\` take a backslash; a literal `%` is `%%`), then
 * the whole value is escaped as a string value (`\\`, `\n`, `\t`, `\r`, `\s`).
 */
export function desktopEntry(input: DesktopEntryInput): string {
  const tenant = shortcutDeepLinkTenant(input.deepLink);
  const label = shortcutDisplayName(input.name, tenant);
  const exec = [execArgument(checkedPath(input.exec, 'executable')), execArgument(input.deepLink)].join(' ');
  const lines = [
    '[Desktop Entry]',
    'Version=1.0',
    'Type=Application',
    `Name=${desktopValue(label)}`,
    `Comment=${desktopValue(
      input.arrival === undefined
        ? `Open Security Copilot for ${label} in its own tenant, through MSSP Switchboard`
        : `Open Security Copilot for ${label} in its own tenant (${shortcutArrivalWords(input.arrival)}), through MSSP Switchboard`,
    )}`,
    `Exec=${desktopValue(exec)}`,
    `Icon=${desktopValue(checkedPath(input.icon ?? 'mssp-switchboard', 'icon'))}`,
    'Terminal=false',
    'Categories=Utility;',
    `${SHORTCUT_MARKER_KEY}=${tenant}`,
  ];
  return `${lines.join('\n')}\n`;
}

/**
 * A Windows Internet Shortcut (`.url`): an INI file whose `URL` opens through the registered
 * `switchboard:` protocol. The marker sits in a section of its own, which Windows leaves alone.
 */
export function internetShortcut(deepLink: string, iconFile?: string): string {
  const tenant = shortcutDeepLinkTenant(deepLink);
  const lines = ['[InternetShortcut]', `URL=${deepLink}`];
  if (iconFile !== undefined) lines.push(`IconFile=${checkedPath(iconFile, 'icon')}`, 'IconIndex=0');
  lines.push('', '[Switchboard]', `${SHORTCUT_MARKER_KEY}=${tenant}`);
  return `${lines.join('\r\n')}\r\n`;
}

/** A macOS `.webloc`: an XML property list whose `URL` the Finder opens through the protocol. */
export function webloc(deepLink: string): string {
  const tenant = shortcutDeepLinkTenant(deepLink);
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<plist version="1.0">',
    '<dict>',
    '\t<key>URL</key>',
    `\t<string>${xmlText(deepLink)}</string>`,
    `\t<key>${SHORTCUT_MARKER_KEY}</key>`,
    `\t<string>${tenant}</string>`,
    '</dict>',
    '</plist>',
    '',
  ].join('\n');
}

/**
 * The tenant a text shortcut file was written for by Switchboard, read from its marker; undefined for a
 * file Switchboard did not write. (`.lnk` files are binary: the writer reads those.)
 */
export function shortcutMarkerTenant(
  kind: Exclude<ShortcutKind, 'lnk'>,
  content: string,
): string | undefined {
  const guid = '([0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})';
  const pattern =
    kind === 'webloc'
      ? new RegExp(`<key>${SHORTCUT_MARKER_KEY}</key>\\s*<string>${guid}</string>`)
      : new RegExp(`^${SHORTCUT_MARKER_KEY}=${guid}\\r?$`, 'm');
  const found = pattern.exec(content)?.[1]?.toLowerCase();
  if (found === undefined) return undefined;
  const launches =
    kind === 'webloc'
      ? `<string>${SHORTCUT_DEEP_LINK_PREFIX}${found}`
      : `${SHORTCUT_DEEP_LINK_PREFIX}${found}`;
  return content.toLowerCase().includes(launches) ? found : undefined;
}

function execArgument(arg: string): string {
  // Reserved characters of "The Exec key"; an argument holding any of them is quoted.
  const needsQuotes = arg === '' || /[ \t\n"'\\><~|&;$*?#()`]/.test(arg);
  if (!needsQuotes) return arg.replace(/%/g, '%%');
  if (arg.includes('%')) {
    throw new Error(
      `"${preview(arg)}" has both characters that need quoting and a "%", which a desktop entry cannot hold.`,
    );
  }
  return `"${arg.replace(/["`$\\]/g, (c) => `\\${c}`)}"`;
}

function desktopValue(value: string): string {
  return value
    .replace(/\\/g, '\\\\')
    .replace(/\n/g, '\\n')
    .replace(/\t/g, '\\t')
    .replace(/\r/g, '\\r')
    .replace(/^ /, '\\s');
}

function xmlText(value: string): string {
  return value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function checkedTenant(tenantId: string): string {
  if (!isGuid(tenantId)) throw new Error(`"${preview(tenantId)}" is not a tenant ID (a GUID).`);
  return tenantId.toLowerCase();
}

function checkedPath(value: string, what: string): string {
  if (value === '' || /[\p{Cc}\p{Zl}\p{Zp}]/u.test(value)) {
    throw new Error(`The ${what} path "${preview(value)}" is empty or holds control characters.`);
  }
  return value;
}

function collapseSpaces(value: string): string {
  return value.replace(/ {2,}/g, ' ');
}

/**
 * Leading dots would hide the file on Linux and macOS (and `..` means the parent); leading hyphens read
 * as options; Windows drops trailing dots and spaces; a joiner at either end joins nothing.
 */
function trimName(value: string): string {
  return value.replace(/^[ .\-\u200C\u200D]+/, '').replace(/[ .\u200C\u200D]+$/, '');
}

/** Cuts to whole graphemes, so an emoji or a letter with its accents is never split. */
function cutGraphemes(value: string, maxGraphemes: number, maxUtf8Bytes: number): string {
  let out = '';
  let count = 0;
  let bytes = 0;
  for (const { segment } of new Intl.Segmenter('en', { granularity: 'grapheme' }).segment(value)) {
    const size = utf8Length(segment);
    if (count + 1 > maxGraphemes || bytes + size > maxUtf8Bytes) break;
    out += segment;
    count += 1;
    bytes += size;
  }
  return out;
}

function utf8Length(value: string): number {
  let bytes = 0;
  for (const c of value) {
    const code = c.codePointAt(0)!;
    bytes += code < 0x80 ? 1 : code < 0x800 ? 2 : code < 0x10000 ? 3 : 4;
  }
  return bytes;
}

function describeCharacter(c: string): string {
  if (c === ' ') return 'a space';
  const code = `U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`;
  return /[\p{Cc}\p{Cf}\p{Z}]/u.test(c) ? `an invisible character (${code})` : `"${c}" (${code})`;
}

function preview(value: string): string {
  const visible = value.replace(/[\p{Cc}\p{Cf}]/gu, '?');
  return visible.length > 60 ? `${visible.slice(0, 57)}...` : visible;
}
