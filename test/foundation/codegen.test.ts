import { describe, it } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { buildSchema, parse, validate } from 'graphql';
import { generate } from '@graphql-codegen/cli';
import { ROOT_DIR } from '../../core/config';
import config from '../../codegen/codegen';

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

  it('the committed generated types match what codegen produces now', async () => {
    const cwd = process.cwd();
    process.chdir(ROOT_DIR);
    try {
      const outputs = await generate({ ...config, silent: true }, false);
      for (const { filename, content } of outputs) {
        assert.equal(
          fs.readFileSync(path.join(ROOT_DIR, filename), 'utf8'),
          content,
          `${filename} is stale: run \`npm run codegen\``,
        );
      }
    } finally {
      process.chdir(cwd);
    }
  });
});
