import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

// The UI is served by Keelson.Server from the assembly it is embedded in; `npm run dev` proxies the API to a running
// server (KEELSON_SERVER, default https://localhost:8080).
export default defineConfig({
  plugins: [react()],
  build: {
    outDir: 'dist',
    emptyOutDir: true,
    chunkSizeWarningLimit: 1024,
  },
  server: {
    proxy: {
      '/api': { target: process.env.KEELSON_SERVER ?? 'https://localhost:8080', secure: false, changeOrigin: true },
    },
  },
});
