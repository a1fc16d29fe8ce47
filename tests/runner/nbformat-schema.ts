// Validates a notebook against the official nbformat 4.5 JSON schema (draft-04), as nbformat.validate does.
import Ajv from 'ajv-draft-04';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const schema = JSON.parse(readFileSync(path.join(__dirname, '..', 'fixtures', 'schema', 'nbformat.v4.5.schema.json'), 'utf8')) as object;
const validate = new Ajv({ allErrors: true, strict: false }).compile(schema);

/** Returns the schema errors as readable lines (empty when valid). */
export function nbformatErrors(nb: unknown): string[] {
  return validate(nb) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? ''}`);
}
