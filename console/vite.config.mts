// The operator console's build: served by the gateway at /console (gateway/console.ts), so every
// asset URL starts there. `npm run console:dev` proxies the API to a running `npm start`.
import path from 'node:path';
import { transformAsync } from '@babel/core';
import { babelOptimizerPlugin } from '@graphql-codegen/client-preset';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';

/**
 * Rewrites each `graphql(`…`)` call to an import of its document from src/gql/graphql.ts (the client
 * preset's own Babel plugin), so the bundle carries no map from document text to document: each page
 * ships only the hashes it sends (src/operation.ts).
 */
function graphqlDocumentImports(): Plugin {
  const artifactDirectory = path.join(import.meta.dirname, 'src', 'gql');
  return {
    name: 'perkmall-graphql-document-imports',
    enforce: 'pre',
    async transform(code, id) {
      if (!/\.tsx?$/.test(id) || id.startsWith(artifactDirectory) || !code.includes('graphql(`')) return null;
      const result = await transformAsync(code, {
        filename: id,
        babelrc: false,
        configFile: false,
        sourceMaps: true,
        parserOpts: { plugins: ['typescript', 'jsx'] },
        plugins: [[babelOptimizerPlugin, { artifactDirectory, gqlTagName: 'graphql' }]],
      });
      return result?.code ? { code: result.code, map: result.map } : null;
    },
  };
}

const gateway = process.env.PERKMALL_GATEWAY_URL ?? 'http://127.0.0.1:4000';

export default defineConfig({
  root: import.meta.dirname,
  base: '/console/',
  plugins: [graphqlDocumentImports(), react()],
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
