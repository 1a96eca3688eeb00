/** What the survey pages read from a request: the survey's id and the answers' fields. */
import { recordIdOf } from "../core/errors.ts";
import { type FormBody, formList } from "../core/forms.ts";
import type { Fields } from "./answering.ts";

/** A survey id from the path, or a 404. */
export const surveyIdOf = (raw: string) => recordIdOf(raw, "調査");

/** Form fields by name, each as its list of text values (the answers' shape). */
export const fieldsOf = (form: FormBody): Fields =>
  Object.fromEntries(Object.keys(form).map((k) => [k, formList(form[k])]));
