/**
 * The elevations Switchboard has asked for and not yet seen removed, one marker each, written and
 * flushed to disk before elevateAccess is sent and deleted once the elevation is gone. A marker still
 * there at start means the app stopped in between (a crash, a kill, a power cut): the next start
 * removes that elevation, or says exactly how to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const ELEVATION_MARKERS_FILE = 'azure-elevations.json';

const markerSchema = z.object({
  id: z.string().min(1),
  tenantId: z.string().min(1),
  tenantName: z.string(),
  homeAccountId: z.string().min(1),
  account: z.string(),
  oid: z.string(),
  at: z.string(),
});
export type ElevationMarker = z.output<typeof markerSchema>;

export class ElevationMarkers {
  private readonly file: string;

  constructor(dataDir: string) {
    fs.mkdirSync(dataDir, { recursive: true });
    this.file = path.join(dataDir, ELEVATION_MARKERS_FILE);
  }

  /** Every marker on disk; a file that cannot be read is reported, never silently dropped. */
  list(): { markers: ElevationMarker[]; problem: string | null } {
    let text: string;
    try {
      text = fs.readFileSync(this.file, 'utf8');
    } catch {
      return { markers: [], problem: null };
    }
    try {
      const parsed = z.array(markerSchema).safeParse(JSON.parse(text));
      if (parsed.success) return { markers: parsed.data, problem: null };
    } catch {
      // fall through
    }
    return {
      markers: [],
      problem: `${this.file} could not be read, so Switchboard cannot tell whether it left elevated access behind.`,
    };
  }

  add(marker: ElevationMarker): void {
    this.write([...this.list().markers.filter((m) => m.id !== marker.id), marker]);
  }

  remove(id: string): void {
    this.write(this.list().markers.filter((m) => m.id !== id));
  }

  private write(markers: ReadonlyArray<ElevationMarker>): void {
    const temp = `${this.file}.tmp`;
    const fd = fs.openSync(temp, 'w', 0o600);
    try {
      fs.writeSync(fd, `${JSON.stringify(markers, null, 2)}\n`);
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.renameSync(temp, this.file);
  }
}
