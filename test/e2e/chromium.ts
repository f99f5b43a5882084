/**
 * The one Chromium every browser run uses (end-to-end tests, benchmarks, screenshots): Debian's, at
 * /usr/bin/chromium unless CHROMIUM_PATH says otherwise (Playwright never downloads a browser here),
 * without background traffic, GPU or QUIC.
 */
export const CHROMIUM_LAUNCH_OPTIONS = {
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
    '--no-first-run',
    '--disable-quic',
  ],
};
