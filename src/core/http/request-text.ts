/**
 * Text the database cannot keep, refused where it enters: PostgreSQL refuses U+0000 in text,
 * and a lone UTF-16 surrogate has no UTF-8 form. Such a character in a path parameter, a query
 * parameter, a form field or anywhere in a JSON body — or percent-encoding that is not UTF-8 —
 * is answered 400 naming the field, before any route reads the request.
 */
import type { Context, MiddlewareHandler } from "hono";
import { matchedRoutes } from "hono/route";
import { AppError } from "../errors.ts";
import type { FormBody } from "../forms.ts";
import { formatPath } from "../validation.ts";
import { readsOwnBody } from "./body-limit.ts";

const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
const LONE_SURROGATES = new RegExp(LONE_SURROGATE.source, "g");

/** What in the text the database cannot keep, or null when all of it can be kept. */
export function unusableCharacter(text: string): string | null {
  if (text.includes("\u0000")) return "NUL";
  if (LONE_SURROGATE.test(text)) return "対になっていないサロゲート";
  return null;
}

/** A name as it can be shown: the characters the database cannot keep written as escapes. */
const shown = (name: string) =>
  name
    .replaceAll("\u0000", "\\0")
    .replace(
      LONE_SURROGATES,
      (ch) => `\\u${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, "0")}`,
    );

function refuse(field: string, problem: string): never {
  throw new AppError("bad_request", `${field} に${problem}`, [
    { location: field, message: problem },
  ]);
}

/** Refuses (400) a text the database cannot keep, naming its field. */
export function checkText(field: string, text: string) {
  const bad = unusableCharacter(text);
  if (bad) refuse(field, `使えない文字（${bad}）が含まれています`);
}

/** Where a value is in a JSON body: its key and its parent's place (built only for an error). */
interface Place {
  key: string | number;
  parent: Place | null;
}

const pathOf = (place: Place | null) => {
  const path: (string | number)[] = [];
  for (let p = place; p; p = p.parent) path.unshift(p.key);
  return path;
};

/** Every key and string in a parsed JSON value, named as validation errors name them. */
export function checkJsonText(value: unknown) {
  // A stack, not recursion, and no path copied per value: a deeply nested body must cost
  // neither the call stack nor time.
  const stack: [unknown, Place | null][] = [[value, null]];
  while (stack.length > 0) {
    const [v, place] = stack.pop()!;
    if (typeof v === "string") {
      if (unusableCharacter(v)) checkText(formatPath(pathOf(place)) || "(全体)", v);
    } else if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push([v[i], { key: i, parent: place }]);
    } else if (v !== null && typeof v === "object") {
      for (const [key, item] of Object.entries(v)) {
        if (unusableCharacter(key)) checkText(formatPath([...pathOf(place), shown(key)]), key);
        stack.push([item, { key, parent: place }]);
      }
    }
  }
}

/** Every field name, text value and file name of a parsed form. */
export function checkFormText(form: FormBody) {
  for (const [key, value] of Object.entries(form)) {
    const field = shown(key);
    checkText(field, key);
    for (const v of Array.isArray(value) ? value : [value]) {
      if (typeof v === "string") checkText(field, v);
      else if (v) checkText(`${field}（ファイル名）`, v.name);
    }
  }
}

/** decodeURIComponent, or undefined where the percent-encoding is not UTF-8. */
const decoded = (raw: string) => {
  try {
    return decodeURIComponent(raw);
  } catch {
    return undefined;
  }
};

const BAD_ENCODING = "% による符号化が正しくありません（UTF-8 で符号化してください）";

/** The name of the path parameter at a segment of the path, from the routes it matched. */
function parameterAt(c: Context, segment: number) {
  for (const route of matchedRoutes(c).reverse()) {
    const part = route.path.split("/")[segment];
    if (part?.startsWith(":")) return part.slice(1).replace(/\{.*$/, "").replace(/\?$/, "");
  }
  return `パスの ${segment} 番目の部分`;
}

function checkUrl(c: Context) {
  if (!c.req.url.includes("%")) return; // nothing can be wrong without percent-encoding
  const url = new URL(c.req.url);
  url.pathname.split("/").forEach((raw, i) => {
    if (!raw.includes("%")) return;
    const text = decoded(raw);
    if (text === undefined) refuse(parameterAt(c, i), BAD_ENCODING);
    checkText(parameterAt(c, i), text);
  });
  for (const pair of url.search.slice(1).split("&")) {
    if (!pair.includes("%")) continue;
    const eq = pair.indexOf("=");
    const [rawKey, rawValue] = eq < 0 ? [pair, ""] : [pair.slice(0, eq), pair.slice(eq + 1)];
    const key = decoded(rawKey.replace(/\+/g, " "));
    if (key === undefined) refuse(rawKey, BAD_ENCODING);
    checkText(shown(key), key);
    const value = decoded(rawValue.replace(/\+/g, " "));
    if (value === undefined) refuse(key, BAD_ENCODING);
    checkText(key, value);
  }
}

const JSON_TYPE = /^application\/([\w.-]+\+)?json$/;
const FORM_TYPES = ["application/x-www-form-urlencoded", "multipart/form-data"];

async function checkBody(c: Context) {
  // The method first: asking a GET for its body would build the whole Web Request.
  if (c.req.method === "GET" || c.req.method === "HEAD" || !c.req.raw.body) return;
  const type = (c.req.header("content-type") ?? "").split(";")[0]!.trim().toLowerCase();
  if (JSON_TYPE.test(type)) {
    // Hono keeps the text it read: the route's validator parses it again without reading.
    let value: unknown;
    try {
      value = await c.req.json();
    } catch {
      throw new AppError("bad_request", "本文を JSON として読み取れません", [
        { location: "(本文)", message: "JSON の書き方が正しくありません" },
      ]);
    }
    checkJsonText(value);
  } else if (FORM_TYPES.includes(type) && !readsOwnBody(c)) {
    // Hono keeps the parsed form: the route reads it again without reading the body.
    let form: FormBody;
    try {
      form = await c.req.parseBody({ all: true });
    } catch {
      throw new AppError("bad_request", "送信されたフォームの内容を読み取れません");
    }
    checkFormText(form);
  }
}

/**
 * Refuses (400, naming the field) a path or query parameter, form field or JSON value the
 * database cannot keep. After the body limits: a form or JSON body is read here, once.
 */
export function rejectUnusableText(): MiddlewareHandler {
  return async function rejectUnusableText(c, next) {
    checkUrl(c);
    await checkBody(c);
    await next();
  };
}
