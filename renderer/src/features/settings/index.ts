/** Settings: the Microsoft cloud, the app registration and the switcher hotkey. */
export { SettingsView } from './SettingsView';
