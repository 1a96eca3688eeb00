import type { FC } from "hono/jsx";
import type { ErrorDetail } from "../errors.ts";

export interface BackLink {
  href: string;
  label: string;
}

export const ErrorPage: FC<{
  status: number;
  message: string;
  details: ErrorDetail[];
  /** Where the person was (core/http/error-handler.tsx backLink). */
  back: BackLink;
  /** The staff home, on a staff page, when it is not already the way back. */
  home?: BackLink;
}> = ({ status, message, details, back, home }) => {
  // A detail that only repeats the message (a refusal naming its field) is not listed again.
  const listed = details.filter((d) => d.message !== message);
  return (
    <>
      <h1>{status === 404 ? "ページが見つかりません" : "エラーが発生しました"}</h1>
      <p class="lead">{message}</p>
      {listed.length > 0 ? (
        <ul>
          {listed.map((d) => (
            <li>
              <strong>{d.location}</strong>：{d.message}
            </li>
          ))}
        </ul>
      ) : null}
      <p class="actions">
        <a href={back.href}>{back.label}</a>
        {home && home.href !== back.href ? <a href={home.href}>{home.label}</a> : null}
      </p>
    </>
  );
};
