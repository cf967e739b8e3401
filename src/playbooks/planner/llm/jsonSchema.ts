import { z } from 'zod';
import { AppError } from '../../../errors';

/** A JSON Schema fragment, as tool definitions carry it. */
export type JsonSchema = { [key: string]: unknown };

/**
 * Converts the zod schemas Rampart uses into JSON Schema, so the model's tool definition is
 * derived from the very schema that validates its answer and the two never drift. Covers the
 * zod constructs the playbook spec uses; anything else fails loudly instead of guessing.
 */
export function toJsonSchema(schema: z.ZodTypeAny, named: Record<string, z.ZodTypeAny> = {}): JsonSchema {
  const defs: Record<string, JsonSchema> = {};
  const nameOf = new Map<z.ZodTypeAny, string>(Object.entries(named).map(([k, v]) => [v, k]));
  const root = convert(schema, nameOf, defs, true);
  return Object.keys(defs).length ? { ...root, $defs: defs } : root;
}

function convert(schema: z.ZodTypeAny, nameOf: Map<z.ZodTypeAny, string>, defs: Record<string, JsonSchema>, isRoot = false): JsonSchema {
  const name = nameOf.get(schema);
  if (name && !isRoot) {
    if (!(name in defs)) {
      defs[name] = {}; // placeholder first: recursive schemas refer back to themselves
      defs[name] = convert(schema, nameOf, defs, true);
    }
    return { $ref: `#/$defs/${name}` };
  }
  const def = schema._def as { typeName: z.ZodFirstPartyTypeKind; description?: string };
  const out = convertByKind(schema, def.typeName, nameOf, defs);
  return schema.description ? { ...out, description: schema.description } : out;
}

function convertByKind(
  schema: z.ZodTypeAny,
  kind: z.ZodFirstPartyTypeKind,
  nameOf: Map<z.ZodTypeAny, string>,
  defs: Record<string, JsonSchema>,
): JsonSchema {
  const K = z.ZodFirstPartyTypeKind;
  const sub = (s: z.ZodTypeAny) => convert(s, nameOf, defs);
  switch (kind) {
    case K.ZodString: {
      const checks = (schema as z.ZodString)._def.checks;
      const out: JsonSchema = { type: 'string' };
      for (const c of checks) {
        if (c.kind === 'email') out.format = 'email';
        if (c.kind === 'min' && c.value > 0) out.minLength = c.value;
      }
      return out;
    }
    case K.ZodNumber: {
      const checks = (schema as z.ZodNumber)._def.checks;
      const out: JsonSchema = { type: checks.some((c) => c.kind === 'int') ? 'integer' : 'number' };
      for (const c of checks) {
        if (c.kind === 'min') out.minimum = c.value;
        if (c.kind === 'max') out.maximum = c.value;
      }
      return out;
    }
    case K.ZodBoolean:
      return { type: 'boolean' };
    case K.ZodLiteral: {
      const value = (schema as z.ZodLiteral<unknown>)._def.value;
      return { type: typeof value === 'number' ? 'integer' : typeof value, const: value, enum: [value] };
    }
    case K.ZodEnum:
      return { type: 'string', enum: [...(schema as z.ZodEnum<[string, ...string[]]>)._def.values] };
    case K.ZodArray: {
      const d = (schema as z.ZodArray<z.ZodTypeAny>)._def;
      const out: JsonSchema = { type: 'array', items: sub(d.type) };
      if (d.minLength) out.minItems = d.minLength.value;
      return out;
    }
    case K.ZodObject: {
      const shape = (schema as z.AnyZodObject).shape as Record<string, z.ZodTypeAny>;
      const properties: Record<string, JsonSchema> = {};
      const required: string[] = [];
      for (const [key, value] of Object.entries(shape)) {
        properties[key] = sub(value);
        if (!value.isOptional()) required.push(key);
      }
      const out: JsonSchema = { type: 'object', properties };
      if (required.length) out.required = required;
      if ((schema as z.AnyZodObject)._def.unknownKeys === 'strict') out.additionalProperties = false;
      return out;
    }
    case K.ZodUnion:
      return { anyOf: (schema as z.ZodUnion<[z.ZodTypeAny, ...z.ZodTypeAny[]]>)._def.options.map(sub) };
    case K.ZodDiscriminatedUnion:
      return { anyOf: [...(schema as z.ZodDiscriminatedUnion<string, z.AnyZodObject[]>)._def.options].map(sub) };
    case K.ZodOptional:
      return sub((schema as z.ZodOptional<z.ZodTypeAny>)._def.innerType);
    case K.ZodNullable: {
      const inner = sub((schema as z.ZodNullable<z.ZodTypeAny>)._def.innerType);
      return { anyOf: [inner, { type: 'null' }] };
    }
    case K.ZodDefault: {
      const d = (schema as z.ZodDefault<z.ZodTypeAny>)._def;
      return { ...sub(d.innerType), default: d.defaultValue() };
    }
    case K.ZodEffects:
      // Transforms (e.g. service-source aliases) accept their input schema's values.
      return sub((schema as z.ZodEffects<z.ZodTypeAny>)._def.schema);
    case K.ZodLazy:
      return sub((schema as z.ZodLazy<z.ZodTypeAny>)._def.getter());
    default:
      throw new AppError('SchemaUnsupported', 'The LLM planner cannot describe the playbook spec to the model.', { detail: `toJsonSchema: zod type ${kind} is not supported; extend jsonSchema.ts`, isCatastrophic: true });
  }
}
