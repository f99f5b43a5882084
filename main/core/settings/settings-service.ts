import type { Settings } from '../../../shared/settings';
import type { DocumentStore } from '../persistence/document-store';

/** The analyst's settings, kept in one document; every change is announced. */
export class SettingsService {
  constructor(
    private readonly store: DocumentStore<Settings>,
    private readonly onChange: (settings: Settings) => void,
  ) {}

  get(): Settings {
    return this.store.get();
  }

  update(settings: Settings): Settings {
    this.store.set(settings);
    this.onChange(settings);
    return settings;
  }
}
