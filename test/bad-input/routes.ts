/**
 * The routes of the API as the application describes them in /api/openapi.json: the corpus is built
 * from this list, so a route added to the product is covered by the generic cases without a change here.
 */

/** The slice of JSON Schema the OpenAPI document uses for requests. */
export interface Schema {
  $ref?: string;
  type?: string | string[];
  format?: string;
  pattern?: string;
  enum?: unknown[];
  const?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  example?: unknown;
  default?: unknown;
  properties?: Record<string, Schema>;
  required?: string[];
  items?: Schema;
  minItems?: number;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
}

export interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required: boolean;
  schema: Schema;
}

export type Access = { public: true } | { authenticated: true } | { permission: string };

export interface Route {
  /** `METHOD /path/{param}` as in the document: the key the corpus counts by. */
  key: string;
  method: string;
  path: string;
  access: Access;
  zones: string[];
  params: Parameter[];
  query: Parameter[];
  /** The declared request body media types and their schemas, if any. */
  body?: { mediaType: string; schema: Schema };
}

interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content?: Record<string, { schema: Schema }> }; 'x-yakuba-access'?: Access & { zones: string[] } }>>;
  components?: { schemas?: Record<string, Schema> };
}

export class RouteList {
  readonly routes: Route[];
  private readonly schemas: Record<string, Schema>;

  constructor(document: OpenApiDocument) {
    this.schemas = document.components?.schemas ?? {};
    this.routes = [];
    for (const [path, operations] of Object.entries(document.paths)) {
      for (const [method, op] of Object.entries(operations)) {
        const access = op['x-yakuba-access'];
        if (!access) throw new Error(`${method} ${path} declares no access in the OpenAPI document`);
        const { zones, ...rest } = access;
        const content = Object.entries(op.requestBody?.content ?? {});
        if (content.length > 1) throw new Error(`${method} ${path}: more than one body media type; teach the corpus about it`);
        const parameters = op.parameters ?? [];
        this.routes.push({
          key: `${method.toUpperCase()} ${path}`,
          method: method.toUpperCase(),
          path,
          access: rest as Access,
          zones,
          params: parameters.filter((p) => p.in === 'path'),
          query: parameters.filter((p) => p.in === 'query'),
          ...(content[0] ? { body: { mediaType: content[0][0], schema: this.resolve(content[0][1].schema) } } : {}),
        });
      }
    }
  }

  /** `$ref` followed to its component. */
  resolve(schema: Schema): Schema {
    let s = schema;
    for (let hops = 0; s.$ref; hops++) {
      if (hops > 20) throw new Error(`reference loop at ${schema.$ref}`);
      s = this.schemas[s.$ref.split('/').pop()!]!;
    }
    return s;
  }

  /** The types a schema admits, `null` aside (a union's first branch stands for the union). */
  typeOf(schema: Schema): string | undefined {
    const s = this.resolve(schema);
    if (Array.isArray(s.type)) return s.type.find((t) => t !== 'null');
    if (s.type) return s.type;
    if (s.properties) return 'object';
    const branch = s.oneOf?.[0] ?? s.anyOf?.[0] ?? s.allOf?.[0];
    return branch ? this.typeOf(branch) : undefined;
  }

  /** The object's properties, allOf merged. */
  propertiesOf(schema: Schema): { properties: Record<string, Schema>; required: string[] } {
    const s = this.resolve(schema);
    if (s.allOf) {
      const parts = s.allOf.map((p) => this.propertiesOf(p));
      return { properties: Object.assign({}, ...parts.map((p) => p.properties)), required: parts.flatMap((p) => p.required) };
    }
    return { properties: s.properties ?? {}, required: s.required ?? [] };
  }

  /**
   * A value of the schema's shape: the example, the default or the first allowed value, else a
   * made-up one. Only plausible — not meant to pass the route's own checks, only to carry the one
   * broken value of a case past the shape of the others.
   */
  plausible(schema: Schema, depth = 0): unknown {
    const s = this.resolve(schema);
    if (s.example !== undefined) return s.example;
    if (s.default !== undefined) return s.default;
    if (s.enum) return s.enum[0];
    if (s.const !== undefined) return s.const;
    if (depth > 6) return null;
    const branch = s.oneOf?.[0] ?? s.anyOf?.[0];
    if (branch && !s.type) return this.plausible(branch, depth + 1);
    switch (this.typeOf(s)) {
      case 'object': {
        const { properties, required } = this.propertiesOf(s);
        return Object.fromEntries(required.filter((k) => properties[k]).map((k) => [k, this.plausible(properties[k]!, depth + 1)]));
      }
      case 'array':
        return s.items ? [this.plausible(s.items, depth + 1)] : [];
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return false;
      case 'string':
        if (s.format === 'date') return '2026-04-01';
        if (s.format === 'uuid') return '01890a5d-ac96-774b-bcce-b302099a8057';
        if (s.format === 'email') return 'someone@example.jp';
        return 'あ'.repeat(Math.max(1, s.minLength ?? 1));
      default:
        return null;
    }
  }
}
