import fs from 'node:fs';
import { createRequire } from 'node:module';

/**
 * The Electron executable, or undefined where its runtime was never downloaded (npm 11 skips
 * electron's install script; machines without GitHub access set ELECTRON_SKIP_BINARY_DOWNLOAD).
 */
export function electronExecutable(): string | undefined {
  try {
    const binary: unknown = createRequire(import.meta.url)('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

export function hasElectronRuntime(): boolean {
  return electronExecutable() !== undefined;
}
