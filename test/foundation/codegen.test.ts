import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, Kind, parse, validate } from 'graphql';
import { generate } from '@graphql-codegen/cli';
import { ROOT_DIR } from '../../core/config';
import config from '../../codegen/codegen';
import { buildManifest } from '../../scripts/persisted-operations';

/** Every service operation file, as [caller dir, callee] (`subgraphs/orders`, `catalog`). */
function serviceOperationFiles(): [string, string][] {
  const callers = [...fs.readdirSync(path.join(ROOT_DIR, 'subgraphs')).map((s) => `subgraphs/${s}`), 'gateway'];
  return callers.flatMap((caller) => {
    const dir = path.join(ROOT_DIR, caller, 'operations');
    if (!fs.existsSync(dir)) return [];
    return fs
      .readdirSync(dir)
      .filter((f) => f.endsWith('.graphql'))
      .map((f): [string, string] => [caller, path.basename(f, '.graphql')]);
  });
}

async function inRoot<T>(run: () => Promise<T>): Promise<T> {
  const cwd = process.cwd();
  process.chdir(ROOT_DIR);
  try {
    return await run();
  } finally {
    process.chdir(cwd);
  }
}

describe('GraphQL Code Generator', () => {
  it('every client operation is valid against the public schema', () => {
    const schema = buildSchema(fs.readFileSync(path.join(ROOT_DIR, 'schema.graphql'), 'utf8'));
    const dir = path.join(ROOT_DIR, 'codegen', 'operations');
    const files = fs.readdirSync(dir).filter((f) => f.endsWith('.graphql'));
    assert.ok(files.length > 0);
    for (const file of files) {
      const errors = validate(schema, parse(fs.readFileSync(path.join(dir, file), 'utf8')));
      assert.deepEqual(
        errors.map((e) => e.message),
        [],
        file,
      );
    }
  });

  it('every service operation is valid against its callee’s whole schema', () => {
    const files = serviceOperationFiles();
    assert.ok(files.length >= 9, `service operation files: ${files.length}`);
    for (const [caller, callee] of files) {
      const schema = buildSchema(
        fs.readFileSync(path.join(ROOT_DIR, 'codegen', 'subgraphs', `${callee}.graphql`), 'utf8'),
      );
      const file = `${caller}/operations/${callee}.graphql`;
      const errors = validate(schema, parse(fs.readFileSync(path.join(ROOT_DIR, file), 'utf8')));
      assert.deepEqual(
        errors.map((e) => e.message),
        [],
        file,
      );
    }
  });

  it('the committed generated types match what codegen produces now, service operations included', async () => {
    const outputs = await inRoot(() => generate({ ...config, silent: true }, false));
    const written = new Set(outputs.map((o: { filename: string }) => o.filename));
    for (const [caller, callee] of serviceOperationFiles()) {
      const file = `codegen/generated/service/${path.basename(caller)}/${callee}.ts`;
      assert.ok(written.has(file), `${file} is generated`);
    }
    for (const { filename, content } of outputs) {
      assert.equal(
        fs.readFileSync(path.join(ROOT_DIR, filename), 'utf8'),
        content,
        `${filename} is stale: run \`npm run codegen\``,
      );
    }
  });

  it('refuses a service operation once the callee renames a field it selects', async () => {
    const sdl = fs.readFileSync(path.join(ROOT_DIR, 'codegen', 'subgraphs', 'catalog.graphql'), 'utf8');
    const renamed = sdl.replace(/(type CurationSku \{[^}]*?)\bsupplierPriceFen:/, '$1supplierCostFen:');
    assert.notEqual(renamed, sdl, 'the copy renames CurationSku.supplierPriceFen');
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'perkmall-codegen-'));
    try {
      const schemaFile = path.join(dir, 'catalog.graphql');
      fs.writeFileSync(schemaFile, renamed);
      const service = config.generates['codegen/generated/service/orders/catalog.ts'];
      assert.ok(
        service && !Array.isArray(service) && typeof service === 'object',
        'orders→catalog output is configured',
      );
      const run = (schema: string) =>
        inRoot(() =>
          generate(
            {
              silent: true,
              generates: { [path.join(dir, 'out.ts')]: { ...service, schema } },
            },
            false,
          ),
        );
      // The same operations against the unchanged schema generate: only the rename makes them fail.
      await run('codegen/subgraphs/catalog.graphql');
      await assert.rejects(run(schemaFile), (e: unknown) => {
        const message = e instanceof Error ? `${e.message} ${JSON.stringify(e)}` : String(e);
        assert.match(message, /Cannot query field "supplierPriceFen" on type "CurationSku"/);
        return true;
      });
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('keeps service operations out of the persisted-operations manifest', () => {
    const serviceNames = serviceOperationFiles().flatMap(([caller, callee]) =>
      parse(
        fs.readFileSync(path.join(ROOT_DIR, caller, 'operations', `${callee}.graphql`), 'utf8'),
      ).definitions.flatMap((d) => (d.kind === Kind.OPERATION_DEFINITION && d.name ? [d.name.value] : [])),
    );
    assert.ok(serviceNames.includes('PriceCheckout') && serviceNames.includes('AuthenticatePartnerApp'));
    const published = new Set(buildManifest().operations.map((o) => o.name));
    assert.deepEqual(
      serviceNames.filter((n) => published.has(n)),
      [],
    );
  });

  it("publishes every console document under the client preset's hash, which is all the console sends", () => {
    const documents = JSON.parse(
      fs.readFileSync(path.join(ROOT_DIR, 'console', 'src', 'gql', 'persisted-documents.json'), 'utf8'),
    ) as Record<string, string>;
    const byId = new Map(buildManifest().operations.map((o) => [o.id, o.body]));
    assert.ok(Object.keys(documents).length > 100);
    for (const [hash, text] of Object.entries(documents)) {
      assert.equal(byId.get(hash.replace(/^sha256:/, '')), text, `${hash} is published verbatim`);
    }
    // The generated documents carry the hash only: no operation text reaches the browser bundle.
    const generated = fs.readFileSync(path.join(ROOT_DIR, 'console', 'src', 'gql', 'graphql.ts'), 'utf8');
    assert.doesNotMatch(generated, /new TypedDocumentString\(`\s*(query|mutation) /);
  });
});
