import react from '@vitejs/plugin-react';
import { defineConfig } from 'vite';

// The renderer is a static bundle: loaded from app://switchboard/ in Electron and from the browser
// host on 127.0.0.1. `base: './'` keeps asset URLs relative so both work.
export default defineConfig({
  root: 'renderer',
  base: './',
  plugins: [react()],
  build: { outDir: '../dist/renderer', emptyOutDir: true, chunkSizeWarningLimit: 2000 },
});
