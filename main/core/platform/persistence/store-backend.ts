/**
 * Where a document lives on disk. The Electron app backs it with electron-store, plain Node (the
 * browser host, tests) with conf, electron-store's base; both write atomically (temp file + rename)
 * and throw a SyntaxError when the file on disk is not JSON.
 */
export interface StoreBackend {
  /** The file's absolute path, for messages and for moving a corrupt file aside. */
  readonly path: string;
  /** The whole document as stored; throws if the file cannot be parsed. */
  read(): Record<string, unknown>;
  /** Replaces the whole document atomically. */
  write(data: Record<string, unknown>): void;
}

/** The documents of one data directory. */
export interface StoreBackends {
  /** Where the named document's file is (also when it cannot be read). */
  pathOf(name: string): string;
  /** Opens (or creates) the named document; throws a SyntaxError if its file is not JSON. */
  open(name: string): StoreBackend;
}
