/** The GDAP directory synced from Graph: its status bar and store. */
export { DirectoryBar } from './DirectoryBar';
export { subscribeToDirectory } from './directory-store';
