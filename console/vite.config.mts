// The operator console's build: served by the gateway at /console (gateway/console.ts), so every
// asset URL starts there. `npm run console:dev` proxies the API to a running `npm start`.
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

const gateway = process.env.PERKMALL_GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    // antd's and react-dom's chunk is large by design; the initial-JS budget is checked by scripts/console.ts.
    chunkSizeWarningLimit: 1500,
  },
  server: {
    proxy: { '/graphql': gateway, '/auth': gateway },
  },
});
