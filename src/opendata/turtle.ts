/**
 * The DCAT documents of dcat.ts written as Turtle (pure): the JSON-LD this module makes is
 * compact, with the prefixes of its context, so each node is written with those prefixes; a
 * nested node without an `@id` is a blank node `[ … ]`.
 */
type Json = unknown;

const quoted = (s: string) =>
  s.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n").replace(/\r/g, "\\r");

const iri = (s: string) => `<${s.replace(/[<>"{}|^`\\\s]/g, encodeURIComponent)}>`;

function term(v: Json, indent: string): string | undefined {
  if (v === undefined || v === null) return undefined;
  if (typeof v === "string") return `"${quoted(v)}"`;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  const o = v as Record<string, Json>;
  if ("@value" in o) {
    const lit = `"${quoted(String(o["@value"]))}"`;
    if (o["@language"]) return `${lit}@${o["@language"]}`;
    if (o["@type"]) return `${lit}^^${o["@type"]}`;
    return lit;
  }
  if ("@id" in o && Object.keys(o).length === 1) return iri(String(o["@id"]));
  if ("@id" in o) return iri(String(o["@id"])); // described where it is nested: see nested()
  return `[\n${body(o, `${indent}  `)}\n${indent}]`;
}

function body(node: Record<string, Json>, indent: string): string {
  const lines: string[] = [];
  if (node["@type"]) lines.push(`${indent}a ${[node["@type"]].flat().join(", ")}`);
  for (const [k, v] of Object.entries(node)) {
    if (k.startsWith("@")) continue;
    const objects = [v]
      .flat()
      .map((x) => term(x, indent))
      .filter((x): x is string => x !== undefined);
    if (objects.length) lines.push(`${indent}${k} ${objects.join(", ")}`);
  }
  return lines.join(" ;\n");
}

/**
 * Every node with an `@id` and more than its id, depth first, each written once: a node met twice
 * (a dataset is its own landing page) is written with the classes and properties of both.
 */
function nested(node: Json, out: Map<string, Record<string, Json>>) {
  if (!node || typeof node !== "object") return;
  if (Array.isArray(node)) {
    for (const x of node) nested(x, out);
    return;
  }
  const o = node as Record<string, Json>;
  if (typeof o["@id"] === "string" && Object.keys(o).some((k) => k !== "@id")) {
    const seen = out.get(o["@id"]);
    if (!seen) out.set(o["@id"], o);
    else if (seen !== o) {
      const types = [...new Set([seen["@type"], o["@type"]].flat().filter((t) => t !== undefined))];
      out.set(o["@id"], { ...o, ...seen, ...(types.length ? { "@type": types } : {}) });
    }
  }
  for (const [k, v] of Object.entries(o)) if (!k.startsWith("@")) nested(v, out);
}

/** A JSON-LD document of dcat.ts (with its `@context` of prefixes) as Turtle. */
export function toTurtle(doc: Record<string, Json>): string {
  const context = (doc["@context"] ?? {}) as Record<string, string>;
  const prefixes = Object.entries(context).map(([p, ns]) => `@prefix ${p}: <${ns}> .`);
  const nodes = new Map<string, Record<string, Json>>();
  nested(doc, nodes);
  const blocks = [...nodes.values()].map((n) => `${iri(String(n["@id"]))}\n${body(n, "  ")} .`);
  return `${prefixes.join("\n")}\n\n${blocks.join("\n\n")}\n`;
}
