import type { Settings } from '../../../shared/settings/settings';
import type { DocumentStore } from '../platform/persistence/document-store';

/** The analyst's settings, kept in one document; every change is announced. */
export class SettingsService {
  constructor(
    private readonly store: DocumentStore<Settings>,
    private readonly onChange: (settings: Settings) => void,
  ) {}

  get(): Settings {
    return this.store.get();
  }

  /** Saves the settings given; a setting left out (undefined) keeps its current value. */
  update(next: Partial<Settings>): Settings {
    const defined = Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined));
    const settings = { ...this.store.get(), ...defined } as Settings;
    this.store.set(settings);
    this.onChange(settings);
    return settings;
  }
}
