/**
 * Compiles Xero's OpenAPI 3.0 component schemas with ajv: `$ref: '#/components/schemas/X'` becomes a reference into
 * one registered document, `nullable` becomes a `null` type, and `date-time` accepts Xero's zone-less timestamps
 * (`2019-12-07T18:46:19.5165400`, as the spec's own example for connections shows).
 */
import { readFileSync } from 'node:fs';
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import { fullFormats } from 'ajv-formats/dist/formats';
import { parse } from 'yaml';

type Node = unknown;

function adapt(node: Node, docId: string): Node {
  if (Array.isArray(node)) return node.map((n) => adapt(n, docId));
  if (typeof node !== 'object' || node === null) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node as Record<string, unknown>)) {
    if (key === 'example' || key === 'externalDocs' || key.startsWith('x-')) continue;
    if (key === '$ref' && typeof value === 'string' && value.startsWith('#/components/schemas/')) {
      out.$ref = `${docId}#/definitions/${value.slice('#/components/schemas/'.length)}`;
      continue;
    }
    out[key] = adapt(value, docId);
  }
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  delete out.nullable;
  return out;
}

export interface OpenApiSchemas {
  validate(name: string, value: unknown): string[];
  /** Property paths present in `value` but not declared in the schema (catches misspelt field names). */
  undeclared(name: string, value: unknown, allowed?: ReadonlySet<string>): string[];
}

export function loadSchemas(file: string, docId: string): OpenApiSchemas {
  const spec = parse(readFileSync(file, 'utf8')) as { components: { schemas: Record<string, unknown> } };
  const definitions = adapt(spec.components.schemas, docId) as Record<string, Record<string, unknown>>;
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  ajv.addFormat('date-time', fullFormats['iso-date-time']);
  ajv.addSchema({ $id: docId, definitions });
  const cache = new Map<string, ValidateFunction>();
  const resolve = (schema: Record<string, unknown>): Record<string, unknown> => {
    const ref = schema.$ref;
    if (typeof ref === 'string') return definitions[ref.split('/').pop()!]!;
    return schema;
  };
  return {
    validate(name, value) {
      let fn = cache.get(name);
      if (!fn) {
        fn = ajv.getSchema(`${docId}#/definitions/${name}`);
        if (!fn) throw new Error(`no schema ${name}`);
        cache.set(name, fn);
      }
      return fn(value) ? [] : (fn.errors ?? []).map((e) => `${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`);
    },
    undeclared(name, value, allowed = new Set()) {
      const found: string[] = [];
      const walk = (schema: Record<string, unknown>, v: unknown, path: string) => {
        const s = resolve(schema);
        if (Array.isArray(v)) {
          if (s.items) v.forEach((item, i) => walk(s.items as Record<string, unknown>, item, `${path}[${i}]`));
          return;
        }
        if (typeof v !== 'object' || v === null || !s.properties) return;
        const props = s.properties as Record<string, Record<string, unknown>>;
        for (const [k, child] of Object.entries(v as Record<string, unknown>)) {
          if (props[k]) walk(props[k], child, `${path}.${k}`);
          else if (!allowed.has(k)) found.push(`${path}.${k}`);
        }
      };
      walk(definitions[name]!, value, name);
      return found;
    },
  };
}
