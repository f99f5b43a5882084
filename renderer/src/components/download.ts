import type { ExportFile } from '../../../shared/gdap/gdap-contract';

/**
 * Saves an export the main side produced: as a download in the browser host, and through Electron's
 * download handling (a save dialog) in the app. The content never leaves this page otherwise.
 */
export function saveExport(file: ExportFile): void {
  const url = URL.createObjectURL(new Blob([file.content], { type: `${file.mimeType};charset=utf-8` }));
  const a = document.createElement('a');
  a.href = url;
  a.download = file.fileName;
  a.rel = 'noopener';
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
