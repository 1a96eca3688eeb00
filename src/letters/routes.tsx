/**
 * Public pages of letters to the mayor: the form, the writer's private status page, the list of
 * published letters and one published letter. Nothing here reads a writer's personal data but
 * the status page, and that only with the writer's own token.
 */
import { type Context, Hono, type MiddlewareHandler } from "hono";
import { bodyLimit } from "hono/body-limit";
import { csrf } from "hono/csrf";
import type { Db } from "../core/db/client.ts";
import { AppError } from "../core/errors.ts";
import { type FormBody, formText } from "../core/forms.ts";
import { answer } from "../core/http/answer.ts";
import { clientAddress } from "../core/http/client-address.ts";
import { checkFormText } from "../core/http/request-text.ts";
import { SharedFailureLimiter } from "../core/http/shared-limit.ts";
import { municipalityOf } from "../core/http/tenant.ts";
import { Layout } from "../core/views/layout.tsx";
import { meetingRoutes } from "../meetings/index.ts";
import { ATTACHMENT_LIMITS, type UploadedFile } from "./attachments.ts";
import { findByToken, findPublished, listPublished, type PublicFilter } from "./queries.ts";
import { receiveLetter, writerActor } from "./receive.ts";
import { letterFormState } from "./reception.ts";
import { eraseContact, statusLinkActor } from "./retention.ts";
import { awaitsReply, isContactErased } from "./retention-rules.ts";
import {
  HONEYPOT,
  isCategory,
  isOutcome,
  isReceiptNumber,
  type LetterSubmission,
} from "./rules.ts";
import { LetterForm } from "./views/letter-form.tsx";
import {
  EraseContactPage,
  FormClosedPage,
  PublicLetterPage,
  PublicListPage,
  StatusPage,
} from "./views/public-pages.tsx";

/** Letters one address may send in an hour. */
export const LETTERS_PER_HOUR = 5;
/** The largest request the form accepts: every attachment at its limit, and the text. */
const MAX_REQUEST = ATTACHMENT_LIMITS.count * ATTACHMENT_LIMITS.bytes + 256 * 1024;

const submissionOf = (form: FormBody): LetterSubmission => ({
  subject: formText(form.subject),
  body: formText(form.body),
  category: formText(form.category),
  kind: formText(form.kind),
  name: formText(form.name),
  address: formText(form.address),
  phone: formText(form.phone),
  email: formText(form.email),
  consentPublish: formText(form.consentPublish),
  consentContact: formText(form.consentContact),
  honeypot: formText(form[HONEYPOT]),
});

async function filesOf(form: FormBody): Promise<UploadedFile[]> {
  const raw = form.attachments;
  const list = Array.isArray(raw) ? raw : raw === undefined ? [] : [raw];
  const files: UploadedFile[] = [];
  for (const f of list)
    if (typeof f !== "string")
      files.push({ name: f.name, bytes: new Uint8Array(await f.arrayBuffer()) });
  return files;
}

export function letterRoutes(db: Db, opts: { perHour?: number } = {}) {
  const app = new Hono();
  // Counted in the database: every process of the server shares it (SHISAKU_WORKERS).
  const limiter = new SharedFailureLimiter(
    db,
    "letter",
    opts.perHour ?? LETTERS_PER_HOUR,
    60 * 60 * 1000,
  );
  const crumbs = (code: string, label?: string) => [
    { href: `/${code}/`, label: "ホーム" },
    ...(label
      ? [{ href: `/${code}/letters`, label: "市長へのたより" }, { label }]
      : [{ label: "市長へのたより" }]),
  ];

  const formPage = async (
    c: Context,
    extra: {
      submitted?: LetterSubmission;
      errors?: { message: string; details: { location: string; message: string }[] };
    } = {},
    status: 200 | 400 | 413 | 429 = 200,
  ) => {
    const m = municipalityOf(c);
    return c.html(
      <Layout title="市長へのたより" municipality={m} crumbs={crumbs(m.code, "たよりを送る")}>
        <LetterForm code={m.code} mayorOf={m.name} {...extra} />
      </Layout>,
      status,
    );
  };

  app.get("/:code/letters", async (c) => {
    const m = municipalityOf(c);
    const q = (k: string) => c.req.query(k)?.trim() ?? "";
    const fy = /^\d{4}$/.test(q("fy")) ? Number(q("fy")) : undefined;
    const filter: PublicFilter = {
      category: isCategory(q("category")) ? q("category") : undefined,
      outcome: isOutcome(q("outcome")) ? q("outcome") : undefined,
      node: q("node") || undefined,
      fiscalYear: fy,
    };
    const [found, reception] = await Promise.all([
      listPublished(db, m.code, filter),
      letterFormState(db, m.code),
    ]);
    return c.html(
      <Layout title="市長へのたより" municipality={m} crumbs={crumbs(m.code)}>
        <PublicListPage code={m.code} filter={filter} formOpen={reception.open} {...found} />
      </Layout>,
    );
  });

  /**
   * The form is there only while the municipality receives letters (an admin opened it and
   * someone is assigned to receive them): else 404 with a page that says so, before anything of
   * a post is read.
   */
  const receiving: MiddlewareHandler = async (c, next) => {
    const m = municipalityOf(c);
    if ((await letterFormState(db, m.code)).open) return next();
    return c.html(
      <Layout title="市長へのたより" municipality={m} crumbs={crumbs(m.code, "たよりを送る")}>
        <FormClosedPage code={m.code} name={m.name} />
      </Layout>,
      404,
    );
  };

  app.get("/:code/letters/new", receiving, (c) => formPage(c));

  app.post(
    "/:code/letters/new",
    receiving,
    csrf(),
    bodyLimit({
      maxSize: MAX_REQUEST,
      onError: (c) =>
        formPage(
          c,
          {
            errors: {
              message: "送信できませんでした",
              details: [
                {
                  location: "attachments",
                  message: `送信する内容が大きすぎます。添付ファイルは${ATTACHMENT_LIMITS.count}つまで、1ファイル5MBまでです`,
                },
              ],
            },
          },
          413,
        ),
    }),
    async (c) => {
      const m = municipalityOf(c);
      const address = clientAddress(c);
      const key = address ?? "unknown";
      const form = await c.req.parseBody({ all: true });
      // This form is read here, after its own limit, rather than by the app's text check.
      checkFormText(form);
      const submitted = submissionOf(form);
      const files = await filesOf(form);
      const again = files.some((f) => f.bytes.length > 0)
        ? "（添付ファイルは、お手数ですがもう一度選んでください）"
        : "";
      const wait = await limiter.blockedFor(m.code, key);
      if (wait > 0)
        return formPage(
          c,
          {
            submitted,
            errors: {
              message: `短い時間に続けて送信されたため、受け付けを一時止めています。約${Math.ceil(wait / 60)}分後にもう一度お試しください${again}`,
              details: [],
            },
          },
          429,
        );
      const origin = new URL(c.req.url).origin;
      const statusPath = (token: string) => `/${m.code}/letters/status/${token}`;
      const outcome = await receiveLetter(
        { db, municipality: m.code, who: null, actor: writerActor(address) },
        {
          submission: submitted,
          files,
          statusUrl: (t) => `${origin}${statusPath(t)}`,
          staffUrl: (receipt) => `${origin}/${m.code}/manage/letters/${receipt}`,
          municipalityName: m.name,
        },
      );
      return answer(outcome, {
        saved: async ({ token }) => {
          await limiter.fail(m.code, key);
          return c.redirect(`${statusPath(token)}?sent=1`, 303);
        },
        invalid: async (o) => {
          if (o.details.some((d) => d.location === HONEYPOT)) {
            await limiter.fail(m.code, key);
            throw new AppError("bad_request", "送信できませんでした");
          }
          return formPage(
            c,
            { submitted, errors: { message: `${o.message}${again}`, details: o.details } },
            400,
          );
        },
      });
    },
  );

  /**
   * The writer's own letter, found by the private token in the address — the only thing that
   * shows it is theirs (no account, no session): a 404 for a token of no letter of this
   * municipality. The address is the key: never sent on to other sites, kept or indexed.
   */
  const ownLetter = async (c: Context) => {
    const m = municipalityOf(c);
    const token = c.req.param("token")!;
    const own = /^[A-Za-z0-9_-]{20,64}$/.test(token)
      ? await findByToken(db, m.code, token)
      : undefined;
    if (own?.letter.source !== "letter")
      throw new AppError(
        "not_found",
        "このアドレスのたよりは見つかりません。アドレスをもう一度確かめてください",
      );
    c.header("Cache-Control", "no-store");
    c.header("Referrer-Policy", "no-referrer");
    c.header("X-Robots-Tag", "noindex");
    const statusPath = `/${m.code}/letters/status/${token}`;
    return { m, token, own, statusPath, eraseAction: `${statusPath}/erase-contact` };
  };

  app.get("/:code/letters/status/:token", async (c) => {
    const { m, token, own, eraseAction } = await ownLetter(c);
    return c.html(
      <Layout
        title={`受付番号 ${own.letter.receiptNumber}`}
        municipality={m}
        crumbs={crumbs(m.code, "対応の状況")}
      >
        <StatusPage
          code={m.code}
          own={own}
          sent={c.req.query("sent") === "1"}
          url={`${new URL(c.req.url).origin}/${m.code}/letters/status/${token}`}
          eraseAction={eraseAction}
        />
      </Layout>,
    );
  });

  /**
   * The writer asks for their contact details to be erased: the first post shows what that
   * means (and, when the city still owes a reply, that none can be sent); the confirmed one
   * erases at once and goes back to the status page. Posts from other sites are refused.
   */
  app.post(
    "/:code/letters/status/:token/erase-contact",
    csrf(),
    // The application's body limit (1 MB) and text check apply: the form is read once, there.
    async (c) => {
      const { m, token, own, statusPath, eraseAction } = await ownLetter(c);
      const form = await c.req.parseBody();
      if (isContactErased(own.letter)) return c.redirect(statusPath, 303);
      if (formText(form.confirm) !== "yes")
        return c.html(
          <Layout
            title={`連絡先の削除（受付番号 ${own.letter.receiptNumber}）`}
            municipality={m}
            crumbs={crumbs(m.code, "連絡先の削除")}
          >
            <EraseContactPage
              receiptNumber={own.letter.receiptNumber}
              statusPath={statusPath}
              eraseAction={eraseAction}
              awaitsReply={awaitsReply(own.letter)}
            />
          </Layout>,
        );
      const erased = await eraseContact(
        { db, municipality: m.code, who: null, actor: statusLinkActor(clientAddress(c)) },
        { token },
      );
      return answer(erased, {
        saved: () => c.redirect(statusPath, 303),
        invalid: () => c.redirect(statusPath, 303),
      });
    },
  );

  app.get("/:code/letters/:receiptNumber", async (c) => {
    const m = municipalityOf(c);
    const receipt = c.req.param("receiptNumber");
    const letter = isReceiptNumber(receipt) ? await findPublished(db, m.code, receipt) : undefined;
    if (!letter)
      throw new AppError("not_found", `受付番号 ${receipt} の公開中のたよりはありません`);
    return c.html(
      <Layout title={letter.subject} municipality={m} crumbs={crumbs(m.code, letter.receiptNumber)}>
        <PublicLetterPage code={m.code} letter={letter} />
      </Layout>,
    );
  });

  // Town meetings and the proposals touching a measure: the same public side of voice.
  app.route("/", meetingRoutes(db));

  return app;
}
