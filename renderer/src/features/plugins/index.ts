/** The Security Copilot plugin reference (offline): which plugins GDAP reaches and which need B2B. */
export { PluginsView } from './PluginsView';
