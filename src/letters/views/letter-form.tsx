/** The public form of a letter to the mayor: works without JavaScript, every field labelled. */
import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../../core/errors.ts";
import { ErrorSummary, errorAria, FieldError } from "../../core/views/form.tsx";
import { ATTACHMENT_LIMITS } from "../attachments.ts";
import { CATEGORIES, HONEYPOT, KIND_LABELS, type LetterSubmission, LIMITS } from "../rules.ts";
import { LETTER_KINDS } from "../schema.ts";

const FIELDS = [
  "subject",
  "body",
  "category",
  "kind",
  "attachments",
  "name",
  "address",
  "phone",
  "email",
  "consentPublish",
  "consentContact",
];

const Text: FC<{
  name: keyof LetterSubmission & keyof typeof LIMITS;
  label: string;
  value: string;
  details?: ErrorDetail[];
  required?: boolean;
  hint?: string;
  type?: string;
  autocomplete?: string;
  multiline?: boolean;
}> = ({ name, label, value, details, required, hint, type, autocomplete, multiline }) => {
  const hintId = `${name}-hint`;
  const attrs = {
    id: name,
    name,
    required,
    maxlength: LIMITS[name],
    ...errorAria(name, details, hintId),
  };
  return (
    <div>
      <label for={name}>
        {label}
        {required ? <span class="required">（必須）</span> : "（任意）"}
      </label>
      <p class="hint" id={hintId}>
        {hint ? `${hint} ` : ""}
        {LIMITS[name]}文字以内。
      </p>
      {multiline ? (
        <textarea {...attrs} rows={10}>
          {value}
        </textarea>
      ) : (
        <input {...attrs} type={type ?? "text"} autocomplete={autocomplete} value={value} />
      )}
      <FieldError field={name} details={details} />
    </div>
  );
};

const YesNo: FC<{
  name: string;
  legend: string;
  hint: string;
  value: string;
  details?: ErrorDetail[];
}> = ({ name, legend, hint, value, details }) => (
  <fieldset id={name} class="choices">
    <legend>
      {legend}
      <span class="required">（必須）</span>
    </legend>
    <p class="hint" id={`${name}-hint`}>
      {hint}
    </p>
    <FieldError field={name} details={details} />
    <div class="check">
      <input type="radio" id={`${name}-yes`} name={name} value="yes" checked={value === "yes"} />{" "}
      <label for={`${name}-yes`}>はい</label>
    </div>
    <div class="check">
      <input type="radio" id={`${name}-no`} name={name} value="no" checked={value === "no"} />{" "}
      <label for={`${name}-no`}>いいえ</label>
    </div>
  </fieldset>
);

export const LetterForm: FC<{
  code: string;
  mayorOf: string;
  submitted?: LetterSubmission;
  errors?: { message: string; details: ErrorDetail[] };
}> = ({ code, mayorOf, submitted, errors }) => {
  const v = (k: keyof LetterSubmission) => submitted?.[k] ?? "";
  const d = errors?.details;
  return (
    <>
      <h1>市長へのたより</h1>
      <p class="lead">
        {mayorOf}
        のまちづくりへのご提案・ご要望・ご意見をお寄せください。送信すると受付番号と、対応の状況を確認できるページのアドレスが表示されます。
      </p>
      <p>
        お名前・ご住所・電話番号・メールアドレスと添付ファイルは公開しません。公表に同意いただいた場合も、個人が分かる部分を伏せた内容だけを
        <a href={`/${code}/letters`}>公開中のたより</a>に掲載します。
      </p>
      {errors ? (
        <ErrorSummary message={errors.message} details={errors.details} fields={FIELDS} />
      ) : null}
      <form
        method="post"
        action={`/${code}/letters/new`}
        enctype="multipart/form-data"
        class="stack"
      >
        <fieldset class="stack">
          <legend>たよりの内容</legend>
          <Text name="subject" label="件名" value={v("subject")} details={d} required />
          <Text name="body" label="内容" value={v("body")} details={d} required multiline />
          <div>
            <label for="category">
              分野<span class="required">（必須）</span>
            </label>
            <select id="category" name="category" required {...errorAria("category", d)}>
              <option value="">選んでください</option>
              {Object.entries(CATEGORIES).map(([k, label]) => (
                <option value={k} selected={v("category") === k}>
                  {label}
                </option>
              ))}
            </select>
            <FieldError field="category" details={d} />
          </div>
          <fieldset id="kind" class="choices">
            <legend>
              たよりの種類<span class="required">（必須）</span>
            </legend>
            <p class="hint" id="kind-hint">
              市の取組への新しいアイデアは「提案」を選んでください。市で分類を見直すことがあります。
            </p>
            <FieldError field="kind" details={d} />
            {LETTER_KINDS.map((k) => (
              <div class="check">
                <input
                  type="radio"
                  id={`kind-${k}`}
                  name="kind"
                  value={k}
                  checked={v("kind") === k}
                />{" "}
                <label for={`kind-${k}`}>{KIND_LABELS[k]}</label>
              </div>
            ))}
          </fieldset>
          <div>
            <label for="attachments">添付ファイル（任意）</label>
            <p class="hint" id="attachments-hint">
              画像（JPEG・PNG）かPDFを{ATTACHMENT_LIMITS.count}
              つまで、1ファイル5MBまで。添付ファイルは公開しません。
            </p>
            <input
              type="file"
              id="attachments"
              name="attachments"
              multiple
              accept="image/jpeg,image/png,application/pdf"
              {...errorAria("attachments", d, "attachments-hint")}
            />
            <FieldError field="attachments" details={d} />
          </div>
        </fieldset>
        <fieldset class="stack">
          <legend>あなたのこと（公開しません）</legend>
          <Text
            name="name"
            label="お名前"
            value={v("name")}
            details={d}
            required
            autocomplete="name"
          />
          <Text
            name="address"
            label="ご住所"
            value={v("address")}
            details={d}
            autocomplete="street-address"
          />
          <Text
            name="phone"
            label="電話番号"
            value={v("phone")}
            details={d}
            type="tel"
            autocomplete="tel"
            hint="例: 0299-23-1111。"
          />
          <Text
            name="email"
            label="メールアドレス"
            value={v("email")}
            details={d}
            type="email"
            autocomplete="email"
            hint="連絡を希望されると、対応が進むたびにこのアドレスへお知らせします。"
          />
        </fieldset>
        <YesNo
          name="consentPublish"
          legend="内容の公表に同意しますか"
          hint="「はい」の場合、個人が分かる部分を伏せたうえで、内容と市の対応をこのサイトで公開することがあります。"
          value={v("consentPublish")}
          details={d}
        />
        <YesNo
          name="consentContact"
          legend="市からの連絡を希望しますか"
          hint="「はい」の場合、担当課から回答や対応の状況をお知らせします。"
          value={v("consentContact")}
          details={d}
        />
        <div class="visually-hidden" aria-hidden="true">
          <label for={HONEYPOT}>この欄には何も入力しないでください</label>
          <input
            type="text"
            id={HONEYPOT}
            name={HONEYPOT}
            tabindex={-1}
            autocomplete="off"
            value=""
          />
        </div>
        <div class="actions">
          <button type="submit">送信する</button>
        </div>
      </form>
    </>
  );
};
